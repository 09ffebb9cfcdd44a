import { importProcedures } from '../../modules/procedures/procedures.service.js';
import type { FieldDefinition } from '../../platform/forms/definition.js';
import type { Db } from '../connection.js';

/**
 * Demo procedure catalog: real administrative procedures (thủ tục hành chính) of the commune and
 * provincial levels, with their names, legally prescribed processing times (in working days; the
 * "within the day" procedures are given 1, since a dossier received after 15:00 is answered the next
 * working day), fees, documents and legal bases. Codes are those of the national procedure database
 * where known; a few are plausible stand-ins. After the two-level reorganisation of July 2025, civil
 * status, certification, household businesses, individual building permits and first land
 * certificates for households are handled by the commune People's Committee; criminal records and
 * driving licences by the provincial police. Each procedure names one demo agency by its code.
 * `fees` and `documents` use the import's text syntax (modules/procedures/procedures.import.ts).
 */
export interface DemoProcedure {
  code: string;
  name: string;
  field: string;
  agencyCode: string;
  level: 'full' | 'partial';
  processingDays: number;
  fees: string;
  documents: string;
  result: string;
  legalBasis: string;
  form: { fields: FieldDefinition[] };
}

// form building blocks --------------------------------------------------------------------------

const req = { required: true } as const;
const text = (name: string, label: string, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  name,
  type: 'text',
  label,
  ...req,
  maxLength: 200,
  ...extra,
});
const date = (name: string, label: string, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  name,
  type: 'date',
  label,
  ...req,
  maxDate: 'today',
  ...extra,
});
const idNumber = (name: string, label: string, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  name,
  type: 'id_number',
  label,
  ...req,
  ...extra,
});
const address = (name: string, label: string, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  name,
  type: 'address',
  label,
  ...req,
  ...extra,
});
const files = (name: string, label: string, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  name,
  type: 'attachment',
  label,
  ...req,
  accept: 'any',
  maxFiles: 5,
  ...extra,
});
const note = (name = 'ghi_chu', label = 'Ghi chú'): FieldDefinition => ({
  name,
  type: 'textarea',
  label,
  maxLength: 1000,
});
const GENDER: FieldDefinition = {
  name: 'gioi_tinh',
  type: 'select',
  label: 'Giới tính',
  ...req,
  options: [
    { value: 'nam', label: 'Nam' },
    { value: 'nu', label: 'Nữ' },
  ],
};
const COPIES: FieldDefinition = {
  name: 'so_ban_sao',
  type: 'number',
  label: 'Số bản sao trích lục đề nghị cấp',
  integer: true,
  min: 0,
  max: 20,
};
const PLEDGE: FieldDefinition = {
  name: 'cam_doan',
  type: 'checkbox',
  label: 'Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật.',
  ...req,
};
/** Who files: name, citizen ID, phone, residence. */
const applicant = (who = 'người yêu cầu'): FieldDefinition[] => [
  text('ho_ten_nguoi_yeu_cau', `Họ, chữ đệm, tên ${who}`),
  idNumber('so_cccd_nguoi_yeu_cau', `Số CCCD của ${who}`),
  { name: 'so_dien_thoai', type: 'phone', label: 'Số điện thoại liên hệ', ...req },
  address('noi_cu_tru', 'Nơi cư trú'),
];
const CCCD_SCAN = files('anh_cccd', 'Ảnh chụp CCCD (hai mặt)', { accept: 'image', maxFiles: 2 });

const HOUSEHOLD_BUSINESS_LINES: FieldDefinition = {
  name: 'nganh_nghe',
  type: 'table',
  label: 'Ngành, nghề kinh doanh',
  ...req,
  maxRows: 20,
  columns: [
    text('ten_nganh', 'Tên ngành'),
    text('ma_nganh', 'Mã ngành cấp 4 (VSIC)', { required: false, maxLength: 10 }),
  ],
};

const LAND_PARCEL: FieldDefinition[] = [
  text('so_to', 'Tờ bản đồ số', { maxLength: 20 }),
  text('so_thua', 'Thửa đất số', { maxLength: 20 }),
  { name: 'dien_tich', type: 'number', label: 'Diện tích (m²)', ...req, min: 0.1, max: 10_000_000 },
  address('dia_chi_thua_dat', 'Địa chỉ thửa đất'),
];

// the catalog ------------------------------------------------------------------------------------

const HO_TICH = 'Hộ tịch';
const CHUNG_THUC = 'Chứng thực';
const HKD = 'Thành lập và hoạt động của hộ kinh doanh';
const HO_TICH_BASIS =
  'Luật Hộ tịch số 60/2014/QH13; Nghị định số 123/2015/NĐ-CP; Thông tư số 04/2020/TT-BTP; Thông tư số 85/2019/TT-BTC';
const CHUNG_THUC_BASIS =
  'Nghị định số 23/2015/NĐ-CP; Thông tư số 01/2020/TT-BTP; Thông tư số 226/2016/TT-BTC';

export const DEMO_PROCEDURES: DemoProcedure[] = [
  // Hộ tịch — UBND phường Tân Ninh
  {
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    field: HO_TICH,
    agencyCode: 'UBND-TANNINH',
    level: 'full',
    processingDays: 1,
    fees: '',
    documents:
      'Tờ khai đăng ký khai sinh theo mẫu (1 bản chính);Giấy chứng sinh (1 bản chính, trường hợp không có thì văn bản của người làm chứng hoặc giấy cam đoan về việc sinh)',
    result: 'Giấy khai sinh (bản chính) và số định danh cá nhân của trẻ',
    legalBasis: HO_TICH_BASIS,
    form: {
      fields: [
        text('ho_ten_tre', 'Họ, chữ đệm, tên của trẻ'),
        date('ngay_sinh', 'Ngày, tháng, năm sinh'),
        GENDER,
        text('dan_toc', 'Dân tộc', { maxLength: 50 }),
        address('noi_sinh', 'Nơi sinh'),
        text('ho_ten_me', 'Họ, chữ đệm, tên người mẹ'),
        idNumber('so_cccd_me', 'Số CCCD của người mẹ'),
        text('ho_ten_cha', 'Họ, chữ đệm, tên người cha', { required: false }),
        idNumber('so_cccd_cha', 'Số CCCD của người cha', { required: false }),
        {
          name: 'quan_he',
          type: 'select',
          label: 'Quan hệ của người đi khai sinh với trẻ',
          ...req,
          options: [
            { value: 'me', label: 'Mẹ' },
            { value: 'cha', label: 'Cha' },
            { value: 'ong_ba', label: 'Ông, bà' },
            { value: 'nguoi_than_khac', label: 'Người thân thích khác' },
          ],
        },
        COPIES,
        files('giay_chung_sinh', 'Giấy chứng sinh', { accept: 'any', maxFiles: 2 }),
        PLEDGE,
      ],
    },
  },
  {
    code: '1.000894',
    name: 'Đăng ký kết hôn',
    field: HO_TICH,
    agencyCode: 'UBND-TANNINH',
    level: 'partial',
    processingDays: 5,
    fees: '',
    documents:
      'Tờ khai đăng ký kết hôn theo mẫu (1 bản chính, hai bên nam, nữ cùng ký);Giấy xác nhận tình trạng hôn nhân (1 bản chính, nếu nơi cư trú khác nơi đăng ký kết hôn, không bắt buộc)',
    result: 'Giấy chứng nhận kết hôn (mỗi bên vợ, chồng một bản chính)',
    legalBasis: HO_TICH_BASIS,
    form: {
      fields: [
        text('ho_ten_nu', 'Họ, chữ đệm, tên bên nữ'),
        date('ngay_sinh_nu', 'Ngày sinh bên nữ'),
        idNumber('so_cccd_nu', 'Số CCCD bên nữ'),
        address('noi_cu_tru_nu', 'Nơi cư trú bên nữ'),
        text('ho_ten_nam', 'Họ, chữ đệm, tên bên nam'),
        date('ngay_sinh_nam', 'Ngày sinh bên nam'),
        idNumber('so_cccd_nam', 'Số CCCD bên nam'),
        address('noi_cu_tru_nam', 'Nơi cư trú bên nam'),
        { name: 'so_dien_thoai', type: 'phone', label: 'Số điện thoại liên hệ', ...req },
        {
          name: 'ngay_hen',
          type: 'date',
          label: 'Ngày mong muốn trao Giấy chứng nhận kết hôn',
          minDate: 'today',
        },
        PLEDGE,
      ],
    },
  },
  {
    code: '1.000656',
    name: 'Đăng ký khai tử',
    field: HO_TICH,
    agencyCode: 'UBND-TANNINH',
    level: 'full',
    processingDays: 1,
    fees: '',
    documents:
      'Tờ khai đăng ký khai tử theo mẫu (1 bản chính);Giấy báo tử hoặc giấy tờ thay Giấy báo tử (1 bản chính)',
    result: 'Trích lục khai tử (bản chính)',
    legalBasis: HO_TICH_BASIS,
    form: {
      fields: [
        text('ho_ten_nguoi_chet', 'Họ, chữ đệm, tên người đã chết'),
        idNumber('so_cccd_nguoi_chet', 'Số CCCD của người đã chết', { required: false }),
        date('ngay_chet', 'Ngày chết'),
        text('noi_chet', 'Nơi chết'),
        text('nguyen_nhan', 'Nguyên nhân chết', { required: false }),
        ...applicant(),
        text('quan_he', 'Quan hệ với người đã chết', { maxLength: 50 }),
        COPIES,
        files('giay_bao_tu', 'Giấy báo tử hoặc giấy tờ thay Giấy báo tử', { maxFiles: 2 }),
        PLEDGE,
      ],
    },
  },
  {
    code: '1.004873',
    name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
    field: HO_TICH,
    agencyCode: 'UBND-TANNINH',
    level: 'full',
    processingDays: 3,
    fees: 'Lệ phí:15000',
    documents:
      'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu (1 bản chính);Giấy tờ chứng minh đã ly hôn hoặc người vợ/chồng đã chết (1 bản sao, nếu đã từng kết hôn, không bắt buộc)',
    result: 'Giấy xác nhận tình trạng hôn nhân (có giá trị 6 tháng)',
    legalBasis: HO_TICH_BASIS,
    form: {
      fields: [
        ...applicant(),
        date('ngay_sinh', 'Ngày sinh'),
        {
          name: 'tinh_trang',
          type: 'select',
          label: 'Tình trạng hôn nhân hiện tại',
          ...req,
          options: [
            { value: 'chua_ket_hon', label: 'Chưa đăng ký kết hôn với ai' },
            { value: 'da_ly_hon', label: 'Đã ly hôn' },
            { value: 'vo_chong_chet', label: 'Vợ/chồng đã chết' },
            { value: 'dang_co_vo_chong', label: 'Đang có vợ/chồng' },
          ],
        },
        files('giay_to_ly_hon', 'Bản án, quyết định ly hôn hoặc trích lục khai tử', {
          showIf: { field: 'tinh_trang', in: ['da_ly_hon', 'vo_chong_chet'] },
          maxFiles: 3,
        }),
        {
          name: 'muc_dich',
          type: 'select',
          label: 'Mục đích sử dụng',
          ...req,
          options: [
            { value: 'ket_hon', label: 'Để đăng ký kết hôn' },
            { value: 'khac', label: 'Mục đích khác' },
          ],
        },
        text('noi_ket_hon', 'Kết hôn với ai, tại đâu', {
          showIf: { field: 'muc_dich', in: ['ket_hon'] },
          maxLength: 300,
        }),
        text('muc_dich_khac', 'Mục đích khác (ghi rõ)', { showIf: { field: 'muc_dich', in: ['khac'] } }),
        PLEDGE,
      ],
    },
  },
  {
    code: '2.000635',
    name: 'Cấp bản sao trích lục hộ tịch',
    field: HO_TICH,
    agencyCode: 'UBND-TANNINH',
    level: 'full',
    processingDays: 1,
    fees: 'Phí cấp bản sao trích lục:8000',
    documents: 'Tờ khai cấp bản sao trích lục hộ tịch theo mẫu (1 bản chính)',
    result: 'Bản sao trích lục hộ tịch',
    legalBasis: `${HO_TICH_BASIS}; Thông tư số 281/2016/TT-BTC`,
    form: {
      fields: [
        ...applicant(),
        {
          name: 'loai_trich_luc',
          type: 'select',
          label: 'Loại sự kiện hộ tịch',
          ...req,
          options: [
            { value: 'khai_sinh', label: 'Khai sinh' },
            { value: 'ket_hon', label: 'Kết hôn' },
            { value: 'khai_tu', label: 'Khai tử' },
            { value: 'khac', label: 'Khác' },
          ],
        },
        text('ho_ten_nguoi_duoc_cap', 'Họ, chữ đệm, tên người được cấp trích lục'),
        text('so_dang_ky', 'Số, quyển số đăng ký (nếu biết)', { required: false, maxLength: 50 }),
        date('ngay_dang_ky', 'Ngày đăng ký (nếu biết)', { required: false }),
        { ...COPIES, required: true, min: 1, label: 'Số bản sao đề nghị cấp' },
      ],
    },
  },
  {
    code: '1.004884',
    name: 'Đăng ký lại khai sinh',
    field: HO_TICH,
    agencyCode: 'UBND-TANNINH',
    level: 'partial',
    processingDays: 5,
    fees: 'Lệ phí:5000',
    documents:
      'Tờ khai đăng ký lại khai sinh theo mẫu (1 bản chính);Bản sao Giấy khai sinh cũ hoặc giấy tờ có thông tin khai sinh (1 bản sao);Văn bản cam đoan về việc đã đăng ký khai sinh nhưng không còn lưu giữ được bản chính (1 bản chính)',
    result: 'Giấy khai sinh (bản chính)',
    legalBasis: HO_TICH_BASIS,
    form: {
      fields: [
        text('ho_ten', 'Họ, chữ đệm, tên người được đăng ký lại khai sinh'),
        date('ngay_sinh', 'Ngày sinh'),
        GENDER,
        idNumber('so_cccd', 'Số CCCD'),
        text('noi_da_dang_ky', 'Nơi đã đăng ký khai sinh trước đây', { maxLength: 300 }),
        { name: 'so_dien_thoai', type: 'phone', label: 'Số điện thoại liên hệ', ...req },
        files('giay_to_khai_sinh', 'Giấy tờ có thông tin khai sinh (bản sao)'),
        PLEDGE,
      ],
    },
  },
  {
    code: '1.001022',
    name: 'Đăng ký nhận cha, mẹ, con',
    field: HO_TICH,
    agencyCode: 'UBND-TANNINH',
    level: 'partial',
    processingDays: 3,
    fees: 'Lệ phí:15000',
    documents:
      'Tờ khai đăng ký nhận cha, mẹ, con theo mẫu (1 bản chính);Văn bản của cơ quan y tế xác nhận quan hệ cha, mẹ, con hoặc chứng cứ chứng minh (1 bản sao)',
    result: 'Trích lục đăng ký nhận cha, mẹ, con',
    legalBasis: HO_TICH_BASIS,
    form: {
      fields: [
        ...applicant('người nhận'),
        text('ho_ten_nguoi_duoc_nhan', 'Họ, chữ đệm, tên người được nhận'),
        date('ngay_sinh_nguoi_duoc_nhan', 'Ngày sinh người được nhận'),
        {
          name: 'quan_he',
          type: 'select',
          label: 'Quan hệ',
          ...req,
          options: [
            { value: 'cha_con', label: 'Cha nhận con' },
            { value: 'me_con', label: 'Mẹ nhận con' },
            { value: 'con_cha_me', label: 'Con nhận cha, mẹ' },
          ],
        },
        files('chung_cu', 'Văn bản xác nhận ADN hoặc chứng cứ chứng minh quan hệ'),
        PLEDGE,
      ],
    },
  },
  {
    code: '1.004859',
    name: 'Thay đổi, cải chính, bổ sung thông tin hộ tịch',
    field: HO_TICH,
    agencyCode: 'UBND-TANNINH',
    level: 'full',
    processingDays: 3,
    fees: 'Lệ phí:15000',
    documents:
      'Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch theo mẫu (1 bản chính);Giấy tờ liên quan làm căn cứ thay đổi, cải chính (1 bản sao)',
    result: 'Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch',
    legalBasis: HO_TICH_BASIS,
    form: {
      fields: [
        ...applicant(),
        {
          name: 'loai_yeu_cau',
          type: 'select',
          label: 'Yêu cầu',
          ...req,
          options: [
            { value: 'thay_doi', label: 'Thay đổi thông tin' },
            { value: 'cai_chinh', label: 'Cải chính thông tin' },
            { value: 'bo_sung', label: 'Bổ sung thông tin' },
          ],
        },
        text('ho_ten_nguoi_duoc', 'Họ, chữ đệm, tên người có thông tin cần thay đổi'),
        {
          name: 'noi_dung',
          type: 'table',
          label: 'Nội dung đề nghị',
          ...req,
          maxRows: 10,
          columns: [
            text('thong_tin', 'Thông tin (ví dụ: họ tên, ngày sinh)'),
            text('hien_tai', 'Đang ghi là'),
            text('de_nghi', 'Đề nghị ghi là'),
          ],
        },
        { name: 'ly_do', type: 'textarea', label: 'Lý do', ...req, maxLength: 1000 },
        files('giay_to_can_cu', 'Giấy tờ làm căn cứ'),
        PLEDGE,
      ],
    },
  },
  {
    code: '1.000689',
    name: 'Đăng ký giám hộ',
    field: HO_TICH,
    agencyCode: 'UBND-TANNINH',
    level: 'partial',
    processingDays: 3,
    fees: 'Lệ phí:15000',
    documents:
      'Tờ khai đăng ký giám hộ theo mẫu (1 bản chính);Văn bản cử người giám hộ (1 bản chính, đối với giám hộ cử)',
    result: 'Trích lục đăng ký giám hộ',
    legalBasis: `${HO_TICH_BASIS}; Bộ luật Dân sự năm 2015`,
    form: {
      fields: [
        ...applicant('người giám hộ'),
        text('ho_ten_nguoi_duoc_giam_ho', 'Họ, chữ đệm, tên người được giám hộ'),
        date('ngay_sinh_nguoi_duoc_giam_ho', 'Ngày sinh người được giám hộ'),
        {
          name: 'loai_giam_ho',
          type: 'select',
          label: 'Loại giám hộ',
          ...req,
          options: [
            { value: 'cu', label: 'Giám hộ cử' },
            { value: 'duong_nhien', label: 'Giám hộ đương nhiên' },
          ],
        },
        files('van_ban_cu', 'Văn bản cử người giám hộ', { showIf: { field: 'loai_giam_ho', in: ['cu'] } }),
        PLEDGE,
      ],
    },
  },
  {
    code: '1.000893',
    name: 'Đăng ký kết hôn có yếu tố nước ngoài',
    field: HO_TICH,
    agencyCode: 'UBND-TANNINH',
    level: 'partial',
    processingDays: 15,
    fees: 'Lệ phí:1.000.000',
    documents:
      'Tờ khai đăng ký kết hôn theo mẫu (1 bản chính);Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài (1 bản chính, hợp pháp hóa lãnh sự và dịch sang tiếng Việt);Giấy xác nhận của tổ chức y tế về khả năng nhận thức (1 bản chính);Hộ chiếu của người nước ngoài (1 bản sao)',
    result: 'Giấy chứng nhận kết hôn',
    legalBasis: HO_TICH_BASIS,
    form: {
      fields: [
        text('ho_ten_cong_dan_vn', 'Họ, chữ đệm, tên bên là công dân Việt Nam'),
        idNumber('so_cccd_cong_dan_vn', 'Số CCCD bên là công dân Việt Nam'),
        text('ho_ten_nguoi_nuoc_ngoai', 'Họ tên bên là người nước ngoài (theo hộ chiếu)'),
        text('quoc_tich', 'Quốc tịch', { maxLength: 100 }),
        text('so_ho_chieu', 'Số hộ chiếu', { maxLength: 20 }),
        { name: 'so_dien_thoai', type: 'phone', label: 'Số điện thoại liên hệ', ...req },
        files('giay_to_nuoc_ngoai', 'Giấy tờ của bên người nước ngoài (đã hợp pháp hóa, dịch)', {
          maxFiles: 5,
        }),
        PLEDGE,
      ],
    },
  },

  // Chứng thực — UBND phường Long An
  {
    code: '2.000815',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận',
    field: CHUNG_THUC,
    agencyCode: 'UBND-LONGAN',
    level: 'partial',
    processingDays: 1,
    fees: 'Phí chứng thực (2.000 đồng/trang, từ trang thứ ba 1.000 đồng/trang, tối đa 200.000 đồng/bản):2000',
    documents:
      'Bản chính giấy tờ, văn bản cần chứng thực (1 bản chính);Bản sao cần chứng thực (1 bản sao, nếu người yêu cầu tự mang theo, không bắt buộc)',
    result: 'Bản sao được chứng thực từ bản chính',
    legalBasis: CHUNG_THUC_BASIS,
    form: {
      fields: [
        ...applicant(),
        text('ten_giay_to', 'Tên giấy tờ cần chứng thực', { maxLength: 300 }),
        { name: 'so_trang', type: 'number', label: 'Số trang', ...req, integer: true, min: 1, max: 500 },
        { name: 'so_ban', type: 'number', label: 'Số bản sao', ...req, integer: true, min: 1, max: 50 },
        note(),
      ],
    },
  },
  {
    code: '2.000884',
    name: 'Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)',
    field: CHUNG_THUC,
    agencyCode: 'UBND-LONGAN',
    level: 'partial',
    processingDays: 1,
    fees: 'Phí chứng thực chữ ký:10000',
    documents:
      'Giấy tờ tùy thân còn giá trị sử dụng (1 bản chính, xuất trình);Giấy tờ, văn bản sẽ ký (1 bản chính)',
    result: 'Giấy tờ, văn bản được chứng thực chữ ký',
    legalBasis: CHUNG_THUC_BASIS,
    form: {
      fields: [
        ...applicant(),
        text('ten_giay_to', 'Tên giấy tờ, văn bản cần chứng thực chữ ký', { maxLength: 300 }),
        { name: 'so_ban', type: 'number', label: 'Số bản', ...req, integer: true, min: 1, max: 20 },
        files('giay_to', 'Giấy tờ, văn bản (bản chụp để cán bộ xem trước)', { required: false }),
      ],
    },
  },
  {
    code: '2.001035',
    name: 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản',
    field: CHUNG_THUC,
    agencyCode: 'UBND-LONGAN',
    level: 'partial',
    processingDays: 2,
    fees: 'Phí chứng thực hợp đồng:50000',
    documents:
      'Dự thảo hợp đồng, giao dịch (1 bản chính);Giấy tờ tùy thân của người yêu cầu (1 bản sao, xuất trình bản chính để đối chiếu);Giấy chứng nhận quyền sở hữu tài sản (1 bản sao, xuất trình bản chính để đối chiếu)',
    result: 'Hợp đồng, giao dịch được chứng thực',
    legalBasis: CHUNG_THUC_BASIS,
    form: {
      fields: [
        ...applicant(),
        text('loai_hop_dong', 'Loại hợp đồng, giao dịch (mua bán, tặng cho, …)'),
        text('tai_san', 'Tài sản (ví dụ: xe mô tô biển số …)', { maxLength: 300 }),
        {
          name: 'ben_con_lai',
          type: 'table',
          label: 'Các bên còn lại tham gia hợp đồng',
          ...req,
          maxRows: 10,
          columns: [text('ho_ten', 'Họ và tên'), idNumber('so_cccd', 'Số CCCD')],
        },
        files('du_thao', 'Dự thảo hợp đồng', { accept: 'document', maxFiles: 2 }),
      ],
    },
  },
  {
    code: '2.001019',
    name: 'Chứng thực hợp đồng, giao dịch liên quan đến quyền sử dụng đất, nhà ở',
    field: CHUNG_THUC,
    agencyCode: 'UBND-LONGAN',
    level: 'partial',
    processingDays: 2,
    fees: 'Phí chứng thực hợp đồng:50000',
    documents:
      'Dự thảo hợp đồng, giao dịch (1 bản chính);Giấy chứng nhận quyền sử dụng đất (1 bản sao, xuất trình bản chính để đối chiếu);Giấy tờ tùy thân của các bên (1 bản sao)',
    result: 'Hợp đồng, giao dịch được chứng thực',
    legalBasis: `${CHUNG_THUC_BASIS}; Luật Đất đai năm 2024`,
    form: {
      fields: [
        ...applicant(),
        {
          name: 'loai_hop_dong',
          type: 'select',
          label: 'Loại hợp đồng',
          ...req,
          options: [
            { value: 'chuyen_nhuong', label: 'Chuyển nhượng quyền sử dụng đất' },
            { value: 'tang_cho', label: 'Tặng cho quyền sử dụng đất' },
            { value: 'the_chap', label: 'Thế chấp' },
            { value: 'thue', label: 'Cho thuê' },
          ],
        },
        ...LAND_PARCEL,
        text('so_gcn', 'Số phát hành Giấy chứng nhận', { maxLength: 30 }),
        files('du_thao', 'Dự thảo hợp đồng', { accept: 'document', maxFiles: 2 }),
      ],
    },
  },
  {
    code: '2.000927',
    name: 'Chứng thực di chúc',
    field: CHUNG_THUC,
    agencyCode: 'UBND-LONGAN',
    level: 'partial',
    processingDays: 2,
    fees: 'Phí chứng thực di chúc:50000',
    documents:
      'Dự thảo di chúc (1 bản chính);Giấy tờ tùy thân của người lập di chúc (1 bản sao, xuất trình bản chính để đối chiếu);Giấy tờ chứng minh quyền sở hữu, quyền sử dụng tài sản (1 bản sao)',
    result: 'Di chúc được chứng thực',
    legalBasis: `${CHUNG_THUC_BASIS}; Bộ luật Dân sự năm 2015`,
    form: {
      fields: [
        ...applicant('người lập di chúc'),
        date('ngay_sinh', 'Ngày sinh người lập di chúc'),
        text('tai_san', 'Tài sản để lại (tóm tắt)', { maxLength: 500 }),
        files('du_thao', 'Dự thảo di chúc', { accept: 'document', maxFiles: 2 }),
      ],
    },
  },

  // Hộ kinh doanh — UBND phường Long An
  {
    code: '1.001612',
    name: 'Đăng ký thành lập hộ kinh doanh',
    field: HKD,
    agencyCode: 'UBND-LONGAN',
    level: 'full',
    processingDays: 3,
    fees: 'Lệ phí đăng ký hộ kinh doanh:100000',
    documents:
      'Giấy đề nghị đăng ký hộ kinh doanh (1 bản chính);Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (1 bản chính, trường hợp các thành viên hộ gia đình cùng đăng ký, không bắt buộc);Văn bản ủy quyền cho thành viên làm chủ hộ kinh doanh (1 bản sao, không bắt buộc)',
    result: 'Giấy chứng nhận đăng ký hộ kinh doanh',
    legalBasis: 'Luật Doanh nghiệp năm 2020; Nghị định số 168/2025/NĐ-CP; Thông tư số 47/2019/TT-BTC',
    form: {
      fields: [
        text('ten_ho_kinh_doanh', 'Tên hộ kinh doanh'),
        address('dia_diem', 'Địa điểm kinh doanh'),
        HOUSEHOLD_BUSINESS_LINES,
        { name: 'von', type: 'number', label: 'Vốn kinh doanh (đồng)', ...req, integer: true, min: 0 },
        {
          name: 'so_lao_dong',
          type: 'number',
          label: 'Số lao động dự kiến',
          integer: true,
          min: 0,
          max: 10_000,
        },
        ...applicant('chủ hộ kinh doanh'),
        { name: 'email', type: 'email', label: 'Thư điện tử' },
        CCCD_SCAN,
        PLEDGE,
      ],
    },
  },
  {
    code: '2.000575',
    name: 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh',
    field: HKD,
    agencyCode: 'UBND-LONGAN',
    level: 'full',
    processingDays: 3,
    fees: 'Lệ phí đăng ký hộ kinh doanh:100000',
    documents: 'Thông báo thay đổi nội dung đăng ký hộ kinh doanh (1 bản chính)',
    result: 'Giấy chứng nhận đăng ký hộ kinh doanh (cấp mới theo nội dung thay đổi)',
    legalBasis: 'Luật Doanh nghiệp năm 2020; Nghị định số 168/2025/NĐ-CP',
    form: {
      fields: [
        text('ma_so_hkd', 'Mã số hộ kinh doanh', { maxLength: 20 }),
        text('ten_ho_kinh_doanh', 'Tên hộ kinh doanh'),
        {
          name: 'noi_dung_thay_doi',
          type: 'multiselect',
          label: 'Nội dung thay đổi',
          ...req,
          options: [
            { value: 'ten', label: 'Tên hộ kinh doanh' },
            { value: 'dia_diem', label: 'Địa điểm kinh doanh' },
            { value: 'nganh_nghe', label: 'Ngành, nghề kinh doanh' },
            { value: 'von', label: 'Vốn kinh doanh' },
            { value: 'chu_ho', label: 'Chủ hộ kinh doanh' },
          ],
        },
        address('dia_diem_moi', 'Địa điểm kinh doanh mới', {
          showIf: { field: 'noi_dung_thay_doi', in: ['dia_diem'] },
        }),
        { ...HOUSEHOLD_BUSINESS_LINES, showIf: { field: 'noi_dung_thay_doi', in: ['nganh_nghe'] } },
        ...applicant('chủ hộ kinh doanh'),
        PLEDGE,
      ],
    },
  },
  {
    code: '2.000588',
    name: 'Tạm ngừng hoạt động hộ kinh doanh',
    field: HKD,
    agencyCode: 'UBND-LONGAN',
    level: 'full',
    processingDays: 3,
    fees: '',
    documents: 'Thông báo tạm ngừng kinh doanh của hộ kinh doanh (1 bản chính)',
    result: 'Giấy xác nhận về việc hộ kinh doanh đăng ký tạm ngừng kinh doanh',
    legalBasis: 'Luật Doanh nghiệp năm 2020; Nghị định số 168/2025/NĐ-CP',
    form: {
      fields: [
        text('ma_so_hkd', 'Mã số hộ kinh doanh', { maxLength: 20 }),
        text('ten_ho_kinh_doanh', 'Tên hộ kinh doanh'),
        date('tu_ngay', 'Tạm ngừng từ ngày', { maxDate: undefined, minDate: 'today' }),
        date('den_ngay', 'Đến ngày', { maxDate: undefined, minDate: 'today' }),
        { name: 'ly_do', type: 'textarea', label: 'Lý do tạm ngừng', maxLength: 1000 },
        ...applicant('chủ hộ kinh doanh'),
      ],
    },
  },

  // Xây dựng, Giáo dục, Văn hóa — UBND xã Đức Hòa
  {
    code: '1.009994',
    name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ',
    field: 'Xây dựng',
    agencyCode: 'UBND-DUCHOA',
    level: 'partial',
    processingDays: 15,
    fees: 'Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ:75000',
    documents:
      'Đơn đề nghị cấp giấy phép xây dựng theo mẫu (1 bản chính);Giấy tờ chứng minh quyền sử dụng đất (1 bản sao);Bản vẽ thiết kế xây dựng: mặt bằng, mặt cắt, mặt đứng, móng (2 bản chính);Cam kết bảo đảm an toàn đối với công trình liền kề (1 bản chính, không bắt buộc)',
    result: 'Giấy phép xây dựng',
    legalBasis:
      'Luật Xây dựng năm 2014 (sửa đổi năm 2020); Nghị định số 175/2024/NĐ-CP; Thông tư số 06/2021/TT-BXD',
    form: {
      fields: [
        ...applicant('chủ đầu tư'),
        ...LAND_PARCEL,
        { name: 'so_tang', type: 'number', label: 'Số tầng', ...req, integer: true, min: 1, max: 15 },
        {
          name: 'dien_tich_san',
          type: 'number',
          label: 'Tổng diện tích sàn (m²)',
          ...req,
          min: 1,
          max: 100_000,
        },
        { name: 'chieu_cao', type: 'number', label: 'Chiều cao công trình (m)', ...req, min: 1, max: 100 },
        files('giay_to_dat', 'Giấy chứng nhận quyền sử dụng đất (bản sao)', { maxFiles: 3 }),
        files('ban_ve', 'Bản vẽ thiết kế', { accept: 'document', maxFiles: 10 }),
        PLEDGE,
      ],
    },
  },
  {
    code: '1.005095',
    name: 'Chuyển trường đối với học sinh trung học cơ sở',
    field: 'Giáo dục và Đào tạo',
    agencyCode: 'UBND-DUCHOA',
    level: 'full',
    processingDays: 3,
    fees: '',
    documents:
      'Đơn xin chuyển trường do cha, mẹ hoặc người giám hộ ký (1 bản chính);Học bạ (1 bản chính);Giấy giới thiệu chuyển trường của trường nơi đi (1 bản chính)',
    result: 'Học sinh được tiếp nhận vào trường nơi đến',
    legalBasis: 'Luật Giáo dục năm 2019; Thông tư số 32/2020/TT-BGDĐT',
    form: {
      fields: [
        text('ho_ten_hoc_sinh', 'Họ và tên học sinh'),
        date('ngay_sinh', 'Ngày sinh học sinh'),
        GENDER,
        {
          name: 'lop',
          type: 'select',
          label: 'Lớp',
          ...req,
          options: ['6', '7', '8', '9'].map((l) => ({ value: l, label: `Lớp ${l}` })),
        },
        text('truong_noi_di', 'Trường nơi đi'),
        text('truong_noi_den', 'Trường nơi đến'),
        { name: 'ly_do', type: 'textarea', label: 'Lý do chuyển trường', ...req, maxLength: 1000 },
        ...applicant('cha, mẹ hoặc người giám hộ'),
        files('hoc_ba', 'Học bạ (bản chụp)', { maxFiles: 5 }),
      ],
    },
  },
  {
    code: '1.000954',
    name: 'Xét tặng danh hiệu "Gia đình văn hóa" hằng năm',
    field: 'Văn hóa cơ sở',
    agencyCode: 'UBND-DUCHOA',
    level: 'partial',
    processingDays: 5,
    fees: '',
    documents: 'Bản đăng ký tham gia xây dựng danh hiệu "Gia đình văn hóa" (1 bản chính)',
    result: 'Giấy khen "Gia đình văn hóa" của Chủ tịch Ủy ban nhân dân cấp xã',
    legalBasis: 'Luật Thi đua, khen thưởng năm 2022; Nghị định số 86/2023/NĐ-CP',
    form: {
      fields: [
        ...applicant('chủ hộ'),
        {
          name: 'so_thanh_vien',
          type: 'number',
          label: 'Số thành viên gia đình',
          ...req,
          integer: true,
          min: 1,
          max: 50,
        },
        text('ap_khu_pho', 'Ấp, khu phố'),
        PLEDGE,
      ],
    },
  },

  // Đất đai, bảo trợ xã hội — UBND xã Bến Cầu
  {
    code: '1.012755',
    name: 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu đối với hộ gia đình, cá nhân',
    field: 'Đất đai',
    agencyCode: 'UBND-BENCAU',
    level: 'partial',
    processingDays: 20,
    fees: 'Lệ phí cấp Giấy chứng nhận:100000;Phí thẩm định hồ sơ:500000',
    documents:
      'Đơn đăng ký đất đai, tài sản gắn liền với đất theo Mẫu số 04/ĐK (1 bản chính);Giấy tờ về quyền sử dụng đất (1 bản sao, nếu có, không bắt buộc);Chứng từ thực hiện nghĩa vụ tài chính (1 bản sao, không bắt buộc)',
    result: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    legalBasis: 'Luật Đất đai năm 2024; Nghị định số 101/2024/NĐ-CP; Nghị định số 151/2025/NĐ-CP',
    form: {
      fields: [
        ...applicant('người sử dụng đất'),
        ...LAND_PARCEL,
        {
          name: 'muc_dich_su_dung',
          type: 'select',
          label: 'Mục đích sử dụng đất',
          ...req,
          options: [
            { value: 'ONT', label: 'Đất ở tại nông thôn' },
            { value: 'ODT', label: 'Đất ở tại đô thị' },
            { value: 'CLN', label: 'Đất trồng cây lâu năm' },
            { value: 'LUC', label: 'Đất chuyên trồng lúa' },
          ],
        },
        {
          name: 'co_tai_san',
          type: 'checkbox',
          label: 'Đăng ký cả tài sản gắn liền với đất (nhà ở, công trình)',
        },
        text('tai_san', 'Mô tả tài sản gắn liền với đất', {
          showIf: { field: 'co_tai_san', in: [true] },
          maxLength: 500,
        }),
        files('giay_to_dat', 'Giấy tờ về quyền sử dụng đất', { required: false, maxFiles: 10 }),
        PLEDGE,
      ],
    },
  },
  {
    code: '1.012786',
    name: 'Hòa giải tranh chấp đất đai',
    field: 'Đất đai',
    agencyCode: 'UBND-BENCAU',
    level: 'partial',
    processingDays: 30,
    fees: '',
    documents:
      'Đơn yêu cầu hòa giải tranh chấp đất đai (1 bản chính);Giấy tờ liên quan đến thửa đất tranh chấp (1 bản sao, không bắt buộc)',
    result: 'Biên bản hòa giải thành hoặc hòa giải không thành',
    legalBasis: 'Luật Đất đai năm 2024 (Điều 235); Nghị định số 102/2024/NĐ-CP',
    form: {
      fields: [
        ...applicant(),
        ...LAND_PARCEL,
        {
          name: 'ben_tranh_chap',
          type: 'table',
          label: 'Bên tranh chấp',
          ...req,
          maxRows: 10,
          columns: [
            text('ho_ten', 'Họ và tên'),
            { name: 'so_dien_thoai', type: 'phone', label: 'Số điện thoại' },
            text('dia_chi', 'Địa chỉ', { maxLength: 300 }),
          ],
        },
        { name: 'noi_dung', type: 'textarea', label: 'Nội dung tranh chấp', ...req, maxLength: 3000 },
        files('tai_lieu', 'Tài liệu kèm theo', { required: false }),
      ],
    },
  },
  {
    code: '1.001776',
    name: 'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hằng tháng',
    field: 'Bảo trợ xã hội',
    agencyCode: 'UBND-BENCAU',
    level: 'partial',
    processingDays: 15,
    fees: '',
    documents:
      'Tờ khai đề nghị trợ giúp xã hội theo mẫu (1 bản chính);Giấy xác nhận khuyết tật (1 bản sao, đối với người khuyết tật, không bắt buộc)',
    result: 'Quyết định trợ cấp xã hội hằng tháng của Chủ tịch Ủy ban nhân dân cấp xã',
    legalBasis: 'Nghị định số 20/2021/NĐ-CP; Nghị định số 76/2024/NĐ-CP',
    form: {
      fields: [
        text('ho_ten_doi_tuong', 'Họ và tên đối tượng'),
        date('ngay_sinh', 'Ngày sinh'),
        GENDER,
        idNumber('so_cccd_doi_tuong', 'Số CCCD của đối tượng', { required: false }),
        {
          name: 'nhom_doi_tuong',
          type: 'select',
          label: 'Nhóm đối tượng',
          ...req,
          options: [
            { value: 'nguoi_cao_tuoi', label: 'Người cao tuổi' },
            { value: 'nguoi_khuyet_tat', label: 'Người khuyết tật' },
            { value: 'tre_em', label: 'Trẻ em không có nguồn nuôi dưỡng' },
            { value: 'don_than_ngheo', label: 'Người đơn thân nghèo đang nuôi con' },
          ],
        },
        files('giay_xac_nhan_khuyet_tat', 'Giấy xác nhận khuyết tật', {
          showIf: { field: 'nhom_doi_tuong', in: ['nguoi_khuyet_tat'] },
          maxFiles: 2,
        }),
        ...applicant('người khai'),
        PLEDGE,
      ],
    },
  },
  {
    code: '1.001731',
    name: 'Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội',
    field: 'Bảo trợ xã hội',
    agencyCode: 'UBND-BENCAU',
    level: 'partial',
    processingDays: 3,
    fees: '',
    documents:
      'Tờ khai đề nghị hỗ trợ chi phí mai táng theo mẫu (1 bản chính);Trích lục khai tử hoặc Giấy báo tử (1 bản sao)',
    result: 'Quyết định hỗ trợ chi phí mai táng',
    legalBasis: 'Nghị định số 20/2021/NĐ-CP; Nghị định số 76/2024/NĐ-CP',
    form: {
      fields: [
        text('ho_ten_nguoi_chet', 'Họ và tên người đã chết'),
        date('ngay_chet', 'Ngày chết'),
        ...applicant('người tổ chức mai táng'),
        text('quan_he', 'Quan hệ với người đã chết', { maxLength: 50 }),
        files('trich_luc_khai_tu', 'Trích lục khai tử hoặc Giấy báo tử', { maxFiles: 2 }),
        PLEDGE,
      ],
    },
  },

  // Sở Xây dựng
  {
    code: '1.009972',
    name: 'Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II (công trình không theo tuyến, theo tuyến trong đô thị, tín ngưỡng, tôn giáo, tượng đài, tranh hoành tráng)',
    field: 'Xây dựng',
    agencyCode: 'SXD',
    level: 'partial',
    processingDays: 20,
    fees: 'Lệ phí cấp giấy phép xây dựng công trình:150000',
    documents:
      'Đơn đề nghị cấp giấy phép xây dựng theo mẫu (1 bản chính);Giấy tờ chứng minh quyền sử dụng đất (1 bản sao);Quyết định phê duyệt dự án (1 bản sao);Bản vẽ thiết kế xây dựng (2 bản chính);Văn bản thẩm định thiết kế của cơ quan chuyên môn về xây dựng (1 bản sao)',
    result: 'Giấy phép xây dựng',
    legalBasis: 'Luật Xây dựng năm 2014 (sửa đổi năm 2020); Nghị định số 175/2024/NĐ-CP',
    form: {
      fields: [
        text('ten_chu_dau_tu', 'Tên chủ đầu tư'),
        text('nguoi_dai_dien', 'Người đại diện theo pháp luật'),
        { name: 'so_dien_thoai', type: 'phone', label: 'Số điện thoại liên hệ', ...req },
        { name: 'email', type: 'email', label: 'Thư điện tử', ...req },
        text('ten_cong_trinh', 'Tên công trình', { maxLength: 300 }),
        {
          name: 'cap_cong_trinh',
          type: 'select',
          label: 'Cấp công trình',
          ...req,
          options: [
            { value: 'dac_biet', label: 'Cấp đặc biệt' },
            { value: 'cap_1', label: 'Cấp I' },
            { value: 'cap_2', label: 'Cấp II' },
          ],
        },
        address('dia_diem', 'Địa điểm xây dựng'),
        files('ho_so_thiet_ke', 'Hồ sơ thiết kế và văn bản thẩm định', { accept: 'document', maxFiles: 20 }),
      ],
    },
  },
  {
    code: '1.001046',
    name: 'Cấp phép thi công công trình đường bộ trên đường bộ đang khai thác',
    field: 'Đường bộ',
    agencyCode: 'SXD',
    level: 'full',
    processingDays: 7,
    fees: '',
    documents:
      'Đơn đề nghị cấp phép thi công (1 bản chính);Hồ sơ thiết kế đã được phê duyệt (1 bản sao);Phương án tổ chức giao thông bảo đảm an toàn (1 bản chính)',
    result: 'Giấy phép thi công',
    legalBasis: 'Luật Đường bộ năm 2024; Nghị định số 165/2024/NĐ-CP',
    form: {
      fields: [
        text('don_vi_de_nghi', 'Tổ chức đề nghị'),
        { name: 'so_dien_thoai', type: 'phone', label: 'Số điện thoại liên hệ', ...req },
        text('tuyen_duong', 'Tuyến đường, lý trình', { maxLength: 300 }),
        date('tu_ngay', 'Thi công từ ngày', { maxDate: undefined, minDate: 'today' }),
        date('den_ngay', 'Đến ngày', { maxDate: undefined, minDate: 'today' }),
        files('ho_so', 'Hồ sơ thiết kế và phương án tổ chức giao thông', {
          accept: 'document',
          maxFiles: 10,
        }),
      ],
    },
  },

  // Sở Nông nghiệp và Môi trường (Văn phòng đăng ký đất đai)
  {
    code: '1.012762',
    name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất trong các trường hợp chuyển đổi, chuyển nhượng, thừa kế, tặng cho, góp vốn',
    field: 'Đất đai',
    agencyCode: 'SNNMT',
    level: 'partial',
    processingDays: 10,
    fees: 'Lệ phí cấp Giấy chứng nhận:50000;Phí thẩm định hồ sơ:500000',
    documents:
      'Đơn đăng ký biến động đất đai theo Mẫu số 11/ĐK (1 bản chính);Hợp đồng, văn bản về chuyển quyền đã được công chứng, chứng thực (1 bản chính);Giấy chứng nhận đã cấp (1 bản chính)',
    result:
      'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất (cấp mới hoặc xác nhận biến động)',
    legalBasis: 'Luật Đất đai năm 2024; Nghị định số 101/2024/NĐ-CP',
    form: {
      fields: [
        ...applicant('người nhận chuyển quyền'),
        {
          name: 'hinh_thuc',
          type: 'select',
          label: 'Hình thức biến động',
          ...req,
          options: [
            { value: 'chuyen_nhuong', label: 'Chuyển nhượng' },
            { value: 'thua_ke', label: 'Thừa kế' },
            { value: 'tang_cho', label: 'Tặng cho' },
            { value: 'chuyen_doi', label: 'Chuyển đổi' },
            { value: 'gop_von', label: 'Góp vốn' },
          ],
        },
        ...LAND_PARCEL,
        text('so_gcn', 'Số phát hành Giấy chứng nhận đã cấp', { maxLength: 30 }),
        files('hop_dong', 'Hợp đồng, văn bản chuyển quyền đã công chứng, chứng thực', { maxFiles: 5 }),
        PLEDGE,
      ],
    },
  },
  {
    code: '1.012770',
    name: 'Cấp lại Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do bị mất',
    field: 'Đất đai',
    agencyCode: 'SNNMT',
    level: 'partial',
    processingDays: 10,
    fees: 'Lệ phí cấp Giấy chứng nhận:50000',
    documents:
      'Đơn đề nghị cấp lại Giấy chứng nhận theo mẫu (1 bản chính);Giấy xác nhận của Ủy ban nhân dân cấp xã về việc đã niêm yết thông báo mất giấy trong 15 ngày (1 bản chính)',
    result: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất (cấp lại)',
    legalBasis: 'Luật Đất đai năm 2024; Nghị định số 101/2024/NĐ-CP',
    form: {
      fields: [
        ...applicant('người sử dụng đất'),
        ...LAND_PARCEL,
        text('so_gcn', 'Số phát hành Giấy chứng nhận bị mất (nếu biết)', { required: false, maxLength: 30 }),
        { name: 'hoan_canh', type: 'textarea', label: 'Hoàn cảnh bị mất', ...req, maxLength: 1000 },
        PLEDGE,
      ],
    },
  },

  // Sở Y tế
  {
    code: '1.003020',
    name: 'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh thực phẩm thuộc thẩm quyền của Sở Y tế',
    field: 'An toàn thực phẩm và dinh dưỡng',
    agencyCode: 'SYT',
    level: 'partial',
    processingDays: 20,
    fees: 'Phí thẩm định cơ sở kinh doanh dịch vụ ăn uống:1.000.000',
    documents:
      'Đơn đề nghị cấp Giấy chứng nhận theo mẫu (1 bản chính);Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ (1 bản chính);Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp sản xuất, kinh doanh (1 bản sao)',
    result: 'Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (hiệu lực 3 năm)',
    legalBasis: 'Luật An toàn thực phẩm năm 2010; Nghị định số 15/2018/NĐ-CP; Thông tư số 67/2021/TT-BTC',
    form: {
      fields: [
        text('ten_co_so', 'Tên cơ sở'),
        address('dia_chi_co_so', 'Địa chỉ cơ sở'),
        {
          name: 'loai_hinh',
          type: 'select',
          label: 'Loại hình',
          ...req,
          options: [
            { value: 'san_xuat', label: 'Sản xuất thực phẩm' },
            { value: 'kinh_doanh', label: 'Kinh doanh thực phẩm' },
            { value: 'an_uong', label: 'Kinh doanh dịch vụ ăn uống' },
          ],
        },
        ...applicant('chủ cơ sở'),
        files('thuyet_minh', 'Bản thuyết minh cơ sở vật chất', { accept: 'document', maxFiles: 5 }),
        files('giay_suc_khoe', 'Giấy xác nhận đủ sức khỏe', { maxFiles: 10 }),
      ],
    },
  },

  // Công an tỉnh
  {
    code: '2.000488',
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
    field: 'Lý lịch tư pháp',
    agencyCode: 'CA-TINH',
    level: 'full',
    processingDays: 10,
    fees: 'Phí cung cấp thông tin lý lịch tư pháp:200000',
    documents:
      'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp theo mẫu (1 bản chính);Văn bản ủy quyền (1 bản chính, trường hợp ủy quyền làm thủ tục, không bắt buộc)',
    result: 'Phiếu lý lịch tư pháp số 1 hoặc số 2',
    legalBasis: 'Luật Lý lịch tư pháp năm 2009; Thông tư số 244/2016/TT-BTC',
    form: {
      fields: [
        text('ho_ten', 'Họ, chữ đệm, tên'),
        text('ten_goi_khac', 'Tên gọi khác', { required: false }),
        date('ngay_sinh', 'Ngày sinh'),
        GENDER,
        idNumber('so_cccd', 'Số CCCD'),
        address('noi_cu_tru', 'Nơi thường trú'),
        text('ho_ten_cha', 'Họ tên cha'),
        text('ho_ten_me', 'Họ tên mẹ'),
        {
          name: 'qua_trinh_cu_tru',
          type: 'table',
          label: 'Quá trình cư trú từ đủ 14 tuổi',
          ...req,
          maxRows: 30,
          columns: [
            text('tu_nam', 'Từ tháng, năm', { maxLength: 10 }),
            text('den_nam', 'Đến tháng, năm', { maxLength: 10 }),
            text('noi_cu_tru', 'Nơi cư trú', { maxLength: 300 }),
            text('nghe_nghiep', 'Nghề nghiệp, nơi làm việc', { maxLength: 300 }),
          ],
        },
        {
          name: 'loai_phieu',
          type: 'select',
          label: 'Loại phiếu',
          ...req,
          options: [
            { value: '1', label: 'Phiếu lý lịch tư pháp số 1' },
            { value: '2', label: 'Phiếu lý lịch tư pháp số 2' },
          ],
        },
        { name: 'so_luong', type: 'number', label: 'Số lượng phiếu', ...req, integer: true, min: 1, max: 10 },
        { name: 'muc_dich', type: 'text', label: 'Mục đích sử dụng', ...req, maxLength: 200 },
        { name: 'so_dien_thoai', type: 'phone', label: 'Số điện thoại liên hệ', ...req },
        CCCD_SCAN,
        PLEDGE,
      ],
    },
  },
  {
    code: '1.002809',
    name: 'Đổi giấy phép lái xe do ngành Giao thông vận tải cấp',
    field: 'Đường bộ',
    agencyCode: 'CA-TINH',
    level: 'full',
    processingDays: 5,
    fees: 'Lệ phí cấp đổi giấy phép lái xe:135000',
    documents:
      'Đơn đề nghị đổi giấy phép lái xe theo mẫu (1 bản chính);Giấy khám sức khỏe của người lái xe (1 bản chính, không bắt buộc đối với hạng A1, A)',
    result: 'Giấy phép lái xe (đổi)',
    legalBasis:
      'Luật Trật tự, an toàn giao thông đường bộ năm 2024; Thông tư số 35/2024/TT-BGTVT; Thông tư số 37/2023/TT-BTC',
    form: {
      fields: [
        ...applicant('người đề nghị'),
        text('so_gplx', 'Số giấy phép lái xe', { maxLength: 20 }),
        {
          name: 'hang',
          type: 'multiselect',
          label: 'Hạng giấy phép lái xe',
          ...req,
          options: ['A1', 'A', 'B', 'C1', 'C', 'D', 'E'].map((h) => ({ value: h, label: `Hạng ${h}` })),
        },
        date('ngay_het_han', 'Ngày hết hạn giấy phép hiện tại', { required: false, maxDate: undefined }),
        files('anh_gplx', 'Ảnh chụp giấy phép lái xe hai mặt', { accept: 'image', maxFiles: 2 }),
        files('giay_kham_suc_khoe', 'Giấy khám sức khỏe', { required: false, maxFiles: 2 }),
      ],
    },
  },
  {
    code: '1.004194',
    name: 'Đăng ký thường trú',
    field: 'Đăng ký, quản lý cư trú',
    agencyCode: 'CA-TINH',
    level: 'full',
    processingDays: 7,
    fees: 'Lệ phí đăng ký cư trú:20000',
    documents:
      'Tờ khai thay đổi thông tin cư trú (CT01) (1 bản chính);Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp (1 bản sao)',
    result: 'Thông báo kết quả đăng ký thường trú; thông tin được cập nhật vào Cơ sở dữ liệu về cư trú',
    legalBasis: 'Luật Cư trú năm 2020; Nghị định số 154/2024/NĐ-CP; Thông tư số 75/2022/TT-BTC',
    form: {
      fields: [
        ...applicant('người đăng ký'),
        address('dia_chi_thuong_tru_moi', 'Địa chỉ đăng ký thường trú'),
        {
          name: 'cho_o',
          type: 'select',
          label: 'Chỗ ở hợp pháp',
          ...req,
          options: [
            { value: 'so_huu', label: 'Thuộc quyền sở hữu của mình' },
            { value: 'thue_muon', label: 'Thuê, mượn, ở nhờ' },
            { value: 've_o_voi_nguoi_than', label: 'Về ở với người thân' },
          ],
        },
        text('chu_ho', 'Họ tên chủ hộ nơi đến', {
          showIf: { field: 'cho_o', in: ['ve_o_voi_nguoi_than', 'thue_muon'] },
        }),
        files('giay_to_cho_o', 'Giấy tờ chứng minh chỗ ở hợp pháp', { maxFiles: 5 }),
        PLEDGE,
      ],
    },
  },

  // Sở Tư pháp — Trung tâm Trợ giúp pháp lý
  {
    code: '2.001680',
    name: 'Thủ tục yêu cầu trợ giúp pháp lý',
    field: 'Trợ giúp pháp lý',
    agencyCode: 'STP-TGPL',
    level: 'full',
    processingDays: 2,
    fees: '',
    documents:
      'Đơn yêu cầu trợ giúp pháp lý theo mẫu (1 bản chính);Giấy tờ chứng minh thuộc diện được trợ giúp pháp lý (1 bản sao);Giấy tờ, tài liệu liên quan đến vụ việc (1 bản sao, không bắt buộc)',
    result: 'Vụ việc được thụ lý và cử người thực hiện trợ giúp pháp lý',
    legalBasis: 'Luật Trợ giúp pháp lý năm 2017; Thông tư số 12/2018/TT-BTP',
    form: {
      fields: [
        ...applicant('người yêu cầu trợ giúp'),
        {
          name: 'dien',
          type: 'select',
          label: 'Thuộc diện được trợ giúp pháp lý',
          ...req,
          options: [
            { value: 'nguoi_co_cong', label: 'Người có công với cách mạng' },
            { value: 'ho_ngheo', label: 'Người thuộc hộ nghèo' },
            { value: 'tre_em', label: 'Trẻ em' },
            { value: 'dan_toc_thieu_so', label: 'Người dân tộc thiểu số cư trú ở vùng đặc biệt khó khăn' },
            { value: 'khac', label: 'Diện khác theo Điều 7 Luật Trợ giúp pháp lý' },
          ],
        },
        { name: 'noi_dung', type: 'textarea', label: 'Nội dung vụ việc', ...req, maxLength: 5000 },
        files('giay_to_dien', 'Giấy tờ chứng minh thuộc diện được trợ giúp', { maxFiles: 3 }),
        files('tai_lieu', 'Tài liệu liên quan', { required: false }),
      ],
    },
  },
  {
    code: '2.001673',
    name: 'Thủ tục rút yêu cầu trợ giúp pháp lý của người được trợ giúp pháp lý',
    field: 'Trợ giúp pháp lý',
    agencyCode: 'STP-TGPL',
    level: 'full',
    processingDays: 1,
    fees: '',
    documents: 'Văn bản rút yêu cầu trợ giúp pháp lý (1 bản chính)',
    result: 'Vụ việc trợ giúp pháp lý được chấm dứt',
    legalBasis: 'Luật Trợ giúp pháp lý năm 2017; Thông tư số 12/2018/TT-BTP',
    form: {
      fields: [
        ...applicant('người được trợ giúp'),
        text('so_thu_ly', 'Số thụ lý vụ việc', { maxLength: 30 }),
        note('ly_do', 'Lý do rút yêu cầu'),
      ],
    },
  },
];

/**
 * Adds the demo catalog when the tenant has no procedure yet, so a demo database created before the
 * catalog existed gets it at the next start. Goes through the import, checked like any file (seed
 * data is not audited, like the rest of the demo province). Returns how many procedures were created.
 */
export async function seedDemoProcedures(db: Db, tenantId: string): Promise<number> {
  const any = await db
    .selectFrom('procedures')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .limit(1)
    .executeTakeFirst();
  if (any) return 0;
  const report = await importProcedures({
    db,
    tenantId,
    actor: { type: 'system', id: null },
    scope: { all: true },
    format: 'json',
    content: JSON.stringify(DEMO_PROCEDURES),
    audit: false,
  });
  if (report.rejected.length > 0) {
    throw new Error(`demo procedures rejected: ${JSON.stringify(report.rejected)}`);
  }
  return report.created;
}
