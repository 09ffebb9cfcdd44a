import { describe, expect, it } from 'vitest';
import { escapeLike, normalizeVi } from './normalize.js';

describe('normalizeVi', () => {
  it('strips tones and vowel marks, maps đ to d, lowers case', () => {
    expect(normalizeVi('Đất đai')).toBe('dat dai');
    expect(normalizeVi('Đắk Lắk')).toBe('dak lak');
    expect(normalizeVi('Thủ tục cấp Giấy chứng nhận quyền sử dụng đất')).toBe(
      'thu tuc cap giay chung nhan quyen su dung dat',
    );
    expect(normalizeVi('ƯỚC LƯỢNG Ở ĐÂY')).toBe('uoc luong o day');
  });

  it('gives the same result for precomposed (NFC) and decomposed (NFD) input', () => {
    const nfc = 'Hòa Thành'.normalize('NFC');
    const nfd = 'Hòa Thành'.normalize('NFD');
    expect(nfc).not.toBe(nfd);
    expect(normalizeVi(nfc)).toBe(normalizeVi(nfd));
  });

  it('treats the look-alike Ð (U+00D0) as Đ', () => {
    expect(normalizeVi('\u00D0ồng Nai')).toBe('dong nai');
  });

  it('collapses and trims white space', () => {
    expect(normalizeVi('  Sở   Tư\tpháp \n')).toBe('so tu phap');
    expect(normalizeVi('   ')).toBe('');
  });

  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
