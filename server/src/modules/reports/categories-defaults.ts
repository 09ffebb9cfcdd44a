import type { FormDefinition } from '../../platform/forms/definition.js';

export interface DefaultCategory {
  code: string;
  name: string;
  description: string;
  slaValue: number;
  slaUnit: 'hours' | 'days';
  duplicateRadiusM: number;
  proofPhotoRequired: boolean;
  form: FormDefinition;
}

/**
 * The categories a province starts with (the fields Vietnamese provinces route reports by). SLAs
 * follow urgency: a hazard on the road or a broken power line within working hours, daily-life
 * nuisances within days, land and construction matters (which need an inspection) longest. The
 * duplicate radius follows how far apart two reports of one problem usually are: a pothole or a
 * lamp post is a point, a polluted canal or a noisy venue covers a street. Physical fixes ask for a
 * proof photo; matters settled by an inspection or a decision do not.
 */
export const DEFAULT_CATEGORIES: readonly DefaultCategory[] = [
  {
    code: 'an-toan-giao-thong',
    name: 'An toàn giao thông',
    description: 'Ổ gà, hư hỏng mặt đường, biển báo, đèn tín hiệu, điểm đen tai nạn giao thông.',
    slaValue: 24,
    slaUnit: 'hours',
    duplicateRadiusM: 100,
    proofPhotoRequired: true,
    form: { fields: [] },
  },
  {
    code: 'an-ninh-trat-tu',
    name: 'An ninh trật tự',
    description: 'Tụ tập gây rối, đánh bạc, trộm cắp, tiếng ồn gây mất trật tự nơi công cộng.',
    slaValue: 16,
    slaUnit: 'hours',
    duplicateRadiusM: 200,
    proofPhotoRequired: false,
    form: { fields: [] },
  },
  {
    code: 'trat-tu-do-thi',
    name: 'Trật tự đô thị',
    description: 'Lấn chiếm vỉa hè, lòng đường; quảng cáo sai quy định; họp chợ tự phát.',
    slaValue: 5,
    slaUnit: 'days',
    duplicateRadiusM: 100,
    proofPhotoRequired: true,
    form: { fields: [] },
  },
  {
    code: 'an-toan-thuc-pham',
    name: 'An toàn thực phẩm',
    description: 'Cơ sở kinh doanh, chế biến thực phẩm không bảo đảm vệ sinh; ngộ độc thực phẩm.',
    slaValue: 5,
    slaUnit: 'days',
    duplicateRadiusM: 50,
    proofPhotoRequired: false,
    form: {
      fields: [
        { name: 'ten_co_so', type: 'text', label: 'Tên cơ sở kinh doanh', required: true, maxLength: 200 },
        {
          name: 'loai_hinh',
          type: 'select',
          label: 'Loại hình',
          options: [
            { value: 'nha_hang', label: 'Nhà hàng, quán ăn' },
            { value: 'thuc_an_duong_pho', label: 'Thức ăn đường phố' },
            { value: 'san_xuat', label: 'Cơ sở sản xuất, chế biến' },
            { value: 'khac', label: 'Khác' },
          ],
        },
      ],
    },
  },
  {
    code: 'dat-dai-xay-dung',
    name: 'Đất đai - xây dựng',
    description: 'Xây dựng không phép, sai phép; lấn chiếm đất công; tranh chấp ranh giới.',
    slaValue: 10,
    slaUnit: 'days',
    duplicateRadiusM: 50,
    proofPhotoRequired: false,
    form: {
      fields: [{ name: 'chu_cong_trinh', type: 'text', label: 'Chủ công trình (nếu biết)', maxLength: 200 }],
    },
  },
  {
    code: 'moi-truong',
    name: 'Môi trường',
    description: 'Rác thải, nước thải, khói bụi, mùi hôi, ô nhiễm kênh rạch.',
    slaValue: 5,
    slaUnit: 'days',
    duplicateRadiusM: 300,
    proofPhotoRequired: true,
    form: { fields: [] },
  },
  {
    code: 'dien-chieu-sang',
    name: 'Điện - chiếu sáng công cộng',
    description: 'Đèn đường hư, dây điện đứt, trụ điện nghiêng đổ nguy hiểm.',
    slaValue: 16,
    slaUnit: 'hours',
    duplicateRadiusM: 50,
    proofPhotoRequired: true,
    form: { fields: [] },
  },
  {
    code: 'cap-thoat-nuoc',
    name: 'Cấp thoát nước',
    description: 'Vỡ ống nước, mất nước, ngập úng, nắp cống hư hỏng.',
    slaValue: 24,
    slaUnit: 'hours',
    duplicateRadiusM: 150,
    proofPhotoRequired: true,
    form: { fields: [] },
  },
  {
    code: 'cay-xanh',
    name: 'Cây xanh',
    description: 'Cây đổ, gãy cành, cây có nguy cơ ngã đổ, cần cắt tỉa.',
    slaValue: 3,
    slaUnit: 'days',
    duplicateRadiusM: 50,
    proofPhotoRequired: true,
    form: { fields: [] },
  },
  {
    code: 'y-te',
    name: 'Y tế',
    description: 'Dịch bệnh, cơ sở khám chữa bệnh, hành nghề y dược không phép.',
    slaValue: 3,
    slaUnit: 'days',
    duplicateRadiusM: 100,
    proofPhotoRequired: false,
    form: {
      fields: [{ name: 'ten_co_so', type: 'text', label: 'Tên cơ sở y tế (nếu có)', maxLength: 200 }],
    },
  },
  {
    code: 'giao-duc',
    name: 'Giáo dục',
    description: 'Trường lớp, an toàn trường học, thu chi sai quy định.',
    slaValue: 7,
    slaUnit: 'days',
    duplicateRadiusM: 100,
    proofPhotoRequired: false,
    form: {
      fields: [{ name: 'ten_truong', type: 'text', label: 'Tên trường', maxLength: 200 }],
    },
  },
  {
    code: 'khac',
    name: 'Khác',
    description: 'Những vấn đề khác; Trung tâm điều hành sẽ chuyển đến cơ quan phù hợp.',
    slaValue: 10,
    slaUnit: 'days',
    duplicateRadiusM: 50,
    proofPhotoRequired: false,
    form: { fields: [] },
  },
];
