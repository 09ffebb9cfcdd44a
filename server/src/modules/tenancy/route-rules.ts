import type { AccessRule } from '../../platform/auth/access.js';
import { ErrorResponse } from '../../platform/http/schemas.js';

/** Access rules and shared OpenAPI pieces of the tenancy module's officer routes. */
export const PROVINCE_ADMIN: AccessRule = { roles: ['province_admin'] };
export const ORG_ADMIN: AccessRule = { roles: ['province_admin', 'agency_admin'] };
export const SECURITY: { [scheme: string]: string[] }[] = [{ cookie: [] }, { bearer: [] }];
export const SIGNED_IN_ERRORS = {
  401: ErrorResponse(['AUTH_REQUIRED']),
  403: ErrorResponse(['FORBIDDEN', 'CSRF_INVALID']),
};
