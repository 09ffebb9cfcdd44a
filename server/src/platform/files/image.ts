import sharp from 'sharp';
import { AppError } from '../errors/app-error.js';
import { readGpsFromExif, type GpsPosition } from './exif-gps.js';

// Every upload is a different image, so libvips' operation cache only holds memory for nothing.
sharp.cache(false);

/**
 * How an uploaded image is re-encoded. Re-encoding (instead of storing the upload as it came)
 * strips EXIF/XMP/IPTC (a phone photo carries the owner's home position, device serial, …),
 * normalises orientation, bounds the size, and drops anything smuggled after the pixel data
 * (polyglot files).
 *  - photos (kind 'image'): JPEG, longest side 2048 px — plenty for a report photo on a phone
 *    screen or a console, and small enough for slow mobile networks;
 *  - scanned documents: longest side 4096 px so small print stays legible; PNG stays PNG (lossless
 *    for text), everything else becomes JPEG at a higher quality.
 */
export interface ImageProfile {
  maxSide: number;
  keepPng: boolean;
  quality: number;
}
export const PHOTO_PROFILE: ImageProfile = { maxSide: 2048, keepPng: false, quality: 82 };
export const DOCUMENT_IMAGE_PROFILE: ImageProfile = { maxSide: 4096, keepPng: true, quality: 88 };

/**
 * Decoding is where decompression bombs bite (a 1 MB PNG can declare 50 000 × 50 000 pixels), so
 * the declared size is checked before any pixel is decoded. 50 megapixels admits 48 MP phone
 * cameras while bounding memory to a few hundred MB per upload.
 */
export const MAX_INPUT_PIXELS = 50_000_000;

export interface ProcessedImage {
  data: Buffer;
  contentType: 'image/jpeg' | 'image/png';
  ext: 'jpg' | 'png';
  width: number;
  height: number;
  /** Where the photo was taken, read before the metadata was stripped. */
  gps: GpsPosition | null;
}

function decodeError(error: unknown): AppError {
  const message = error instanceof Error ? error.message : '';
  if (/pixel limit/i.test(message)) return new AppError('FILE_TOO_LARGE', { maxPixels: MAX_INPUT_PIXELS });
  return new AppError('FILE_CORRUPT');
}

export async function processImage(
  input: Buffer,
  sourceType: string,
  profile: ImageProfile,
): Promise<ProcessedImage> {
  // 'error' rejects truncated and damaged pixel data; 'warning' would also reject the slightly
  // non-conforming JPEGs some phones write, which decode fine.
  const options = { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS } as const;
  let gps: GpsPosition | null;
  try {
    const meta = await sharp(input, options).metadata();
    if (!meta.width || !meta.height) throw new Error('no dimensions');
    gps = readGpsFromExif(meta.exif);
  } catch (error) {
    throw decodeError(error);
  }

  const png = profile.keepPng && sourceType === 'image/png';
  let pipeline = sharp(input, { ...options, autoOrient: true }).resize({
    width: profile.maxSide,
    height: profile.maxSide,
    fit: 'inside',
    withoutEnlargement: true,
  });
  // JPEG has no transparency: flatten onto white, or transparent areas of a PNG turn black.
  pipeline = png
    ? pipeline.png({ compressionLevel: 8 })
    : pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: profile.quality, progressive: true });
  try {
    // No keepMetadata()/withMetadata(): sharp writes no EXIF, XMP or IPTC unless asked to.
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return {
      data,
      contentType: png ? 'image/png' : 'image/jpeg',
      ext: png ? 'png' : 'jpg',
      width: info.width,
      height: info.height,
      gps,
    };
  } catch (error) {
    throw decodeError(error);
  }
}
