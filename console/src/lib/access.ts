import type { OfficerProfile, Role } from '../api/types';

/*
 * Which officer sees which part of the console. This mirrors the server's rules
 * (server/src/platform/auth/route-rules.ts) so nobody is shown a link that would answer 403;
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

/**
 * The notification pages (server/src/modules/notifications/*.routes.ts): the message log for readers,
 * templates and broadcasts for editors, settings, the cost report, ZNS and the OA token for admins.
 */
export const NOTIFY_READERS: readonly Role[] = ['province_admin', 'editor', 'supervisor'];
export const NOTIFY_EDITORS: readonly Role[] = ['province_admin', 'editor'];

export type Section =
  | 'home'
  | 'settings'
  | 'agencies'
  | 'officers'
  | 'audit'
  | 'account'
  | 'dossiers'
  | 'procedures'
  | 'integrations'
  | 'notifications'
  | 'notifyTemplates'
  | 'notifyAdmin'
  | 'broadcasts';

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
  notifications: NOTIFY_READERS,
  notifyTemplates: NOTIFY_EDITORS,
  notifyAdmin: PROVINCE_ADMIN,
  broadcasts: NOTIFY_EDITORS,
};

export function canUse(officer: OfficerProfile, section: Section): boolean {
  const roles = SECTION_ROLES[section];
  return roles === null || officer.roles.some((r) => roles.includes(r.role));
}

export function isProvinceAdmin(officer: OfficerProfile): boolean {
  return officer.roles.some((r) => r.role === 'province_admin');
}
