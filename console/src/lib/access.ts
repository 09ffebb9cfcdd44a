import type { OfficerProfile, Role } from '../api/types';

/*
 * Which officer sees which part of the console. This mirrors the server's rules
 * (server/src/modules/tenancy/route-rules.ts) so nobody is shown a link that would answer 403;
 * the server enforces them regardless.
 */
export const PROVINCE_ADMIN: readonly Role[] = ['province_admin'];
export const ORG_ADMIN: readonly Role[] = ['province_admin', 'agency_admin'];

/** Who works on dossiers (server/src/modules/dossiers: the console routes). */
export const DOSSIER_ROLES: readonly Role[] = [
  'clerk',
  'handler',
  'supervisor',
  'agency_admin',
  'province_admin',
];

export type Section =
  | 'home'
  | 'settings'
  | 'agencies'
  | 'officers'
  | 'audit'
  | 'account'
  | 'dossiers'
  | 'procedures'
  | 'integrations';

export const SECTION_ROLES: Record<Section, readonly Role[] | null> = {
  home: null,
  settings: PROVINCE_ADMIN,
  agencies: ORG_ADMIN,
  officers: ORG_ADMIN,
  audit: PROVINCE_ADMIN,
  account: null,
  dossiers: DOSSIER_ROLES,
  procedures: ORG_ADMIN,
  integrations: PROVINCE_ADMIN,
};

export function canUse(officer: OfficerProfile, section: Section): boolean {
  const roles = SECTION_ROLES[section];
  return roles === null || officer.roles.some((r) => roles.includes(r.role));
}

export function isProvinceAdmin(officer: OfficerProfile): boolean {
  return officer.roles.some((r) => r.role === 'province_admin');
}
