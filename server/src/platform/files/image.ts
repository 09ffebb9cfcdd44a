import sharp, { type Metadata } from 'sharp';
import { AppError } from '../errors/app-error.js';
import { readGpsFromExif, type GpsPosition } from './exif-gps.js';
import { stripJpegMetadata } from './jpeg-clean.js';

// Every upload is a different image, so libvips' operation cache only holds memory for nothing.
sharp.cache(false);

/**
 * How an uploaded image is made safe to store and show. Re-encoding (instead of storing the upload
 * as it came) strips EXIF/XMP/IPTC (a phone photo carries the owner's home position, device
 * serial, …), normalises orientation, bounds the size, and drops anything smuggled after the pixel
 * data (polyglot files). A JPEG that already meets the profile gets the same guarantees without
 * re-encoding: its metadata segments and trailing bytes are cut losslessly (jpeg-clean.ts).
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

/**
 * A JPEG the browser or phone already made small (the mini app's own compression) is kept with its
 * metadata stripped losslessly instead of re-encoded, when re-encoding would change nothing else:
 * within the profile's size, upright, plain sRGB or greyscale without a colour profile to convert.
 */
function keepsItsPixels(meta: Metadata, profile: ImageProfile): boolean {
  return (
    meta.format === 'jpeg' &&
    meta.width! <= profile.maxSide &&
    meta.height! <= profile.maxSide &&
    (meta.orientation ?? 1) === 1 &&
    !meta.icc &&
    (meta.space === 'srgb' || meta.space === 'b-w') &&
    (meta.channels === 3 || meta.channels === 1)
  );
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
  let meta: Metadata;
  try {
    meta = await sharp(input, options).metadata();
    if (!meta.width || !meta.height) throw new Error('no dimensions');
    gps = readGpsFromExif(meta.exif);
  } catch (error) {
    throw decodeError(error);
  }

  const kept = keepsItsPixels(meta, profile) ? stripJpegMetadata(input) : null;
  if (kept) {
    try {
      // The pixels are still decoded once, at 1/8 scale (the JPEG decoder's own shrink: the whole
      // entropy-coded data is read, little is computed), so damaged or cut-off data is refused
      // exactly as on the re-encoding path.
      await sharp(kept, options).resize(256, 256, { fit: 'inside' }).raw().toBuffer();
    } catch (error) {
      throw decodeError(error);
    }
    return { data: kept, contentType: 'image/jpeg', ext: 'jpg', width: meta.width, height: meta.height, gps };
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
