import { qrPng } from './qr.js';
import {
  collect,
  createSlipDocument,
  drawHeader,
  drawTitle,
  numberedList,
  para,
  qrBlock,
  signatures,
  table,
  type Doc,
} from './slip-layout.js';
import { vnAppointment, vnLongDate, vnParts } from './vn-time.js';

/**
 * Official slips ("phiếu") of Circular 01/2018/TT-VPCP: Mẫu 01 receipt and appointment, 02
 * supplement request, 03 refusal, 04 apology with a new date. The wording follows the forms so a
 * printed slip is the legal paper the counter would hand out; the QR lets the citizen follow the
 * dossier (and link it to their account) without typing the code.
 */
export interface SlipData {
  form: '01' | '02' | '03' | '04';
  province: string;
  agency: string;
  place: string;
  issuedAt: Date;
  code: string;
  procedure: string;
  applicant: { name: string; phone?: string | null; address?: string | null; idNumber?: string | null };
  documents: { name: string; copies: number; original: boolean }[];
  receivedAt?: Date | null;
  dueAt?: Date | null;
  newDueAt?: Date | null;
  officer?: string | null;
  reason?: string | null;
  items?: string[];
  qrUrl: string;
}

export const SLIP_TITLES: Record<SlipData['form'], string> = {
  '01': 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
  '02': 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
  '03': 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
  '04': 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
};

/** Left blank on the form when unknown, as a clerk would leave the dotted line to fill by hand. */
const BLANK = '……………';

export async function renderSlip(data: SlipData): Promise<Buffer> {
  const title = SLIP_TITLES[data.form];
  const doc = createSlipDocument(`${title} – ${data.code}`);
  const qr = await qrPng(data.qrUrl);
  drawHeader(doc, data);
  drawTitle(doc, title);
  BODIES[data.form](doc, data);
  qrBlock(doc, qr, data.qrUrl);
  return collect(doc);
}

function applicantLines(doc: Doc, data: SlipData): void {
  para(doc, data.applicant.name, 'Ông/Bà: ');
  if (data.applicant.idNumber) para(doc, data.applicant.idNumber, 'Số định danh cá nhân: ');
  if (data.applicant.address) para(doc, data.applicant.address, 'Địa chỉ: ');
  if (data.applicant.phone) para(doc, data.applicant.phone, 'Số điện thoại: ');
  para(doc, data.procedure, 'Nội dung yêu cầu giải quyết: ');
}

function timeOfDay(date: Date): string {
  const p = vnParts(date);
  return `${p.hour} giờ ${p.minute} phút, ngày ${p.day}/${p.month}/${p.year}`;
}

const BODIES: Record<SlipData['form'], (doc: Doc, data: SlipData) => void> = {
  '01': (doc, data) => {
    para(doc, `${data.agency} tiếp nhận hồ sơ của:`);
    applicantLines(doc, data);
    para(doc, '1. Thành phần hồ sơ nộp gồm:');
    if (data.documents.length > 0) {
      table(
        doc,
        [
          { header: 'STT', width: 34, align: 'center' },
          { header: 'Tên giấy tờ', width: 'rest' },
          { header: 'Hình thức', width: 86, align: 'center' },
          { header: 'Số lượng', width: 58, align: 'center' },
        ],
        data.documents.map((d, i) => [
          String(i + 1),
          d.name,
          d.original ? 'Bản chính' : 'Bản sao',
          String(d.copies).padStart(2, '0'),
        ]),
      );
    } else {
      para(doc, '(Hồ sơ nộp trực tuyến, thành phần theo tờ khai điện tử.)');
    }
    para(doc, '2. Số lượng hồ sơ: 01 (bộ).');
    para(doc, `3. Thời gian nhận hồ sơ: ${timeOfDay(data.receivedAt ?? data.issuedAt)}.`);
    para(doc, `4. Ngày hẹn trả kết quả: ${data.dueAt ? vnAppointment(data.dueAt) : BLANK}.`);
    para(doc, `5. Nơi nhận kết quả: ${data.agency}.`);
    signatures(doc, [
      { title: 'NGƯỜI NỘP HỒ SƠ', name: data.applicant.name },
      { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: data.officer },
    ]);
  },

  '02': (doc, data) => {
    para(doc, 'Hồ sơ của:');
    applicantLines(doc, data);
    const received = data.receivedAt
      ? `Ngày ${vnParts(data.receivedAt).day}/${vnParts(data.receivedAt).month}/${vnParts(data.receivedAt).year}, `
      : '';
    para(
      doc,
      `${received}${data.agency} đã tiếp nhận hồ sơ của Ông/Bà. Sau khi xem xét, đề nghị Ông/Bà bổ sung, ` +
        'hoàn thiện hồ sơ gồm những nội dung sau:',
    );
    const items = data.items && data.items.length > 0 ? data.items : [BLANK];
    numberedList(doc, items);
    if (data.reason) para(doc, data.reason, 'Lý do: ');
    para(
      doc,
      `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với ${data.officer ?? 'cán bộ tiếp nhận'} ` +
        `tại ${data.agency} để được hướng dẫn.`,
    );
    para(doc, 'Xin trân trọng cảm ơn!');
    signatures(doc, [{ title: 'NGƯỜI HƯỚNG DẪN', name: data.officer }]);
  },

  '03': (doc, data) => {
    para(doc, `${data.agency} tiếp nhận hồ sơ của:`);
    applicantLines(doc, data);
    para(
      doc,
      `Qua xem xét, ${data.agency} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`,
    );
    para(doc, data.reason ?? BLANK);
    para(doc, 'Xin thông báo để Ông/Bà được biết và thực hiện./.');
    signatures(doc, [{ title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: data.officer }]);
  },

  '04': (doc, data) => {
    para(doc, data.applicant.name, 'Kính gửi: Ông/Bà ');
    const received = data.receivedAt ? `Ngày ${vnLongDate(data.receivedAt).replace(/^ngày /, '')}, ` : '';
    para(
      doc,
      `${received}${data.agency} tiếp nhận giải quyết hồ sơ đề nghị ${data.procedure} của Ông/Bà ` +
        `${data.applicant.name}, mã hồ sơ ${data.code}.`,
    );
    para(doc, `Thời hẹn trả kết quả giải quyết hồ sơ: ${data.dueAt ? timeOfDay(data.dueAt) : BLANK}.`);
    para(
      doc,
      `Tuy nhiên đến nay, ${data.agency} chưa trả kết quả giải quyết hồ sơ của Ông/Bà đúng hẹn ghi trên ` +
        'Giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
    );
    if (data.reason) para(doc, data.reason, 'Lý do: ');
    para(
      doc,
      `Sự chậm trễ này đã gây phiền hà cho Ông/Bà. ${data.agency} xin lỗi Ông/Bà và sự bất tiện này.`,
    );
    para(
      doc,
      `Chúng tôi sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào: ${data.newDueAt ? timeOfDay(data.newDueAt) : BLANK}.`,
    );
    para(doc, 'Kính mong nhận được sự thông cảm của Ông/Bà.');
    signatures(doc, [{ title: 'THỦ TRƯỞNG CƠ QUAN', name: data.officer }]);
  },
};
