import { AppError } from '../../platform/errors/app-error.js';
import type { ErrorCode } from '../../platform/errors/codes.js';

/**
 * Zalo answers most failures with HTTP 200 and `{ error: <negative>, message }`; the codes below are
 * the ones DESIGN.md §4 documents. Callers that must react to a specific code (the notification
 * module falls back to SMS on "not a follower") read `ZaloApiError.code`; route handlers turn any
 * Zalo failure into a stable API error with `zaloErrorToAppError`.
 */
export const ZALO_ERRORS = {
  RATE_LIMITED: -32,
  APP_SECRET_INVALID: -104,
  INVALID_PHONE: -108,
  INVALID_TEMPLATE: -109,
  TEMPLATE_DATA_EMPTY: -111,
  TEMPLATE_DATA_INVALID: -112,
  INVALID_PARAMETER: -201,
  NOT_FOLLOWER: -213,
  INVALID_TOKEN: -216,
  EXPIRED_TOKEN: -220,
  NO_RECENT_INTERACTION: -230,
  NO_RECENT_INTERACTION_OA: -232,
} as const;

export type ZaloOperation = 'profile' | 'phone' | 'location' | 'oa-token' | 'oa-message' | 'zns';

export abstract class ZaloError extends Error {
  constructor(
    readonly operation: ZaloOperation,
    message: string,
  ) {
    super(message);
  }
}

/** Zalo understood the call and refused it. */
export class ZaloApiError extends ZaloError {
  constructor(
    operation: ZaloOperation,
    readonly code: number,
    readonly zaloMessage: string,
    readonly httpStatus?: number,
  ) {
    super(operation, `Zalo ${operation} failed with error ${code}: ${zaloMessage}`);
    this.name = 'ZaloApiError';
  }
}

/** Zalo could not be reached or answered something that is not its documented JSON. */
export class ZaloUnavailableError extends ZaloError {
  constructor(operation: ZaloOperation, reason: string) {
    super(operation, `Zalo ${operation} unavailable: ${reason}`);
    this.name = 'ZaloUnavailableError';
  }
}

/**
 * The API error a citizen sees for a Zalo failure. Token problems are the citizen's to fix (reopen
 * the app); rate limits and outages are ours to wait out; anything else is treated as an outage
 * because the client cannot do anything different about it.
 */
export function zaloErrorToAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = error instanceof ZaloApiError ? appErrorCodeFor(error) : 'ZALO_UNAVAILABLE';
  const details =
    error instanceof ZaloApiError && code !== 'ZALO_UNAVAILABLE' ? { zaloError: error.code } : undefined;
  const appError = new AppError(code, details);
  // The client sees only the code; the server log (5xx are logged with their cause) says what Zalo did.
  appError.cause = error;
  return appError;
}

function appErrorCodeFor(error: ZaloApiError): ErrorCode {
  switch (error.code) {
    case ZALO_ERRORS.INVALID_TOKEN:
      return 'ZALO_TOKEN_INVALID';
    case ZALO_ERRORS.EXPIRED_TOKEN:
      return 'ZALO_TOKEN_EXPIRED';
    case ZALO_ERRORS.RATE_LIMITED:
      return 'ZALO_RATE_LIMITED';
    case ZALO_ERRORS.APP_SECRET_INVALID:
      // Our configuration is wrong, not the citizen's token.
      return 'ZALO_UNAVAILABLE';
  }
  // Zalo does not document a dedicated code for a used or stale phone/location token, so any other
  // refusal of that exchange means the one-use token did not work.
  if (error.operation === 'phone') return 'ZALO_PHONE_TOKEN_INVALID';
  if (error.operation === 'location') return 'ZALO_LOCATION_TOKEN_INVALID';
  return 'ZALO_UNAVAILABLE';
}
