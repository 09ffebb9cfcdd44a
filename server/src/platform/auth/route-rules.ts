import type { AccessRule } from './access.js';
import { ErrorResponse } from '../http/schemas.js';

/** Access rules and OpenAPI pieces that the modules' officer routes share. */
export const PROVINCE_ADMIN: AccessRule = { roles: ['province_admin'] };
export const ORG_ADMIN: AccessRule = { roles: ['province_admin', 'agency_admin'] };
export const SECURITY: { [scheme: string]: string[] }[] = [{ cookie: [] }, { bearer: [] }];
export const SIGNED_IN_ERRORS = {
  401: ErrorResponse(['AUTH_REQUIRED']),
  403: ErrorResponse(['FORBIDDEN', 'CSRF_INVALID']),
};

/**
 * Public configuration and directories: the same for every caller of a tenant, cacheable for a
 * minute (an administrator's change shows within that; the tenant resolver itself keeps 30 s).
 */
export const PUBLIC_DIRECTORY = { access: 'public', cacheSeconds: 60 } as const;
