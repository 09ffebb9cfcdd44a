/**
 * Vietnamese phone numbers and citizen ID numbers, checked the same way in the mini app and on the
 * server.
 */

/**
 * Mobile numbers since the 2018 change to 10 digits: 03x, 05x, 07x, 08x, 09x. Landlines since 2017:
 * 02 + area code + subscriber number, 10 or 11 digits in all (0276 3822 123, 024 3825 3536).
 * "+84 …", "84…" and "(+84) …" become "0…"; spaces, dots, dashes and brackets are ignored.
 * Returns the number as 0xxxxxxxxx, or undefined when it is not one.
 */
export function normalizePhone(text: string): string | undefined {
  let digits = text.replace(/[\s.\-()]/g, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (/^84\d{9,10}$/.test(digits)) digits = `0${digits.slice(2)}`;
  if (/^0[35789]\d{8}$/.test(digits)) return digits;
  if (/^02\d{8,9}$/.test(digits)) return digits;
  return undefined;
}

/**
 * Province codes that begin a 12-digit citizen ID (CCCD), as issued: Circular 07/2016/TT-BCA,
 * kept by Circular 59/2021/TT-BCA (001 Hà Nội … 072 Tây Ninh … 080 Long An … 096 Cà Mau). The 2025
 * merger of provinces did not renumber issued cards, so the 63 old codes are the complete list.
 */
export const CCCD_PROVINCE_CODES: ReadonlySet<string> = new Set(
  (
    '001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 ' +
    '037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 ' +
    '077 079 080 082 083 084 086 087 089 091 092 093 094 095 096'
  ).split(' '),
);

/**
 * The rule applied to a 12-digit CCCD number `PPP G YY NNNNNN` (Circular 07/2016/TT-BCA, Art. 7):
 *  - PPP is one of the province codes above (where the birth was registered);
 *  - G is the century and sex digit: 0/1 for 1900-1999 (male/female), 2/3 for 2000-2099, 4/5 for
 *    2100-2199, 6/7 for 2200-2299, 8/9 for 2300-2399;
 *  - YY is the year of birth within that century, so G and YY give the year of birth, which cannot be
 *    after the current year (in practice G is 0-3 today).
 * The last six digits are a serial number with no check digit, so nothing more can be verified offline.
 */
export function validIdNumber(id: string, currentYear: number): boolean {
  if (!/^\d{12}$/.test(id)) return false;
  if (!CCCD_PROVINCE_CODES.has(id.slice(0, 3))) return false;
  const century = 1900 + 100 * Math.floor(Number(id[3]) / 2);
  const birthYear = century + Number(id.slice(4, 6));
  return birthYear <= currentYear;
}
