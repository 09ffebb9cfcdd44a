/**
 * Camera and gallery on the web: a file input (with `capture` so cheap phones open the camera app
 * straight away). QR codes are read from a photo: the browser's BarcodeDetector when it has one,
 * else jsQR (≈ 47 KB gz, fetched only on a phone without BarcodeDetector, the moment a photo is decoded). A photo works on every phone, unlike a live video scanner.
 */

function chooseFiles(options: { multiple: boolean; capture: boolean; pdf?: boolean }): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = options.pdf ? 'image/*,application/pdf' : 'image/*';
    input.multiple = options.multiple;
    if (options.capture) input.setAttribute('capture', 'environment');
    input.addEventListener('change', () => resolve(Array.from(input.files ?? [])), { once: true });
    input.addEventListener('cancel', () => resolve([]), { once: true });
    input.click();
  });
}

export async function pickImageFiles(options: {
  max: number;
  source?: 'camera' | 'album';
  pdf?: boolean;
}): Promise<Blob[]> {
  const camera = options.source === 'camera';
  const files = await chooseFiles({
    multiple: !camera && options.max > 1,
    capture: camera,
    pdf: !camera && options.pdf,
  });
  return files.slice(0, options.max);
}

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: ImageBitmap): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

async function decode(bitmap: ImageBitmap): Promise<string | null> {
  const Detector = (window as unknown as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
  if (Detector) {
    try {
      const found = await new Detector({ formats: ['qr_code'] }).detect(bitmap);
      if (found[0]) return found[0].rawValue;
    } catch {
      // fall through to jsQR: some builds expose the class without a working QR engine
    }
  }
  // Scale large photos down: jsQR's time grows with pixels and a QR code needs far fewer.
  const scale = Math.min(1, 1024 / Math.max(bitmap.width, bitmap.height));
  const width = Math.round(bitmap.width * scale);
  const height = Math.round(bitmap.height * scale);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.drawImage(bitmap, 0, 0, width, height);
  const pixels = context.getImageData(0, 0, width, height);
  // Inside Zalo the package scans with Zalo's own scanner (platform/zalo.ts); only the package opened in
  // a plain browser for testing lands here. Leaving jsQR out keeps 130 KB out of the 500 KB package.
  if (__ZALO_BUILD__) return null;
  const { default: jsQR } = await import('jsqr');
  return jsQR(pixels.data, width, height)?.data ?? null;
}

/** Null when the citizen cancels; throws when the photo holds no readable code. */
export async function scanQrFromCamera(): Promise<string | null> {
  const [photo] = await chooseFiles({ multiple: false, capture: true });
  if (!photo) return null;
  const bitmap = await createImageBitmap(photo);
  try {
    const content = await decode(bitmap);
    if (content === null) throw new Error('no QR code found in the photo');
    return content;
  } finally {
    bitmap.close();
  }
}
