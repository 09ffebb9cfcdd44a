/**
 * Reads the GPS position from a raw EXIF block (as sharp's `metadata().exif` returns it).
 * Field incident reports need the place a photo was taken, and the EXIF block is stripped when the
 * image is re-encoded, so the position is read first. Only the four GPS tags are parsed, with every
 * offset bounds-checked: the block comes from an untrusted upload, so anything odd yields null
 * rather than an exception or a made-up position.
 * Plain bytes and DataView, no Node Buffer and no imports: the mini app bundles this very file
 * (Vite alias `@exif`) to read a photo's position on the phone before compressing it, which the
 * canvas would strip; the server reads it again from the upload.
 */
export interface GpsPosition {
  lat: number;
  lng: number;
}

const TAG_GPS_IFD = 0x8825;
const TAG_LAT_REF = 0x0001;
const TAG_LAT = 0x0002;
const TAG_LNG_REF = 0x0003;
const TAG_LNG = 0x0004;
const TYPE_ASCII = 2;
const TYPE_RATIONAL = 5;
const TYPE_LONG = 4;
/** A real IFD has a few dozen entries; a huge count is a malformed or hostile block. */
const MAX_ENTRIES = 512;

interface Entry {
  type: number;
  count: number;
  /** Offset of the value itself (inline or pointed to), relative to the TIFF header. */
  valueOffset: number;
}

class Tiff {
  private readonly view: DataView;
  constructor(
    private readonly buf: Uint8Array,
    private readonly little: boolean,
  ) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  has(offset: number, length: number): boolean {
    return Number.isInteger(offset) && offset >= 0 && offset + length <= this.buf.length;
  }
  u16(offset: number): number {
    return this.view.getUint16(offset, this.little);
  }
  u32(offset: number): number {
    return this.view.getUint32(offset, this.little);
  }

  /** The entries of the IFD at `offset`, keyed by tag; null when the IFD is out of bounds. */
  entries(offset: number): Map<number, Entry> | null {
    if (!this.has(offset, 2)) return null;
    const count = this.u16(offset);
    if (count > MAX_ENTRIES || !this.has(offset + 2, count * 12)) return null;
    const result = new Map<number, Entry>();
    for (let i = 0; i < count; i += 1) {
      const at = offset + 2 + i * 12;
      const type = this.u16(at + 2);
      const n = this.u32(at + 4);
      const size = ({ 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 } as Record<number, number>)[type];
      if (size === undefined || n > 0xffff) continue;
      // Values of four bytes or fewer sit in the entry itself; longer ones are pointed to.
      const valueOffset = size * n <= 4 ? at + 8 : this.u32(at + 8);
      if (!this.has(valueOffset, size * n)) continue;
      result.set(this.u16(at), { type, count: n, valueOffset });
    }
    return result;
  }

  ascii(entry: Entry | undefined): string | undefined {
    if (!entry || entry.type !== TYPE_ASCII || entry.count < 1) return undefined;
    return String.fromCharCode(this.buf[entry.valueOffset] ?? 0);
  }

  /** Degrees, minutes, seconds as three rationals → decimal degrees. */
  degrees(entry: Entry | undefined): number | undefined {
    if (!entry || entry.type !== TYPE_RATIONAL || entry.count < 3) return undefined;
    let value = 0;
    for (const [i, scale] of [1, 60, 3600].entries()) {
      const num = this.u32(entry.valueOffset + i * 8);
      const den = this.u32(entry.valueOffset + i * 8 + 4);
      if (den === 0) {
        if (num === 0) continue; // some cameras write 0/0 for "no seconds"
        return undefined;
      }
      value += num / den / scale;
    }
    return value;
  }
}

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

export function readGpsFromExif(exif: Uint8Array | undefined): GpsPosition | null {
  if (!exif || exif.length < 14) return null;
  try {
    // sharp hands over the APP1 payload, which starts with "Exif\0\0" before the TIFF header.
    const tiffStart = latin1(exif.subarray(0, 6)) === 'Exif\0\0' ? 6 : 0;
    const buf = exif.subarray(tiffStart);
    const order = latin1(buf.subarray(0, 2));
    if (order !== 'II' && order !== 'MM') return null;
    const tiff = new Tiff(buf, order === 'II');
    if (tiff.u16(2) !== 42) return null;

    const ifd0 = tiff.entries(tiff.u32(4));
    const pointer = ifd0?.get(TAG_GPS_IFD);
    if (!pointer || pointer.type !== TYPE_LONG) return null;
    const gps = tiff.entries(tiff.u32(pointer.valueOffset));
    if (!gps) return null;

    const latRef = tiff.ascii(gps.get(TAG_LAT_REF));
    const lngRef = tiff.ascii(gps.get(TAG_LNG_REF));
    const lat = tiff.degrees(gps.get(TAG_LAT));
    const lng = tiff.degrees(gps.get(TAG_LNG));
    if (lat === undefined || lng === undefined) return null;
    if (latRef !== 'N' && latRef !== 'S') return null;
    if (lngRef !== 'E' && lngRef !== 'W') return null;
    const position = {
      lat: round6(latRef === 'S' ? -lat : lat),
      lng: round6(lngRef === 'W' ? -lng : lng),
    };
    if (Math.abs(position.lat) > 90 || Math.abs(position.lng) > 180) return null;
    // 0,0 is what a phone writes when it had no fix; it is in the Gulf of Guinea, not in a province.
    if (position.lat === 0 && position.lng === 0) return null;
    return position;
  } catch {
    return null;
  }
}

const SOI = 0xd8;
const APP1 = 0xe1;
const SOS = 0xda;

/**
 * The EXIF payload of a JPEG (its APP1 "Exif" segment), found by walking the segments before the
 * image data; null for anything else. Phones write it at the start, so the first 128 KB suffice.
 */
export function jpegExif(jpeg: Uint8Array): Uint8Array | null {
  if (jpeg[0] !== 0xff || jpeg[1] !== SOI) return null;
  let at = 2;
  while (at + 4 <= jpeg.length) {
    if (jpeg[at] !== 0xff) return null;
    const marker = jpeg[at + 1]!;
    if (marker === SOS) return null;
    const length = (jpeg[at + 2]! << 8) | jpeg[at + 3]!;
    if (length < 2) return null;
    const payload = jpeg.subarray(at + 4, at + 2 + length);
    if (marker === APP1 && latin1(payload.subarray(0, 6)) === 'Exif\0\0') return payload;
    at += 2 + length;
  }
  return null;
}

/** Six decimals is about 0.1 m: more than a phone's accuracy, and stable across round trips. */
function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
