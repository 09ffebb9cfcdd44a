/*
 * WCAG 2 contrast of white text on the province's brand colour (buttons and the title bar of the
 * mini app use white text on it). Below 4.5:1 many older citizens cannot read the buttons.
 */

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(hex: string): number | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) return null;
  const [r, g, b] = match.slice(1).map((part) => channel(parseInt(part, 16)));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** Contrast ratio of white on `hex`, or null when `hex` is not #RRGGBB. */
export function contrastWithWhite(hex: string): number | null {
  const luminance = relativeLuminance(hex);
  return luminance === null ? null : 1.05 / (luminance + 0.05);
}

export const AA_NORMAL_TEXT = 4.5;
