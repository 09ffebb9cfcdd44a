/**
 * Logs carry no personal data: phone numbers and citizen ID numbers are masked wherever they appear
 * in a logged string (URLs with query strings, messages), and known sensitive fields are removed.
 */
const PHONE = /(?<!\d)(?:\+?84|0)(\d{2})\d{4,5}(\d{2})(?!\d)/g;
const CITIZEN_ID = /(?<!\d)(\d{3})\d{6}(\d{3})(?!\d)/g;

export function maskPersonalData(text: string): string {
  return text
    .replace(CITIZEN_ID, '$1******$2')
    .replace(PHONE, (_m, a: string, b: string) => `0${a}*****${b}`);
}

/** pino `redact` paths: removed before a line is written. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers.access_token',
  'res.headers["set-cookie"]',
  '*.password',
  '*.phone',
  '*.phoneNumber',
  '*.idNumber',
  '*.accessToken',
  '*.phoneToken',
];
