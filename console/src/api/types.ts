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

/* Procedures and dossiers (docs/dossiers-api.md) ------------------------------------------------- */

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
export const DOSSIER_CHANNELS: readonly DossierChannel[] = ['app', 'one_stop', 'counter'];

export type FieldType =
  | 'text'
  | 'textarea'
  | 'number'
  | 'date'
  | 'select'
  | 'multiselect'
  | 'checkbox'
  | 'phone'
  | 'email'
  | 'id_number'
  | 'address'
  | 'attachment'
  | 'table';

export interface FormField {
  name: string;
  type: FieldType;
  label: string;
  help?: string;
  required?: boolean;
  showIf?: { field: string; in: (string | number | boolean)[] };
  options?: { value: string; label: string }[];
  columns?: FormField[];
  maxFiles?: number;
  accept?: string;
}

export interface FormDefinition {
  fields: FormField[];
}

export interface Ref {
  id: string;
  name: string;
}

export interface DossierListItem {
  id: string;
  code: string;
  procedure: Ref;
  agency: Ref;
  applicantName: string;
  applicantPhone: string | null;
  status: DossierStatus;
  channel: DossierChannel;
  submittedAt: string;
  receivedAt: string | null;
  dueAt: string | null;
  pausedAt: string | null;
  assignee: Ref | null;
  late: boolean;
}

export type DossierCounts = Partial<Record<DossierStatus | 'late', number>>;

export interface DossierTimelineEntry {
  id?: string | number;
  at: string;
  action: string;
  fromStatus: DossierStatus | null;
  toStatus: DossierStatus | null;
  note: string | null;
  public?: boolean;
  actorType?: string;
  actorName?: string | null;
  actor?: { type?: string; name?: string | null } | null;
}

export interface DossierFile {
  id: string;
  name: string;
  contentType: string;
  purpose: 'attachment' | 'supplement' | 'result' | 'slip' | string;
  field: string | null;
}

export interface DossierSlip {
  id: string;
  form: string;
  createdAt: string;
}

export type DossierAction =
  | 'receive'
  | 'start'
  | 'request_supplement'
  | 'supplement'
  | 'request_payment'
  | 'confirm_payment'
  | 'complete'
  | 'return'
  | 'refuse'
  | 'withdraw'
  | 'assign';

export interface DossierDetail {
  id: string;
  code: string;
  procedure: { id: string; name: string; code: string };
  agency: Ref;
  status: DossierStatus;
  channel: DossierChannel;
  applicant: { name: string; phone: string | null; idNumber: string | null; address: string | null };
  data: Record<string, unknown>;
  form: FormDefinition;
  submittedAt: string;
  receivedAt: string | null;
  dueAt: string | null;
  pausedAt?: string | null;
  completedAt: string | null;
  returnedAt: string | null;
  feeAmount: number | null;
  rating: number | null;
  supplementRequest: { note: string | null; items: string[] } | null;
  timeline: DossierTimelineEntry[];
  files: DossierFile[];
  slips: DossierSlip[];
  assignee?: Ref | null;
  allowedActions?: DossierAction[];
  late?: boolean;
}

export interface BulkReceiveResult {
  received: string[];
  failed: { id: string; code: string; reason?: string; message?: string }[];
}

export interface ProcedureListItem {
  id: string;
  code: string;
  name: string;
  field: string;
  agency: Ref;
  level: 'full' | 'partial' | string;
  processingDays: number;
  feeTotal?: number;
  enabled?: boolean;
}

export interface ProcedureDetail extends ProcedureListItem {
  agency: Ref & { phone?: string | null; address?: string | null };
  fees: { label: string; amount: number }[];
  documents: { name: string; copies: number; original: boolean; required: boolean; note?: string }[];
  result: string;
  legalBasis: string;
  form: FormDefinition;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  rejected: { row: number; code?: string; issues: { path: string; rule: string; message: string }[] }[];
}

export interface OneStopIntegration {
  id: string;
  name: string;
  enabled: boolean;
  createdAt?: string;
}

export interface OneStopSecret {
  id: string;
  name: string;
  secret: string;
}

export interface StoredFile {
  id: string;
  contentType: string;
  sizeBytes: number;
}

/* Notifications (server/src/modules/notifications: console.schemas.ts, templates.view.ts, …) */

export type NotifyChannel = 'oa' | 'zns' | 'sms';
export type TemplateChannel = 'inbox' | 'oa' | 'sms';

export interface NotificationLogItem {
  id: string;
  type: string;
  status: string;
  channel: string | null;
  legal: boolean;
  citizenId: string | null;
  citizenName: string | null;
  /** Masked by the server. */
  phone: string | null;
  broadcastId: string | null;
  title: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NotificationDelivery {
  id: string;
  channel: string;
  status: string;
  attempts: number;
  errorCode: string | null;
  segments: number | null;
  cost: number | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
}

export interface NotificationTimeline {
  id: string;
  type: string;
  status: string;
  channel: string | null;
  legal: boolean;
  citizenId: string | null;
  remainingPlan: string[];
  createdAt: string;
  deliveries: NotificationDelivery[];
  events: { at: string; status: string; deliveryId: string | null; detail: Record<string, unknown> }[];
}

export interface TypeTemplates {
  type: string;
  label: string;
  legal: boolean;
  variables: string[];
  channels: string[];
  inbox: { title: string; body: string; overridden: boolean };
  oa: { body: string; overridden: boolean };
  sms: { body: string; overridden: boolean };
  zns: { templateId: string; params: Record<string, string>; approved: boolean } | null;
}

export interface TemplatePreview {
  title: string | null;
  text: string;
  smsSegments: number;
}

export interface NotifySettings {
  oaRatePerMinute: number;
  smsUnitCost: number;
  znsUnitCost: number;
  oaUnitCost: number;
  routing: Record<string, NotifyChannel[]>;
}

export interface CostLine {
  messages: number;
  delivered: number;
  segments: number;
  cost: number;
  allSmsCost: number;
}

export interface CostReport {
  from: string;
  to: string;
  currency: 'VND';
  totals: CostLine & { deliveryRate: number; saving: number };
  byChannel: (CostLine & { channel: string })[];
  byType: (CostLine & { type: string })[];
}

export interface BroadcastProgress {
  id: string;
  type: string;
  /** The title the message carried. */
  title: string | null;
  status: string;
  runAt: string;
  recipients: number;
  sent: number;
  failed: number;
  pending: number;
  fannedOut: boolean;
  createdAt: string;
  finishedAt: string | null;
}
