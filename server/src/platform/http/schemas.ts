import { Type } from '@sinclair/typebox';
import type { ErrorCode } from '../errors/codes.js';

/**
 * Schema pieces every module shares. The error body is the one produced by the error handler;
 * a route lists the codes it may answer with, typed against the code map so a typo cannot ship.
 */
/** A code, optionally followed by a note on its details: `'OTP_INVALID (details.attemptsLeft)'`. */
type DocumentedCode = ErrorCode | `${ErrorCode} (${string})`;

export function ErrorResponse(codes: readonly DocumentedCode[]) {
  return Type.Object(
    {
      error: Type.Object({
        code: Type.String(),
        message: Type.String(),
        details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      }),
    },
    { description: `Error codes: ${codes.join(', ')}` },
  );
}

export const NoContent = Type.Null({ description: 'Done; no body' });
