import { sql, type Kysely } from 'kysely';

/**
 * Administrative procedures (thủ tục hành chính) and dossiers (hồ sơ): the catalog with its form
 * definitions, citizens' drafts, dossiers with their gap-free codes, timeline, attached files and
 * official slips, and the one-stop systems that post dossiers and events to us.
 * One statement per call, as in 0001 (PGlite refuses several in one prepared query).
 */
const statements = [
  `create table procedures (
    id uuid primary key default gen_random_uuid(),
    tenant_id text not null references tenants(id),
    -- the national procedure code (mã TTHC on the national public service portal), e.g. 1.001193
    code text not null check (char_length(code) between 1 and 40),
    name text not null check (char_length(name) between 3 and 500),
    name_norm text not null,
    field text not null check (char_length(field) between 2 and 200),
    field_norm text not null,
    agency_id uuid not null references agencies(id),
    -- 'full': submitted and processed online end to end; 'partial': online submission, papers at the counter
    level text not null check (level in ('full', 'partial')),
    processing_days integer not null check (processing_days between 0 and 365),
    -- [{ "label": "Lệ phí", "amount": 8000 }] in VND; [] when free
    fees jsonb not null default '[]',
    -- [{ "name": "Tờ khai …", "copies": 1, "original": true, "required": true }]
    documents jsonb not null default '[]',
    result text not null default '',
    legal_basis text not null default '',
    -- the dynamic form (see platform/forms): { "fields": [ … ] }
    form jsonb not null default '{"fields":[]}',
    enabled boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (tenant_id, code)
  )`,
  `create index procedures_name_trgm on procedures using gin (name_norm gin_trgm_ops)`,
  `create index procedures_field on procedures (tenant_id, field_norm)`,
  `create index procedures_agency on procedures (tenant_id, agency_id)`,

  // A citizen's unfinished form, kept on the server so it can be resumed on another device.
  `create table dossier_drafts (
    id uuid primary key default gen_random_uuid(),
    tenant_id text not null references tenants(id),
    citizen_id uuid not null references citizens(id) on delete cascade,
    procedure_id uuid not null references procedures(id),
    data jsonb not null default '{}',
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index dossier_drafts_citizen on dossier_drafts (tenant_id, citizen_id, updated_at desc)`,

  // The last number used for one code prefix (<agency code>-<yymmdd>): incremented in the
  // submitting transaction, so a rolled-back submission gives its number back (no gaps).
  `create table dossier_code_counters (
    tenant_id text not null references tenants(id),
    prefix text not null,
    last_value integer not null,
    primary key (tenant_id, prefix)
  )`,

  `create table one_stop_integrations (
    id uuid primary key default gen_random_uuid(),
    tenant_id text not null references tenants(id),
    name text not null check (char_length(name) between 2 and 200),
    -- the shared HMAC secret, sealed like the OA tokens
    secret_sealed text not null,
    enabled boolean not null default true,
    created_at timestamptz not null default now(),
    unique (tenant_id, name)
  )`,

  `create table dossiers (
    id uuid primary key default gen_random_uuid(),
    tenant_id text not null references tenants(id),
    code text not null,
    procedure_id uuid not null references procedures(id),
    agency_id uuid not null references agencies(id),
    citizen_id uuid references citizens(id) on delete set null,
    channel text not null check (channel in ('app', 'one_stop', 'counter')),
    status text not null check (status in ('submitted', 'received', 'processing', 'supplement_requested',
      'payment_requested', 'result_ready', 'returned', 'refused', 'withdrawn')),
    applicant_name text not null,
    applicant_phone text,
    applicant_id_number text,
    applicant_address text,
    -- lower-case, accents removed: code, applicant name and phone, for the console's search
    search_norm text not null,
    data jsonb not null default '{}',
    -- a random secret printed in the slip's QR: with the code it opens the dossier without signing in
    lookup_secret text not null,
    idempotency_key text,
    integration_id uuid references one_stop_integrations(id),
    external_id text,
    assignee_id uuid references officers(id) on delete set null,
    submitted_at timestamptz not null default now(),
    received_at timestamptz,
    due_at timestamptz,
    -- the clock stops while the citizen supplements papers; paused_at is when it stopped
    paused_at timestamptz,
    completed_at timestamptz,
    returned_at timestamptz,
    closed_reason text,
    fee_amount integer,
    overdue_notified_at timestamptz,
    rating integer check (rating between 1 and 5),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (tenant_id, code)
  )`,
  `create unique index dossiers_idempotency on dossiers (tenant_id, citizen_id, idempotency_key)
    where idempotency_key is not null`,
  `create unique index dossiers_external on dossiers (integration_id, external_id) where integration_id is not null`,
  `create index dossiers_queue on dossiers (tenant_id, agency_id, status, due_at)`,
  `create index dossiers_citizen on dossiers (tenant_id, citizen_id, submitted_at desc)`,
  `create index dossiers_due on dossiers (tenant_id, due_at) where status in ('received', 'processing')`,
  `create index dossiers_search_trgm on dossiers using gin (search_norm gin_trgm_ops)`,

  // The timeline: every transition and note, what the citizen may see marked as such.
  `create table dossier_events (
    id bigserial primary key,
    tenant_id text not null references tenants(id),
    dossier_id uuid not null references dossiers(id) on delete cascade,
    at timestamptz not null default now(),
    action text not null,
    from_status text,
    to_status text,
    actor_type text not null check (actor_type in ('citizen', 'officer', 'system', 'integration')),
    actor_id text,
    note text,
    data jsonb not null default '{}',
    public boolean not null default true
  )`,
  `create index dossier_events_dossier on dossier_events (dossier_id, at, id)`,

  // Files that belong to a dossier: submitted papers per form field, supplements, results, slips.
  `create table dossier_files (
    tenant_id text not null references tenants(id),
    dossier_id uuid not null references dossiers(id) on delete cascade,
    file_id uuid not null references files(id),
    purpose text not null check (purpose in ('attachment', 'supplement', 'result', 'slip')),
    field text,
    added_at timestamptz not null default now(),
    primary key (dossier_id, file_id)
  )`,

  // Official slips (Circular 01/2018/TT-VPCP): Mẫu 01 receipt, 02 supplement, 03 refusal, 04 apology.
  `create table dossier_slips (
    id uuid primary key default gen_random_uuid(),
    tenant_id text not null references tenants(id),
    dossier_id uuid not null references dossiers(id) on delete cascade,
    form text not null check (form in ('01', '02', '03', '04')),
    file_id uuid not null references files(id),
    created_at timestamptz not null default now()
  )`,
  `create index dossier_slips_dossier on dossier_slips (dossier_id, created_at)`,

  // Events a one-stop system posted: kept by their id (idempotency) and applied in event-time order.
  `create table one_stop_events (
    id bigserial primary key,
    tenant_id text not null references tenants(id),
    integration_id uuid not null references one_stop_integrations(id),
    event_id text not null,
    external_id text not null,
    event_time timestamptz not null,
    kind text not null,
    payload jsonb not null,
    received_at timestamptz not null default now(),
    applied_at timestamptz,
    unique (integration_id, event_id)
  )`,
  `create index one_stop_events_dossier on one_stop_events (integration_id, external_id, event_time)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
