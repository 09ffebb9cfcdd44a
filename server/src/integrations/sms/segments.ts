/**
 * How many SMS parts a text takes, which is what operators bill. A text made only of GSM 03.38
 * characters travels in 7-bit encoding: 160 characters in one part, 153 per part once split (the
 * other 7 carry the concatenation header). Anything else, and Vietnamese with diacritics is anything
 * else, goes as UCS-2: 70 characters in one part, 67 per part, counted in UTF-16 code units.
 * Characters of the GSM extension table (€, [, ], {, }, …) take two 7-bit slots.
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

const basic = new Set(GSM_BASIC);
const extended = new Set(GSM_EXTENDED);

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsSegmentCount {
  encoding: SmsEncoding;
  /** Characters as the encoding counts them (7-bit slots or UTF-16 code units). */
  units: number;
  segments: number;
}

export function countSmsSegments(text: string): SmsSegmentCount {
  let gsmUnits = 0;
  let gsm = true;
  for (const char of text) {
    if (basic.has(char)) gsmUnits += 1;
    else if (extended.has(char)) gsmUnits += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return { encoding: 'gsm7', units: gsmUnits, segments: parts(gsmUnits, 160, 153) };
  // String length is in UTF-16 code units already: an emoji outside the BMP counts two.
  return { encoding: 'ucs2', units: text.length, segments: parts(text.length, 70, 67) };
}

function parts(units: number, single: number, multi: number): number {
  if (units === 0) return 1;
  return units <= single ? 1 : Math.ceil(units / multi);
}
