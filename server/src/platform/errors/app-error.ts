import { ERROR_CODES, type ErrorCode } from './codes.js';

export type Language = 'vi' | 'en';

/** The only error type a route or service throws on purpose; its code decides status and message. */
export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    /** Extra, non-personal details for the client (e.g. which field failed). */
    readonly details?: Record<string, unknown>,
    /** Override of the catalogue message, already localized by the caller. */
    readonly customMessage?: { vi: string; en: string },
  ) {
    super(code);
    this.name = 'AppError';
    this.statusCode = ERROR_CODES[code].status;
  }
}

export function messageFor(code: ErrorCode, lang: Language): string {
  return ERROR_CODES[code][lang];
}

/** English only when the client asks for it first; Vietnamese otherwise. */
export function languageOf(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'vi';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}
