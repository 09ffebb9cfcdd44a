import PDFDocument from 'pdfkit';
import { slipFonts } from './fonts.js';
import { vnLongDate } from './vn-time.js';

/**
 * Drawing blocks shared by the four slips, laid out as the forms of Circular 01/2018/TT-VPCP
 * (header of Decree 30/2020: issuing body left, national motto right; margins 30 mm left, 20 mm
 * the other sides). Everything flows with pdfkit's cursor, so a long name or many papers move the
 * rest down and onto a second page rather than overlapping.
 */
export type Doc = PDFKit.PDFDocument;

export const MARGIN = { top: 57, bottom: 57, left: 85, right: 57 };
const BODY_SIZE = 12;

export function createSlipDocument(title: string): Doc {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    info: { Title: title, Creator: 'Cổng tiện ích công dân' },
  });
  const fonts = slipFonts();
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.font('regular').fontSize(BODY_SIZE);
  return doc;
}

export function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export const contentWidth = (doc: Doc) => doc.page.width - MARGIN.left - MARGIN.right;
const bottomLimit = (doc: Doc) => doc.page.height - MARGIN.bottom;

/** Starts a new page when fewer than `height` points are left, so a block is never cut. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottomLimit(doc)) doc.addPage();
}

/** "UBND TỈNH TÂY NINH"; a centrally governed city keeps its own word ("Thành phố Huế"). */
export function committeeLine(province: string): string {
  const name = province.trim();
  if (/^(tỉnh|thành phố|tp\.?)\s/i.test(name)) return `UBND ${name.toLocaleUpperCase('vi')}`;
  return `UBND TỈNH ${name.toLocaleUpperCase('vi')}`;
}

export function drawHeader(
  doc: Doc,
  o: { province: string; agency: string; place: string; issuedAt: Date; code: string },
): void {
  const left = MARGIN.left;
  const leftWidth = 190;
  const rightX = left + leftWidth;
  const rightWidth = contentWidth(doc) - leftWidth;
  const top = MARGIN.top;

  doc
    .font('regular')
    .fontSize(11.5)
    .text(committeeLine(o.province), left, top, { width: leftWidth, align: 'center' });
  doc.font('bold').text(o.agency.toLocaleUpperCase('vi'), left, doc.y, { width: leftWidth, align: 'center' });
  const leftRuleY = doc.y + 3;
  doc
    .moveTo(left + leftWidth / 2 - 30, leftRuleY)
    .lineTo(left + leftWidth / 2 + 30, leftRuleY)
    .lineWidth(0.6)
    .stroke();
  const leftBottom = leftRuleY;

  doc
    .font('bold')
    .fontSize(11.5)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, { width: rightWidth, align: 'center' });
  doc
    .fontSize(12.5)
    .text('Độc lập - Tự do - Hạnh phúc', rightX, doc.y, { width: rightWidth, align: 'center' });
  const rightRuleY = doc.y + 3;
  const center = rightX + rightWidth / 2;
  doc
    .moveTo(center - 78, rightRuleY)
    .lineTo(center + 78, rightRuleY)
    .stroke();

  const rowY = Math.max(leftBottom, rightRuleY) + 12;
  doc
    .font('regular')
    .fontSize(BODY_SIZE)
    .text(`Mã hồ sơ: ${o.code}`, left, rowY, { width: leftWidth, align: 'center' });
  const afterCode = doc.y;
  doc.text(`${o.place}, ${vnLongDate(o.issuedAt)}`, rightX, rowY, { width: rightWidth, align: 'center' });
  doc.x = left;
  doc.y = Math.max(afterCode, doc.y) + 22;
}

export function drawTitle(doc: Doc, title: string, subtitle?: string): void {
  doc
    .font('bold')
    .fontSize(14)
    .text(title, MARGIN.left, doc.y, { width: contentWidth(doc), align: 'center' });
  if (subtitle) {
    doc
      .font('regular')
      .fontSize(BODY_SIZE)
      .text(subtitle, MARGIN.left, doc.y + 2, { width: contentWidth(doc), align: 'center' });
  }
  doc.moveDown(1);
  doc.font('regular').fontSize(BODY_SIZE);
}

/** A paragraph; `label` in bold, then the value, both wrapping within the text width. */
export function para(doc: Doc, text: string, label?: string): void {
  const options = { width: contentWidth(doc), align: 'justify' as const, paragraphGap: 4, lineGap: 1.5 };
  doc.x = MARGIN.left;
  if (label) {
    doc.font('bold').text(label, MARGIN.left, doc.y, { ...options, continued: true });
    doc.font('regular').text(text, options);
  } else {
    doc.font('regular').text(text, MARGIN.left, doc.y, options);
  }
}

export function numberedList(doc: Doc, items: string[]): void {
  items.forEach((item, i) => {
    doc.font('regular').text(`${i + 1}. ${item}`, MARGIN.left + 14, doc.y, {
      width: contentWidth(doc) - 14,
      paragraphGap: 3,
      lineGap: 1.5,
    });
  });
  doc.x = MARGIN.left;
}

export interface TableColumn {
  header: string;
  width: number | 'rest';
  align?: 'left' | 'center';
}

/** A bordered table whose rows grow with their text; the header row is repeated on a new page. */
export function table(doc: Doc, columns: TableColumn[], rows: string[][]): void {
  const total = contentWidth(doc);
  const fixed = columns.reduce((sum, c) => sum + (c.width === 'rest' ? 0 : c.width), 0);
  const widths = columns.map((c) => (c.width === 'rest' ? total - fixed : c.width));
  const pad = 4;
  doc.fontSize(11);

  const rowHeight = (cells: string[], font: string) => {
    doc.font(font);
    return (
      Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! - 2 * pad }))) + 2 * pad
    );
  };
  const drawRow = (cells: string[], font: string, height: number) => {
    let x = MARGIN.left;
    const y = doc.y;
    cells.forEach((cell, i) => {
      const w = widths[i]!;
      doc.rect(x, y, w, height).lineWidth(0.6).stroke();
      doc.font(font).text(cell, x + pad, y + pad, { width: w - 2 * pad, align: columns[i]!.align ?? 'left' });
      x += w;
    });
    doc.x = MARGIN.left;
    doc.y = y + height;
  };

  const headers = columns.map((c) => c.header);
  const headerHeight = rowHeight(headers, 'bold');
  ensureSpace(doc, headerHeight * 2);
  drawRow(headers, 'bold', headerHeight);
  for (const cells of rows) {
    const height = rowHeight(cells, 'regular');
    if (doc.y + height > bottomLimit(doc)) {
      doc.addPage();
      drawRow(headers, 'bold', headerHeight);
    }
    drawRow(cells, 'regular', height);
  }
  doc.fontSize(BODY_SIZE).font('regular');
  doc.moveDown(0.6);
}

export interface Signer {
  title: string;
  name?: string | null;
}

/** One or two signature blocks side by side, each "(Ký và ghi rõ họ tên)" with room to sign. */
export function signatures(doc: Doc, signers: Signer[]): void {
  ensureSpace(doc, 120);
  doc.moveDown(0.8);
  const total = contentWidth(doc);
  const width = total / 2;
  const top = doc.y;
  let bottom = top;
  signers.forEach((signer, i) => {
    const x = signers.length === 1 ? MARGIN.left + width : MARGIN.left + i * width;
    doc.font('bold').fontSize(BODY_SIZE).text(signer.title, x, top, { width, align: 'center' });
    doc.font('regular').fontSize(10.5).text('(Ký và ghi rõ họ tên)', x, doc.y, { width, align: 'center' });
    if (signer.name)
      doc
        .font('bold')
        .fontSize(BODY_SIZE)
        .text(signer.name, x, doc.y + 52, { width, align: 'center' });
    bottom = Math.max(bottom, doc.y + (signer.name ? 0 : 60));
  });
  doc.font('regular').fontSize(BODY_SIZE);
  doc.x = MARGIN.left;
  doc.y = bottom + 14;
}

/** The QR with its caption beside it, kept together on one page. */
export function qrBlock(doc: Doc, png: Buffer, url: string): void {
  const size = 84;
  ensureSpace(doc, size + 6);
  const y = doc.y;
  doc.image(png, MARGIN.left, y, { width: size, height: size });
  const textX = MARGIN.left + size + 10;
  const textWidth = contentWidth(doc) - size - 10;
  doc
    .font('bold')
    .fontSize(11)
    .text('Quét mã để tra cứu hồ sơ', textX, y + 18, { width: textWidth });
  doc
    .font('regular')
    .fontSize(8.5)
    .fillColor('#444444')
    .text(url, textX, doc.y + 2, { width: textWidth });
  doc.fillColor('black').fontSize(BODY_SIZE);
  doc.x = MARGIN.left;
  doc.y = Math.max(y + size, doc.y) + 6;
}
