/*
 * What the console reads and sends for field incident reports (docs/reports-api.md, "Console").
 * The server's route schemas are the authority; these are the fields the screens use.
 */

export interface Ref {
  id: string;
  name: string;
}

export type RejectReason = 'duplicate' | 'not_responsible' | 'insufficient_info' | 'spam';

export interface ReportListItem {
  id: string;
  code: string;
  category: Ref;
  state: string;
  stateLabel: string;
  agency: Ref;
  commune: Ref | null;
  handler: { id: string; fullName: string } | null;
  address: string | null;
  lat: number;
  lng: number;
  submittedAt: string;
  dueAt: string | null;
  stateDueAt: string | null;
  late: boolean;
  escalationLevel: number;
  inTriage: boolean;
  photoCount: number;
  rating: number | null;
}

export interface ReportMapPoint {
  id: string;
  code: string;
  lat: number;
  lng: number;
  state: string;
  late: boolean;
}

export interface ReportPhoto {
  fileId: string;
  url: string;
  hidden: boolean;
}

export interface ReportTimelineEntry {
  id?: number | string;
  at: string;
  action: string;
  label?: string;
  fromState?: string | null;
  toState?: string | null;
  note?: string | null;
  public?: boolean;
  actorName?: string | null;
  actorType?: string | null;
  actor?: { type?: string; name?: string | null } | null;
}

export interface ReportDetail extends ReportListItem {
  description: string;
  descriptionHidden: boolean;
  answer: string | null;
  answerHidden: boolean;
  publicHidden: boolean;
  source: string;
  locationSource: string;
  data: Record<string, unknown>;
  reporter: {
    name: string | null;
    phone: string | null;
    email: string | null;
    showName: boolean;
    citizenId: string | null;
  };
  followers: number;
  duplicateOf: { id: string; code: string } | null;
  rejectReason: string | null;
  resolvedAt: string | null;
  resolvedLate: boolean | null;
  closedAt: string | null;
  reopenCount: number;
  ratingFixed: boolean | null;
  ratingComment: string | null;
  photos: ReportPhoto[];
  resolutionPhotos: ReportPhoto[];
  timeline: ReportTimelineEntry[];
  actions: string[];
}

/** A category as GET /api/reports/categories answers it (what the detail needs: proof photo, form). */
export interface PublicCategory {
  id: string;
  code: string;
  name: string;
  slaValue: number;
  slaUnit: SlaUnit;
  proofPhotoRequired: boolean;
  duplicateRadiusM: number;
  form: { fields?: FormFieldDef[] } | null;
}

export interface FormFieldDef {
  name: string;
  label?: string;
  type?: string;
  options?: { value: string; label?: string }[];
}

export interface ReportHandler {
  id: string;
  fullName: string;
  role: string;
}

export interface BulkResult {
  done: string[];
  failed: { id: string; code: string; message: string }[];
}

export interface SupervisionCount {
  agency: Ref;
  open: number;
  late: number;
  escalated: number;
}

export interface Supervision {
  counts: SupervisionCount[];
  items: ReportListItem[];
}

export interface MapConfig {
  tileUrl: string;
  attribution: string;
  centre: { lat: number; lng: number };
  zoom: number;
  bounds: [[number, number], [number, number]] | null;
}

export type SlaUnit = 'hours' | 'days';

export interface ReportCategory {
  id: string;
  code: string;
  name: string;
  description?: string | null;
  slaValue: number;
  slaUnit: SlaUnit;
  duplicateRadiusM: number;
  proofPhotoRequired: boolean;
  enabled: boolean;
  defaultAgencyId?: string | null;
  defaultAgency?: Ref | null;
  sortOrder?: number;
}

export interface RoutingRule {
  id: string;
  category: Ref | null;
  commune: Ref | null;
  agency: Ref;
  priority?: number;
}

export interface WorkflowState {
  label: string;
  open: boolean;
  public: boolean;
  sla?: { hours: number } | { days: number } | 'category';
}

export interface WorkflowAction {
  label: string;
  from: string[];
  to: string | null;
  by: string[];
  requires?: string[];
  public: boolean;
  notice?: string;
}

export interface ReportWorkflow {
  states: Record<string, WorkflowState>;
  actions: Record<string, WorkflowAction>;
}

export interface ReportSettings {
  triageAgencyId: string | null;
  autoCloseDays: number;
  reopenDays: number;
  /** null: the tenant runs the built-in default workflow. */
  workflow: ReportWorkflow | null;
  /** The definition the engine runs: the stored one or the built-in default. */
  workflowInForce: ReportWorkflow;
}

export interface Open311Client {
  id: string;
  name: string;
  createdAt?: string;
  revokedAt?: string | null;
  lastUsedAt?: string | null;
  keyPrefix?: string | null;
}

export interface Open311ClientIssued extends Open311Client {
  apiKey?: string;
  key?: string;
}
