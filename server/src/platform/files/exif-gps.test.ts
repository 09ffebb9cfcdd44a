import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { jpegExif, readGpsFromExif } from './exif-gps.js';

async function exifOf(gps: Record<string, string>): Promise<Buffer | undefined> {
  const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'Test' }, IFD3: gps })
    .toBuffer();
  return (await sharp(jpeg).metadata()).exif;
}

/** A big-endian ("MM") TIFF block written by hand: IFD0 → GPS IFD with the four position tags. */
function bigEndianExif(lat: [number, number][], lng: [number, number][], refs = ['N', 'E']): Buffer {
  const buf = Buffer.alloc(200);
  buf.write('MM', 0, 'latin1');
  buf.writeUInt16BE(42, 2);
  buf.writeUInt32BE(8, 4);
  // IFD0 at 8: one entry, GPS pointer → 26
  buf.writeUInt16BE(1, 8);
  buf.writeUInt16BE(0x8825, 10);
  buf.writeUInt16BE(4, 12);
  buf.writeUInt32BE(1, 14);
  buf.writeUInt32BE(26, 18);
  buf.writeUInt32BE(0, 22);
  // GPS IFD at 26: four entries (2 + 4 × 12 + 4 = 54 bytes), values from 80
  buf.writeUInt16BE(4, 26);
  const entry = (i: number, tag: number, type: number, count: number, value: number | string) => {
    const at = 28 + i * 12;
    buf.writeUInt16BE(tag, at);
    buf.writeUInt16BE(type, at + 2);
    buf.writeUInt32BE(count, at + 4);
    if (typeof value === 'string') buf.write(value, at + 8, 'latin1');
    else buf.writeUInt32BE(value, at + 8);
  };
  const rationals = (at: number, parts: [number, number][]) =>
    parts.forEach(([n, d], i) => {
      buf.writeUInt32BE(n, at + i * 8);
      buf.writeUInt32BE(d, at + i * 8 + 4);
    });
  entry(0, 1, 2, 2, `${refs[0]}\0`);
  entry(1, 2, 5, 3, 80);
  entry(2, 3, 2, 2, `${refs[1]}\0`);
  entry(3, 4, 5, 3, 104);
  rationals(80, lat);
  rationals(104, lng);
  return buf;
}

describe('readGpsFromExif', () => {
  it('reads a little-endian block written by a camera (via sharp)', async () => {
    const exif = await exifOf({
      GPSLatitudeRef: 'S',
      GPSLatitude: '33/1 51/1 5400/100',
      GPSLongitudeRef: 'W',
      GPSLongitude: '70/1 40/1 0/1',
    });
    expect(readGpsFromExif(exif)).toEqual({ lat: -33.865, lng: -70.666667 });
  });

  it('reads a big-endian block, with and without the Exif prefix', () => {
    const tiff = bigEndianExif(
      [
        [21, 1],
        [1, 1],
        [3600, 100],
      ],
      [
        [105, 1],
        [51, 1],
        [0, 0],
      ],
    );
    const expected = { lat: 21.026667, lng: 105.85 };
    expect(readGpsFromExif(tiff)).toEqual(expected);
    expect(readGpsFromExif(Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]))).toEqual(expected);
  });

  it('returns null without a position, for a 0,0 "no fix", and for nonsense', async () => {
    expect(readGpsFromExif(undefined)).toBeNull();
    expect(readGpsFromExif(await exifOf({}))).toBeNull();
    const zero: [number, number][] = [
      [0, 1],
      [0, 1],
      [0, 1],
    ];
    expect(readGpsFromExif(bigEndianExif(zero, zero))).toBeNull();
    const tooFar: [number, number][] = [
      [95, 1],
      [0, 1],
      [0, 1],
    ];
    expect(readGpsFromExif(bigEndianExif(tooFar, tooFar))).toBeNull();
    const badRef = bigEndianExif(tooFar, tooFar, ['X', 'E']);
    expect(readGpsFromExif(badRef)).toBeNull();
  });

  it('never throws on a damaged block', () => {
    const good = bigEndianExif(
      [
        [10, 1],
        [0, 1],
        [0, 1],
      ],
      [
        [106, 1],
        [0, 1],
        [0, 1],
      ],
    );
    for (let cut = 0; cut < good.length; cut += 7) {
      expect(() => readGpsFromExif(good.subarray(0, cut))).not.toThrow();
    }
    const pointerOut = Buffer.from(good);
    pointerOut.writeUInt32BE(0xfffffff0, 18); // GPS IFD pointer far past the end
    expect(readGpsFromExif(pointerOut)).toBeNull();
    expect(readGpsFromExif(Buffer.alloc(64, 0xff))).toBeNull();
  });
});

describe('jpegExif', () => {
  it('finds the EXIF segment of a phone JPEG, so the position is read from the file itself', async () => {
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'Test' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '11/1 18/1 0/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '106/1 6/1 0/1',
        },
      })
      .toBuffer();
    const exif = jpegExif(new Uint8Array(jpeg));
    expect(exif).not.toBeNull();
    expect(readGpsFromExif(exif!)).toEqual({ lat: 11.3, lng: 106.1 });
  });

  it('returns null for a JPEG without EXIF, a PNG and a truncated file', async () => {
    const plain = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .jpeg()
      .toBuffer();
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    expect(jpegExif(new Uint8Array(plain))).toBeNull();
    expect(jpegExif(new Uint8Array(png))).toBeNull();
    expect(jpegExif(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x00]))).toBeNull();
  });
});
