import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { stripJpegMetadata } from './jpeg-clean.js';

/** A small photo with texture (so the scans are not trivial), EXIF with GPS, and a comment. */
async function photo(options: { progressive?: boolean } = {}): Promise<Buffer> {
  const width = 96;
  const height = 64;
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i += 1) raw[i] = (i * 37) % 251;
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80, progressive: options.progressive ?? false })
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Serial-12345', ImageDescription: 'Nhà riêng' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '11/1 18/1 3000/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '106/1 6/1 0/1',
      },
    })
    .toBuffer();
}

function pixels(jpeg: Buffer): Promise<Buffer> {
  return sharp(jpeg).raw().toBuffer();
}

/** Inserts a segment right after SOI. */
function withSegment(jpeg: Buffer, marker: number, payload: Buffer): Buffer {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

describe('stripJpegMetadata', () => {
  it('removes EXIF, comments and what follows the image, and keeps the pixels exactly', async () => {
    const original = withSegment(await photo(), 0xfe, Buffer.from('bình luận riêng'));
    const polyglot = Buffer.concat([original, Buffer.from('<script>alert(1)</script>')]);
    const cleaned = stripJpegMetadata(polyglot)!;
    expect(cleaned).not.toBeNull();
    const meta = await sharp(cleaned).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.comments).toBeUndefined();
    expect(cleaned.includes('Serial-12345')).toBe(false);
    expect(cleaned.includes('<script>')).toBe(false);
    expect(cleaned.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    expect(await pixels(cleaned)).toEqual(await pixels(original));
  });

  it('keeps every scan of a progressive JPEG', async () => {
    const original = await photo({ progressive: true });
    const cleaned = stripJpegMetadata(original)!;
    expect((await sharp(cleaned).metadata()).isProgressive).toBe(true);
    expect((await sharp(cleaned).metadata()).exif).toBeUndefined();
    expect(await pixels(cleaned)).toEqual(await pixels(original));
  });

  it('leaves to the re-encoder what it cannot vouch for', async () => {
    const original = await photo();
    // Cut off before the end-of-image marker.
    expect(stripJpegMetadata(original.subarray(0, original.length - 40))).toBeNull();
    // An Adobe segment: its colour transform would change meaning once removed.
    expect(stripJpegMetadata(withSegment(original, 0xee, Buffer.from('Adobe\0\x64\0\0\0\0\x01')))).toBeNull();
    // Not a JPEG, or a segment length running past the end.
    expect(stripJpegMetadata(Buffer.from('GIF89a-not-a-jpeg'))).toBeNull();
    expect(stripJpegMetadata(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 0x00]))).toBeNull();
    // Garbage where a marker must be.
    expect(stripJpegMetadata(Buffer.from([0xff, 0xd8, 0x41, 0x41, 0xff, 0xd9]))).toBeNull();
    // Metadata between the scans of a progressive file.
    const progressive = await photo({ progressive: true });
    const secondScan = progressive.indexOf(
      Buffer.from([0xff, 0xda]),
      progressive.indexOf(Buffer.from([0xff, 0xda])) + 2,
    );
    const comment = Buffer.from([0xff, 0xfe, 0x00, 0x06, 0x61, 0x62, 0x63, 0x64]);
    const tucked = Buffer.concat([
      progressive.subarray(0, secondScan),
      comment,
      progressive.subarray(secondScan),
    ]);
    expect(stripJpegMetadata(tucked)).toBeNull();
  });
});
