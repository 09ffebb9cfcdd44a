import type { Db } from '../../db/connection.js';
import type { FieldDefinition } from '../../platform/forms/definition.js';
import { normalizeVi } from '../../platform/search/normalize.js';
import { photoPath } from './feed.repository.js';
import type {
  Open311Attribute,
  Open311Request,
  Open311Service,
  Open311ServiceDefinition,
} from './open311.format.js';
import { REJECT_REASON_LABELS, type RejectReason } from './types.js';
import { stateLabel, type ReportWorkflow } from './workflow-definition.js';

/**
 * Our categories and reports in Open311 GeoReport v2 terms. A category is a service (its code is
 * the service_code); a report is a service request (its code is the service_request_id). What a
 * request shows is what the public feed would show: the text the reporter typed (description,
 * address) and the photos only once the report is in a public state and not hidden by a moderator —
 * until then it is unmoderated and may carry personal data. Contact data never appears.
 */
export class Open311Failure extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    readonly description: string,
  ) {
    super(description);
    this.name = 'Open311Failure';
  }
}

interface CategoryRow {
  id: string;
  code: string;
  name: string;
  description: string;
  form: { fields: unknown[] };
}

const fieldsOf = (c: CategoryRow) => (c.form.fields ?? []) as FieldDefinition[];

const SERVICE_GROUP = 'Phản ánh hiện trường';

export function enabledCategories(db: Db, tenantId: string) {
  return db
    .selectFrom('report_categories')
    .select(['id', 'code', 'name', 'description', 'form'])
    .where('tenant_id', '=', tenantId)
    .where('enabled', '=', true)
    .orderBy('sort_order')
    .orderBy('name');
}

export function toService(c: CategoryRow): Open311Service {
  return {
    service_code: c.code,
    service_name: c.name,
    description: c.description,
    metadata: attributesOf(c).length > 0,
    type: 'realtime',
    // Without accents, so a client that cannot type Vietnamese can still search.
    keywords: normalizeVi(c.name),
    group: SERVICE_GROUP,
  };
}

/**
 * Form fields that a GeoReport attribute can carry. Address, attachment and table fields have no
 * Open311 datatype; they are left out (an Open311 client cannot upload files or fill nested rows).
 */
function attributeOf(field: FieldDefinition, order: number): Open311Attribute | undefined {
  // Keys in the spec's order, which is also the order of the XML elements.
  const make = (
    datatype: Open311Attribute['datatype'],
    hint: string,
    values?: Open311Attribute['values'],
  ): Open311Attribute => ({
    variable: true,
    code: field.name,
    datatype,
    required: field.required === true,
    datatype_description: field.help ?? hint,
    order,
    description: field.label,
    ...(values ? { values } : {}),
  });
  const options = () => (field.options ?? []).map((o) => ({ key: o.value, name: o.label }));
  switch (field.type) {
    case 'text':
    case 'phone':
    case 'email':
    case 'id_number':
      return make('string', '');
    case 'textarea':
      return make('text', '');
    case 'number':
      return make('number', field.integer ? 'Số nguyên' : 'Số');
    case 'date':
      return make('datetime', 'Ngày, dạng YYYY-MM-DD');
    case 'select':
      return make('singlevaluelist', '', options());
    case 'multiselect':
      return make('multivaluelist', '', options());
    case 'checkbox':
      return make('singlevaluelist', '', [
        { key: 'true', name: 'Có' },
        { key: 'false', name: 'Không' },
      ]);
    default:
      return undefined;
  }
}

function attributesOf(c: CategoryRow): Open311Attribute[] {
  const out: Open311Attribute[] = [];
  for (const field of fieldsOf(c)) {
    const attribute = attributeOf(field, out.length + 1);
    if (attribute) out.push(attribute);
  }
  return out;
}

export function toServiceDefinition(c: CategoryRow): Open311ServiceDefinition {
  return { service_code: c.code, attributes: attributesOf(c) };
}

/**
 * `attribute[code]` values (strings from a form, or JSON values) as the category form expects them;
 * codes the form does not offer over Open311 are dropped.
 */
export function attributeData(c: CategoryRow, raw: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of fieldsOf(c)) {
    const value = raw[field.name];
    if (value === undefined || value === '' || !attributeOf(field, 0)) continue;
    const list = Array.isArray(value) ? value.map(String) : [String(value)];
    if (field.type === 'multiselect') data[field.name] = list;
    else if (field.type === 'number') data[field.name] = Number(list[0]);
    else if (field.type === 'checkbox') data[field.name] = list[0] === 'true';
    // A datetime attribute may come with a time; the form keeps the day.
    else if (field.type === 'date') data[field.name] = list[0]!.slice(0, 10);
    else data[field.name] = list[0];
  }
  return data;
}

/** ISO 8601 in Vietnam time (+07:00, no daylight saving): what a local client displays as is. */
export function vnIso(date: Date): string {
  const shifted = new Date(date.getTime() + 7 * 3_600_000);
  return `${shifted.toISOString().slice(0, 19)}+07:00`;
}

export interface RequestRow {
  id: string;
  code: string;
  state: string;
  category_code: string;
  category_name: string;
  agency_name: string;
  description: string;
  description_hidden: boolean;
  answer: string | null;
  answer_hidden: boolean;
  reject_reason: string | null;
  address: string | null;
  lat: number;
  lng: number;
  submitted_at: Date;
  updated_at: Date;
  due_at: Date | null;
}

export function requestsQuery(db: Db, tenantId: string) {
  return (
    db
      .selectFrom('reports as r')
      .innerJoin('report_categories as c', 'c.id', 'r.category_id')
      .innerJoin('agencies as a', 'a.id', 'r.agency_id')
      .select([
        'r.id',
        'r.code',
        'r.state',
        'c.code as category_code',
        'c.name as category_name',
        'a.name as agency_name',
        'r.description',
        'r.description_hidden',
        'r.answer',
        'r.answer_hidden',
        'r.reject_reason',
        'r.address',
        'r.lat',
        'r.lng',
        'r.submitted_at',
        'r.updated_at',
        'r.due_at',
      ])
      .where('r.tenant_id', '=', tenantId)
      // Hidden by a moderator (spam, abuse): not part of the public record at all.
      .where('r.public_hidden', '=', false)
  );
}

/** The first visible photo of each public report, for media_url. */
export async function firstPhotos(db: Db, reportIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (reportIds.length === 0) return out;
  const rows = await db
    .selectFrom('report_photos')
    .select(['report_id', 'file_id'])
    .where('report_id', 'in', reportIds)
    .where('purpose', '=', 'report')
    .where('hidden', '=', false)
    .orderBy('report_id')
    .orderBy('position')
    .orderBy('added_at')
    .execute();
  for (const row of rows) if (!out.has(row.report_id)) out.set(row.report_id, row.file_id);
  return out;
}

function statusNotes(r: RequestRow): string | null {
  if (r.reject_reason) return REJECT_REASON_LABELS[r.reject_reason as RejectReason] ?? null;
  return r.answer_hidden ? null : r.answer;
}

export function toRequest(
  r: RequestRow,
  workflow: ReportWorkflow,
  publicUrl: string,
  photoFileId: string | undefined,
): Open311Request {
  const state = workflow.states[r.state];
  const isPublic = state?.public === true;
  return {
    service_request_id: r.code,
    status: state?.open === false ? 'closed' : 'open',
    status_notes: statusNotes(r),
    service_name: r.category_name,
    service_code: r.category_code,
    description: isPublic && !r.description_hidden ? r.description : null,
    agency_responsible: r.agency_name,
    service_notice: null,
    requested_datetime: vnIso(r.submitted_at),
    updated_datetime: vnIso(r.updated_at),
    expected_datetime: r.due_at ? vnIso(r.due_at) : null,
    address: isPublic ? r.address : null,
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lng,
    media_url: isPublic && photoFileId ? new URL(photoPath(photoFileId), publicUrl).toString() : null,
    extended_attributes: { state: r.state, state_label: stateLabel(workflow, r.state) },
  };
}

/** Open states and finished ones, by the workflow's `open` flag. */
export function statesByStatus(workflow: ReportWorkflow, status: 'open' | 'closed'): string[] {
  return Object.entries(workflow.states)
    .filter(([, s]) => s.open === (status === 'open'))
    .map(([name]) => name);
}
