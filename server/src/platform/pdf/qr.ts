import QRCode from 'qrcode';

/**
 * The slip's QR as a PNG. Error correction M (15 %) survives a slip folded or photocopied once,
 * and keeps the code small enough for a cheap phone camera at arm's length; the quiet zone of two
 * modules is what scanners need and no more, since the slip leaves white space around it.
 */
export async function qrPng(text: string, size = 300): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: size });
}
