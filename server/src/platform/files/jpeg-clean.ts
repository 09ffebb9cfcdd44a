/**
 * Lossless clean-up of a JPEG that needs no re-encoding: every APPn and COM segment removed (EXIF
 * with its GPS position and device serial, XMP, IPTC, embedded thumbnails, comments), and nothing
 * kept after the end-of-image marker (polyglot payloads). The quantisation and Huffman tables, the
 * frame header and the entropy-coded scans are copied byte for byte, so the pixels are exactly the
 * uploaded ones.
 *
 * Why: the mini app already shrinks and re-encodes photos on the phone (canvas JPEG, no metadata),
 * so re-encoding them again on the server costs 50–100 ms of CPU per photo for nothing and loses a
 * little quality. Anything this cannot vouch for returns null and takes the re-encoding path.
 */

/** Markers without a length field: TEM, RST0–7, SOI, EOI. */
function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9);
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;
const APP0 = 0xe0;
const APP14 = 0xee;
const APP15 = 0xef;

/**
 * The JPEG without metadata, or null when it must be re-encoded instead: an Adobe APP14 segment
 * (its colour transform changes how the pixels read once removed), a metadata segment between scans,
 * no end-of-image marker (cut off), or a structure that does not parse.
 */
export function stripJpegMetadata(input: Buffer): Buffer | null {
  if (input.length < 4 || input[0] !== 0xff || input[1] !== SOI) return null;
  const kept: Buffer[] = [input.subarray(0, 2)];
  let pos = 2;
  let inScans = false;
  let copyFrom = -1; // start of the span copied verbatim once the first scan begins
  while (pos < input.length) {
    if (input[pos] !== 0xff) {
      // Outside a scan, everything must be a marker; inside, it is entropy-coded data up to the
      // next 0xFF.
      if (!inScans) return null;
      pos = input.indexOf(0xff, pos);
      if (pos < 0) return null;
      continue;
    }
    // Fill bytes (0xFF repeated) may precede a marker.
    let next = pos + 1;
    while (next < input.length && input[next] === 0xff) next += 1;
    if (next >= input.length) return null;
    const marker = input[next]!;
    if (inScans && (marker === 0x00 || (marker >= 0xd0 && marker <= 0xd7))) {
      // A stuffed 0xFF byte or a restart marker: still scan data.
      pos = next + 1;
      continue;
    }
    if (marker === EOI) {
      const end = next + 1;
      if (inScans) kept.push(input.subarray(copyFrom, end));
      else return null; // an image without a scan has no pixels
      return Buffer.concat(kept);
    }
    if (isStandalone(marker)) {
      if (!inScans) kept.push(input.subarray(pos, next + 1));
      pos = next + 1;
      continue;
    }
    if (next + 2 >= input.length) return null;
    const length = input.readUInt16BE(next + 1);
    if (length < 2 || next + 1 + length > input.length) return null;
    const segmentEnd = next + 1 + length;
    const isMetadata = (marker >= APP0 && marker <= APP15) || marker === COM;
    if (marker === APP14) return null;
    if (inScans) {
      // Progressive files put tables and further scans between scans: those are copied with the
      // span; metadata there is unusual enough to leave to the re-encoder.
      if (isMetadata) return null;
    } else if (!isMetadata) {
      kept.push(input.subarray(pos, segmentEnd));
    }
    if (marker === SOS && !inScans) {
      inScans = true;
      copyFrom = segmentEnd;
    }
    pos = segmentEnd;
  }
  return null;
}
