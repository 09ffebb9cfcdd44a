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

export type NotifyChannel = 'oa' | 'zns' | 'sms';
export type DeliveryStatus =
  'created' | 'sending' | 'sent' | 'delivered' | 'temporary_failure' | 'permanent_failure';
export type NotificationStatus = 'created' | 'sending' | 'sent' | 'delivered' | 'failed' | 'inbox_only';

export interface NotificationSettingsTable {
  tenant_id: string;
  oa_rate_per_minute: Generated<number>;
  sms_unit_cost: Generated<number>;
  zns_unit_cost: Generated<number>;
  oa_unit_cost: Generated<number>;
  routing: Json<Record<string, NotifyChannel[]>>;
  updated_at: Timestamp;
}

export interface NotificationTemplatesTable {
  tenant_id: string;
  type: string;
  channel: 'inbox' | 'oa' | 'sms';
  title: string | null;
  body: string;
  updated_by_officer_id: string | null;
  updated_at: Timestamp;
}

export interface ZnsTemplatesTable {
  tenant_id: string;
  type: string;
  template_id: string;
  /** ZNS parameter name → our variable name. */
  params: Json<Record<string, string>>;
  approved: Generated<boolean>;
}

export interface NotificationOptOutsTable {
  tenant_id: string;
  citizen_id: string;
  type: string;
  channel: '*' | NotifyChannel;
  created_at: CreatedAt;
}

export interface OaFollowersTable {
  tenant_id: string;
  oa_user_id: string;
  citizen_id: string | null;
  claimed_citizen_id: string | null;
  claimed_at: Date | null;
  followed: Generated<boolean>;
  followed_at: Date | null;
  unfollowed_at: Date | null;
  last_interaction_at: Date | null;
  commune_id: string | null;
  confirmed_at: Date | null;
  updated_at: Timestamp;
}

export interface ZaloOaTokensTable {
  tenant_id: string;
  access_token: string | null;
  refresh_token: string;
  access_expires_at: Date;
  refreshed_count: Generated<number>;
  updated_at: Timestamp;
}

export interface BroadcastsTable {
  id: Generated<string>;
  tenant_id: string;
  type: string;
  data: Json<Record<string, string>>;
  commune_ids: string[] | null;
  status: Generated<'scheduled' | 'running' | 'done' | 'cancelled'>;
  run_at: Timestamp;
  cursor: string | null;
  batches: Generated<number>;
  fanned_out: Generated<boolean>;
  recipients: Generated<number>;
  sent: Generated<number>;
  failed: Generated<number>;
  created_by_officer_id: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

export interface NotificationsTable {
  id: Generated<string>;
  tenant_id: string;
  citizen_id: string | null;
  inbox_message_id: string | null;
  broadcast_id: string | null;
  oa_user_id: string | null;
  type: string;
  legal: Generated<boolean>;
  data: Json<Record<string, string>>;
  plan: Json<NotifyChannel[]>;
  status: Generated<NotificationStatus>;
  channel: NotifyChannel | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** What a delivery sends: text for OA and SMS, a template for ZNS. */
export type DeliveryContent = (
  { text: string; to: string } | { templateId: string; templateData: Record<string, string>; to: string }
) & {
  /** SMS parts the same notice would have taken: the base of the saving in the cost report. */
  smsEquivalentSegments: number;
};

export interface NotificationDeliveriesTable {
  id: Generated<string>;
  tenant_id: string;
  notification_id: string;
  channel: NotifyChannel;
  status: Generated<DeliveryStatus>;
  content: Json<DeliveryContent>;
  attempts: Generated<number>;
  next_attempt_at: Date | null;
  provider_message_id: string | null;
  error_code: string | null;
  broadcast_id: string | null;
  broadcast_batch: number | null;
  segments: number | null;
  cost: number | null;
  created_at: CreatedAt;
  sent_at: Date | null;
  delivered_at: Date | null;
  updated_at: Timestamp;
}

export interface NotificationEventsTable {
  id: Generated<number>;
  tenant_id: string;
  notification_id: string;
  delivery_id: string | null;
  at: Timestamp;
  status: string;
  detail: Json<Record<string, unknown> | null>;
}

export interface NotificationLedgerTable {
  id: Generated<number>;
  tenant_id: string;
  delivery_id: string;
  notification_id: string;
  type: string;
  channel: NotifyChannel;
  segments: number;
  unit_cost: number;
  cost: number;
  sms_equivalent_cost: number;
  at: Timestamp;
}

export interface RateLimitKeysTable {
  key: string;
  limit_per_minute: number;
}

export interface RateLimitBucketsTable {
  key: string;
  second: number;
  granted: number;
}

export interface ZaloWebhookEventsTable {
  id: Generated<number>;
  tenant_id: string;
  signature: string;
  event_name: string;
  body: Json<Record<string, unknown>>;
  received_at: CreatedAt;
}

export interface ProcedureFee {
  label: string;
  /** VND */
  amount: number;
}
export interface ProcedureDocument {
  name: string;
  copies: number;
  original: boolean;
  required: boolean;
  note?: string;
}

export interface ProceduresTable {
  id: Generated<string>;
  tenant_id: string;
  code: string;
  name: string;
  name_norm: string;
  field: string;
  field_norm: string;
  agency_id: string;
  level: 'full' | 'partial';
  processing_days: number;
  fees: Json<ProcedureFee[]>;
  documents: Json<ProcedureDocument[]>;
  result: Generated<string>;
  legal_basis: Generated<string>;
  /** A FormDefinition (platform/forms), checked on import. */
  form: Json<{ fields: unknown[] }>;
  enabled: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DossierDraftsTable {
  id: Generated<string>;
  tenant_id: string;
  citizen_id: string;
  procedure_id: string;
  data: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DossierCodeCountersTable {
  tenant_id: string;
  prefix: string;
  last_value: number;
}

export interface OneStopIntegrationsTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  secret_sealed: string;
  enabled: Generated<boolean>;
  created_at: CreatedAt;
}

export const DOSSIER_STATUSES = [
  'submitted',
  'received',
  'processing',
  'supplement_requested',
  'payment_requested',
  'result_ready',
  'returned',
  'refused',
  'withdrawn',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];
export type DossierChannel = 'app' | 'one_stop' | 'counter';

export interface DossiersTable {
  id: Generated<string>;
  tenant_id: string;
  code: string;
  procedure_id: string;
  agency_id: string;
  citizen_id: string | null;
  channel: DossierChannel;
  status: DossierStatus;
  applicant_name: string;
  applicant_phone: string | null;
  applicant_id_number: string | null;
  applicant_address: string | null;
  search_norm: string;
  data: Json<Record<string, unknown>>;
  lookup_secret: string;
  idempotency_key: string | null;
  integration_id: string | null;
  external_id: string | null;
  assignee_id: string | null;
  submitted_at: Timestamp;
  received_at: Date | null;
  due_at: Date | null;
  paused_at: Date | null;
  completed_at: Date | null;
  returned_at: Date | null;
  closed_reason: string | null;
  fee_amount: number | null;
  overdue_notified_at: Date | null;
  rating: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DossierEventsTable {
  id: Generated<number>;
  tenant_id: string;
  dossier_id: string;
  at: Timestamp;
  action: string;
  from_status: DossierStatus | null;
  to_status: DossierStatus | null;
  actor_type: 'citizen' | 'officer' | 'system' | 'integration';
  actor_id: string | null;
  note: string | null;
  data: Json<Record<string, unknown>>;
  public: Generated<boolean>;
}

export interface DossierFilesTable {
  tenant_id: string;
  dossier_id: string;
  file_id: string;
  purpose: 'attachment' | 'supplement' | 'result' | 'slip';
  field: string | null;
  added_at: CreatedAt;
}

export type SlipForm = '01' | '02' | '03' | '04';
export interface DossierSlipsTable {
  id: Generated<string>;
  tenant_id: string;
  dossier_id: string;
  form: SlipForm;
  file_id: string;
  created_at: CreatedAt;
}

export interface OneStopEventsTable {
  id: Generated<number>;
  tenant_id: string;
  integration_id: string;
  event_id: string;
  external_id: string;
  event_time: Date;
  kind: string;
  payload: Json<Record<string, unknown>>;
  received_at: CreatedAt;
  applied_at: Date | null;
}

export type ReportSlaUnit = 'hours' | 'days';
export interface ReportCategoriesTable {
  id: Generated<string>;
  tenant_id: string;
  code: string;
  name: string;
  name_norm: string;
  description: Generated<string>;
  sla_value: number;
  sla_unit: ReportSlaUnit;
  duplicate_radius_m: Generated<number>;
  proof_photo_required: Generated<boolean>;
  form: Json<{ fields: unknown[] }>;
  default_agency_id: string | null;
  sort_order: Generated<number>;
  enabled: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ReportRoutingRulesTable {
  id: Generated<string>;
  tenant_id: string;
  category_id: string | null;
  commune_id: string | null;
  agency_id: string;
  priority: Generated<number>;
  created_at: CreatedAt;
}

export interface AdminUnitGeoTable {
  admin_unit_id: string;
  tenant_id: string;
  centre_lat: number;
  centre_lng: number;
  /** GeoJSON Polygon or MultiPolygon geometry. */
  boundary: Json<Record<string, unknown>> | null;
  min_lat: number | null;
  max_lat: number | null;
  min_lng: number | null;
  max_lng: number | null;
}

export interface ReportSettingsTable {
  tenant_id: string;
  triage_agency_id: string | null;
  auto_close_days: Generated<number>;
  reopen_days: Generated<number>;
  workflow: Json<Record<string, unknown>> | null;
  updated_at: Timestamp;
}

export interface ReportCodeCountersTable {
  tenant_id: string;
  prefix: string;
  last_value: number;
}

export interface Open311ClientsTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  key_hash: string;
  key_prefix: string;
  created_by: string | null;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export type ReportSource = 'app' | 'open311';
export type ReportLocationSource = 'device' | 'photo' | 'map' | 'address';
export interface ReportsTable {
  id: Generated<string>;
  tenant_id: string;
  code: string;
  category_id: string;
  /** A state of the tenant's workflow definition (modules/reports). */
  state: string;
  source: ReportSource;
  citizen_id: string | null;
  open311_client_id: string | null;
  reporter_name: string | null;
  show_name: Generated<boolean>;
  contact_phone: string | null;
  contact_email: string | null;
  description: string;
  data: Json<Record<string, unknown>>;
  lat: number;
  lng: number;
  location_source: ReportLocationSource;
  address: string | null;
  commune_id: string | null;
  agency_id: string;
  handler_id: string | null;
  in_triage: Generated<boolean>;
  duplicate_of: string | null;
  reject_reason: string | null;
  answer: string | null;
  public_hidden: Generated<boolean>;
  description_hidden: Generated<boolean>;
  answer_hidden: Generated<boolean>;
  idempotency_key: string | null;
  submitted_at: Timestamp;
  due_at: Date | null;
  state_due_at: Date | null;
  escalation_level: Generated<number>;
  escalated_at: Date | null;
  resolved_at: Date | null;
  resolved_late: boolean | null;
  closed_at: Date | null;
  reopen_count: Generated<number>;
  rating: number | null;
  rating_fixed: boolean | null;
  rating_comment: string | null;
  rated_at: Date | null;
  search_norm: Generated<string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ReportPhotosTable {
  tenant_id: string;
  report_id: string;
  file_id: string;
  purpose: 'report' | 'resolution';
  position: Generated<number>;
  hidden: Generated<boolean>;
  added_at: CreatedAt;
}

export interface ReportEventsTable {
  id: Generated<number>;
  tenant_id: string;
  report_id: string;
  at: Timestamp;
  action: string;
  from_state: string | null;
  to_state: string | null;
  actor_type: 'citizen' | 'officer' | 'system' | 'open311';
  actor_id: string | null;
  agency_id: string | null;
  note: string | null;
  data: Json<Record<string, unknown>>;
  public: Generated<boolean>;
}

export interface ReportFollowersTable {
  tenant_id: string;
  report_id: string;
  citizen_id: string;
  created_at: CreatedAt;
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
  notification_settings: NotificationSettingsTable;
  notification_templates: NotificationTemplatesTable;
  zns_templates: ZnsTemplatesTable;
  notification_opt_outs: NotificationOptOutsTable;
  oa_followers: OaFollowersTable;
  zalo_oa_tokens: ZaloOaTokensTable;
  broadcasts: BroadcastsTable;
  notifications: NotificationsTable;
  notification_deliveries: NotificationDeliveriesTable;
  notification_events: NotificationEventsTable;
  notification_ledger: NotificationLedgerTable;
  rate_limit_keys: RateLimitKeysTable;
  rate_limit_buckets: RateLimitBucketsTable;
  zalo_webhook_events: ZaloWebhookEventsTable;
  procedures: ProceduresTable;
  dossier_drafts: DossierDraftsTable;
  dossier_code_counters: DossierCodeCountersTable;
  one_stop_integrations: OneStopIntegrationsTable;
  dossiers: DossiersTable;
  dossier_events: DossierEventsTable;
  dossier_files: DossierFilesTable;
  dossier_slips: DossierSlipsTable;
  one_stop_events: OneStopEventsTable;
  report_categories: ReportCategoriesTable;
  report_routing_rules: ReportRoutingRulesTable;
  admin_unit_geo: AdminUnitGeoTable;
  report_settings: ReportSettingsTable;
  report_code_counters: ReportCodeCountersTable;
  open311_clients: Open311ClientsTable;
  reports: ReportsTable;
  report_photos: ReportPhotosTable;
  report_events: ReportEventsTable;
  report_followers: ReportFollowersTable;
}

export type Tenant = Selectable<TenantsTable>;
export type Officer = Selectable<OfficersTable>;
export type Citizen = Selectable<CitizensTable>;
export type NewAuditRow = Insertable<AuditLogTable>;
export type OfficerUpdate = Updateable<OfficersTable>;
