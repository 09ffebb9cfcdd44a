/**
 * Vietnamese mobile numbers. The canonical stored form is the domestic one, `0` + 9 digits
 * (0987654321): it is what citizens type and read, what officers search for, and what the log
 * masking recognizes. Outside systems get their own form at the edge: Zalo ZNS wants `84…`
 * (and returns `84…` from the phone exchange), SMS gateways get E.164 `+84…`.
 *
 * Mobile ranges since the 2018 renumbering: 03x, 05x, 07x, 08x, 09x.
 */
const CANONICAL = /^0[35789]\d{8}$/;

/** The canonical form, or undefined when the input is not a Vietnamese mobile number. */
export function normalizeVietnamesePhone(input: string): string | undefined {
  const compact = input.trim().replace(/[\s.\-()]/g, '');
  let national: string;
  if (/^\+84\d{9}$/.test(compact)) national = `0${compact.slice(3)}`;
  else if (/^0084\d{9}$/.test(compact)) national = `0${compact.slice(4)}`;
  else if (/^84\d{9}$/.test(compact)) national = `0${compact.slice(2)}`;
  // Spreadsheets and some forms drop the leading zero.
  else if (/^\d{9}$/.test(compact)) national = `0${compact}`;
  else national = compact;
  return CANONICAL.test(national) ? national : undefined;
}

export function isCanonicalPhone(phone: string): boolean {
  return CANONICAL.test(phone);
}

/** `84987654321`, the form Zalo ZNS expects. */
export function toZaloPhone(canonical: string): string {
  return `84${canonical.slice(1)}`;
}

/** `+84987654321`, the form SMS gateways expect. */
export function toE164(canonical: string): string {
  return `+84${canonical.slice(1)}`;
}
