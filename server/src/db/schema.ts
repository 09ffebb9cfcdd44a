import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Table types for Kysely; kept in step with migrations/. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string | T | undefined, string | T>;

export type Role = 'province_admin' | 'agency_admin' | 'supervisor' | 'handler' | 'clerk' | 'editor';
export const ROLES: readonly Role[] = [
  'province_admin',
  'agency_admin',
  'supervisor',
  'handler',
  'clerk',
  'editor',
] as const;

export interface Hotline {
  label: string;
  phone: string;
}
export interface Branding {
  primaryColor?: string;
  logoUrl?: string;
  appName?: string;
}

export interface TenantsTable {
  id: string;
  code: string;
  name: string;
  short_name: string;
  host_names: ColumnType<string[], string[] | undefined, string[]>;
  utilities: Json<string[]>;
  branding: Json<Branding>;
  hotlines: Json<Hotline[]>;
  zalo_app_id: string | null;
  zalo_oa_id: string | null;
  enabled: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AdminUnitsTable {
  id: Generated<string>;
  tenant_id: string;
  code: string;
  name: string;
  name_norm: string;
  level: 'province' | 'commune';
  kind: string;
  parent_id: string | null;
}

export interface AgenciesTable {
  id: Generated<string>;
  tenant_id: string;
  code: string;
  name: string;
  name_norm: string;
  kind: string;
  parent_id: string | null;
  admin_unit_id: string | null;
  phone: string | null;
  address: string | null;
  created_at: CreatedAt;
}

export interface AgencyCommunesTable {
  tenant_id: string;
  agency_id: string;
  admin_unit_id: string;
}

export interface OfficersTable {
  id: Generated<string>;
  tenant_id: string;
  username: string;
  full_name: string;
  email: string | null;
  phone: string | null;
  password_hash: string;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: Generated<number | null>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  disabled: Generated<boolean>;
  must_change_password: Generated<boolean>;
  password_changed_at: Timestamp;
  created_at: CreatedAt;
}

export interface OfficerRolesTable {
  tenant_id: string;
  officer_id: string;
  agency_id: string;
  role: Role;
}

export interface CitizensTable {
  id: Generated<string>;
  tenant_id: string;
  zalo_id: string | null;
  display_name: string | null;
  avatar_url: string | null;
  phone: string | null;
  phone_verified_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface ConsentsTable {
  id: Generated<string>;
  tenant_id: string;
  citizen_id: string;
  purpose_code: string;
  purpose: string;
  granted_at: Timestamp;
  withdrawn_at: Date | null;
}

export interface OtpChallengesTable {
  id: Generated<string>;
  tenant_id: string;
  phone: string;
  code_hash: string;
  attempts: Generated<number>;
  expires_at: Date;
  consumed_at: Date | null;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  tenant_id: string;
  subject_type: 'officer' | 'citizen';
  subject_id: string;
  csrf_token: string | null;
  created_at: CreatedAt;
  expires_at: Date;
  last_seen_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  tenant_id: string;
  /** Position in the tenant's chain, 1, 2, 3 … without gaps. */
  seq: number;
  at: Date;
  actor_type: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface FilesTable {
  id: Generated<string>;
  tenant_id: string;
  kind: string;
  owner_type: string;
  owner_id: string | null;
  original_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  width: number | null;
  height: number | null;
  gps_lat: number | null;
  gps_lng: number | null;
  created_at: CreatedAt;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'dead';
export interface JobsTable {
  id: Generated<number>;
  tenant_id: string | null;
  queue: string;
  payload: Json<Record<string, unknown>>;
  status: Generated<JobStatus>;
  run_at: Timestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  backoff_seconds: Generated<number>;
  singleton_key: string | null;
  last_error: string | null;
  locked_by: string | null;
  locked_at: Date | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

export interface RecurringJobsTable {
  name: string;
  queue: string;
  payload: Json<Record<string, unknown>>;
  interval_seconds: number;
  next_run_at: Date;
}

export interface HolidaysTable {
  id: Generated<string>;
  tenant_id: string | null;
  day: ColumnType<string, string, string>;
  name: string;
  kind: 'off' | 'working';
}

/** Where the app opens when a message is tapped: a page key of the mini app and its parameters. */
export interface InboxLink {
  page: string;
  params: Record<string, string>;
}

export interface InboxMessagesTable {
  id: Generated<string>;
  tenant_id: string;
  citizen_id: string;
  type: string;
  title: string;
  body: string;
  link: Json<InboxLink | null>;
  legal: Generated<boolean>;
  created_by_officer_id: string | null;
  created_at: CreatedAt;
  read_at: Date | null;
}

export interface Database {
  tenants: TenantsTable;
  admin_units: AdminUnitsTable;
  agencies: AgenciesTable;
  agency_communes: AgencyCommunesTable;
  officers: OfficersTable;
  officer_roles: OfficerRolesTable;
  citizens: CitizensTable;
  consents: ConsentsTable;
  otp_challenges: OtpChallengesTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  files: FilesTable;
  jobs: JobsTable;
  recurring_jobs: RecurringJobsTable;
  holidays: HolidaysTable;
  inbox_messages: InboxMessagesTable;
}

export type Tenant = Selectable<TenantsTable>;
export type Officer = Selectable<OfficersTable>;
export type Citizen = Selectable<CitizensTable>;
export type NewAuditRow = Insertable<AuditLogTable>;
export type OfficerUpdate = Updateable<OfficersTable>;
