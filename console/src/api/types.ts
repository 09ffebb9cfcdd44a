/** Shapes of the API answers the console reads (see /api/openapi.json). */

export type Role = 'province_admin' | 'agency_admin' | 'supervisor' | 'handler' | 'clerk' | 'editor';
export const ROLES: readonly Role[] = [
  'province_admin',
  'agency_admin',
  'supervisor',
  'handler',
  'clerk',
  'editor',
];

export interface RoleGrant {
  agencyId: string;
  agencyName: string;
  role: Role;
}

export interface OfficerProfile {
  id: string;
  username: string;
  fullName: string;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  roles: RoleGrant[];
}

export interface SessionInfo {
  csrfToken: string | null;
  officer: OfficerProfile;
}

export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Hotline {
  label: string;
  phone: string;
}

export interface Branding {
  primaryColor?: string;
  logoUrl?: string;
  appName?: string;
}

export interface PublicTenant {
  id: string;
  code: string;
  name: string;
  shortName: string;
  utilities: string[];
  branding: Branding;
  hotlines: Hotline[];
  zalo: { appId: string | null; oaId: string | null };
}

export interface AdminTenant extends PublicTenant {
  hostNames: string[];
  availableUtilities: { key: string; label: string }[];
}

export const AGENCY_KINDS = [
  'province_committee',
  'department',
  'police',
  'service_center',
  'commune_committee',
  'unit',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export interface Agency {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  adminUnitId: string | null;
  phone: string | null;
  address: string | null;
}

export interface AgencyRef {
  id: string;
  code: string;
  name: string;
}

export interface AgencyDetail extends Agency {
  parent: AgencyRef | null;
  children: AgencyRef[];
  communes: AgencyRef[];
}

export interface AdminUnit {
  id: string;
  code: string;
  name: string;
  level: 'province' | 'commune';
  kind: string;
  parentId: string | null;
}

export interface OfficerView {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  roles: { agencyId: string; agencyName: string; role: string }[];
  createdAt: string;
}

export interface OfficerWriteResponse {
  officer: OfficerView;
  temporaryPassword?: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown> | null;
  hash: string;
}
