import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Be Vietnam Pro, drawn for Vietnamese: every stacked diacritic (ể, ặ, ỡ) has its own glyph, so
 * the slip prints the applicant's name exactly as written. The files are read once per process;
 * pdfkit embeds only the glyphs a slip uses (subsetting), so a slip stays around 30 KB.
 */
export interface SlipFonts {
  regular: Buffer;
  bold: Buffer;
}

let cached: SlipFonts | null = null;

export function slipFonts(): SlipFonts {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const load = (path: string) => readFileSync(require.resolve(`@expo-google-fonts/be-vietnam-pro/${path}`));
  cached = {
    regular: load('400Regular/BeVietnamPro_400Regular.ttf'),
    bold: load('700Bold/BeVietnamPro_700Bold.ttf'),
  };
  return cached;
}
