import jsQRModule from 'jsqr';
import sharp from 'sharp';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { qrPng } from './qr.js';
import { renderSlip, SLIP_TITLES, type SlipData } from './slips.js';
import { vnAppointment, vnLongDate } from './vn-time.js';

// jsqr is CommonJS with a default export in its typings: under NodeNext the default import is the module.
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ??
  jsQRModule) as typeof jsQRModule.default;

const QR_URL =
  'https://zalo.me/s/1234567890/?page=tra-cuu-ho-so&code=H55.01-260105-0007&s=Xy9_Ab-3kLmN0pQrStUvWx';

function sample(form: SlipData['form'], extra: Partial<SlipData> = {}): SlipData {
  return {
    form,
    province: 'Tây Ninh',
    agency: 'Ủy ban nhân dân phường Tân Ninh',
    place: 'Tây Ninh',
    issuedAt: new Date('2026-01-05T02:30:00Z'),
    code: 'H55.01-260105-0007',
    procedure: 'Đăng ký khai sinh',
    applicant: {
      name: 'Nguyễn Thị Ngọc Ánh Đặng Hữu Ước',
      phone: '0912345678',
      address: 'Số 12, đường Cách Mạng Tháng Tám, khu phố Hiệp Nghĩa',
      idNumber: '072188001234',
    },
    documents: [
      { name: 'Tờ khai đăng ký khai sinh theo mẫu', copies: 1, original: true },
      { name: 'Giấy chứng sinh', copies: 1, original: true },
    ],
    receivedAt: new Date('2026-01-05T02:30:00Z'),
    dueAt: new Date('2026-01-07T10:00:00Z'),
    newDueAt: new Date('2026-01-09T10:00:00Z'),
    officer: 'Trần Văn Bình',
    reason: 'Giấy chứng sinh không rõ chữ ký của cơ sở y tế.',
    items: ['Bản sao giấy chứng sinh có chứng thực', 'Giấy xác nhận nơi cư trú'],
    qrUrl: QR_URL,
    ...extra,
  };
}

async function textOf(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text, totalPages } = await extractText(doc, { mergePages: true });
  // Extraction breaks lines where the layout wrapped them; words are what matters.
  return { text: text.replace(/\s+/g, ' '), pages: totalPages };
}

describe('renderSlip', () => {
  for (const form of ['01', '02', '03', '04'] as const) {
    it(`Mẫu ${form}: A4 PDF with the code, the title and the applicant's name in Vietnamese`, async () => {
      const pdf = await renderSlip(sample(form));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
      const { text, pages } = await textOf(pdf);
      expect(pages).toBe(1);
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(text).toContain('UBND TỈNH TÂY NINH');
      expect(text).toContain('Mã hồ sơ: H55.01-260105-0007');
      expect(text).toContain(SLIP_TITLES[form]);
      expect(text).toContain('Nguyễn Thị Ngọc Ánh Đặng Hữu Ước');
      expect(text).toContain('Quét mã để tra cứu hồ sơ');
      // 02:30 UTC is 09:30 in Vietnam, still 5 January.
      expect(text).toContain(`Tây Ninh, ${vnLongDate(new Date('2026-01-05T02:30:00Z'))}`);
      expect(text).toContain('ngày 05 tháng 01 năm 2026');
      // Fonts are embedded (subset), never referenced from the reader's system.
      expect(pdf.toString('latin1')).toMatch(/\/FontFile2/);
    });
  }

  it('Mẫu 01 carries the documents, the appointment and the receiving officer', async () => {
    const { text } = await textOf(await renderSlip(sample('01')));
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain('Giấy chứng sinh');
    expect(text).toContain('Bản chính');
    expect(text).toContain(`Ngày hẹn trả kết quả: ${vnAppointment(new Date('2026-01-07T10:00:00Z'))}`);
    expect(text).toContain('17 giờ 00 ngày 07/01/2026');
    expect(text).toContain('Trần Văn Bình');
  });

  it('Mẫu 02 lists the items to supplement, 03 the reason, 04 the apology and the new date', async () => {
    const two = (await textOf(await renderSlip(sample('02')))).text;
    expect(two).toContain('1. Bản sao giấy chứng sinh có chứng thực');
    expect(two).toContain('2. Giấy xác nhận nơi cư trú');
    const three = (await textOf(await renderSlip(sample('03')))).text;
    expect(three).toContain('Giấy chứng sinh không rõ chữ ký của cơ sở y tế.');
    const four = (await textOf(await renderSlip(sample('04')))).text;
    expect(four).toContain('xin lỗi Ông/Bà');
    expect(four).toContain('17 giờ 00 phút, ngày 09/01/2026');
  });

  it('flows many documents onto a second page, repeating nothing but the table header', async () => {
    const documents = Array.from({ length: 45 }, (_, i) => ({
      name: `Giấy tờ số ${i + 1}: bản kê khai chi tiết tài sản, quyền sử dụng đất và tài sản gắn liền với đất`,
      copies: 2,
      original: i % 2 === 0,
    }));
    const { text, pages } = await textOf(await renderSlip(sample('01', { documents })));
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain('Giấy tờ số 45');
    expect(text).toContain('Ngày hẹn trả kết quả');
  });

  it('wraps a very long procedure name and reason instead of cutting them', async () => {
    const procedure =
      'Cấp giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất '.repeat(4);
    const { text } = await textOf(
      await renderSlip(sample('03', { procedure, reason: 'Thiếu hồ sơ. '.repeat(60) })),
    );
    expect(text).toContain('gắn liền với đất');
    expect(text.match(/Thiếu hồ sơ\./g)?.length).toBe(60);
  });
});

describe('qrPng', () => {
  it('encodes the lookup URL so a phone camera reads it back exactly', async () => {
    const { data, info } = await sharp(await qrPng(QR_URL))
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const decoded = jsQR(new Uint8ClampedArray(data), info.width, info.height);
    expect(decoded?.data).toBe(QR_URL);
  });
});
