import { sql, type Kysely } from 'kysely';

/**
 * Field incident reports (phản ánh hiện trường): categories with SLA, routing rules and commune
 * geometry, the reports with their photos, timeline and followers, the per-tenant settings (triage
 * centre, workflow as data, windows) and the Open311 GeoReport v2 clients' API keys.
 * Positions are WGS84 degrees in double precision columns: no PostGIS, so the same migration runs on
 * PGlite; the nearby-duplicate query is a bounding box on a btree index refined by great-circle distance.
 */
const statements = [
  `create table report_categories (
    id uuid primary key default gen_random_uuid(),
    tenant_id text not null references tenants(id),
    -- stable, also the Open311 service_code
    code text not null check (code ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
    name text not null check (char_length(name) between 2 and 200),
    name_norm text not null,
    description text not null default '',
    -- the SLA to resolve, counted in working hours or working days (platform/calendar)
    sla_value integer not null check (sla_value between 1 and 1000),
    sla_unit text not null check (sla_unit in ('hours', 'days')),
    -- open reports of the same category within this distance are offered as duplicates
    duplicate_radius_m integer not null default 100 check (duplicate_radius_m between 0 and 5000),
    -- resolving needs a photo of the finished work
    proof_photo_required boolean not null default false,
    -- optional extra fields, a platform/forms definition: { "fields": [ … ] }
    form jsonb not null default '{"fields":[]}',
    -- the agency when no routing rule matches the category (null: triage)
    default_agency_id uuid references agencies(id),
    sort_order integer not null default 0,
    enabled boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (tenant_id, code)
  )`,

  // category + commune → agency. The most specific rule wins: both set, then category only, then
  // commune only; equal specificity is settled by priority (higher first).
  `create table report_routing_rules (
    id uuid primary key default gen_random_uuid(),
    tenant_id text not null references tenants(id),
    category_id uuid references report_categories(id) on delete cascade,
    commune_id uuid references admin_units(id),
    agency_id uuid not null references agencies(id),
    priority integer not null default 0,
    created_at timestamptz not null default now(),
    check (category_id is not null or commune_id is not null)
  )`,
  `create index report_routing_rules_lookup on report_routing_rules (tenant_id, category_id, commune_id)`,

  // Where a commune is: its centre always, its boundary (GeoJSON Polygon or MultiPolygon) when loaded.
  // The bounding box lets a point find its candidate boundaries with an index.
  `create table admin_unit_geo (
    admin_unit_id uuid primary key references admin_units(id) on delete cascade,
    tenant_id text not null references tenants(id),
    centre_lat double precision not null check (centre_lat between -90 and 90),
    centre_lng double precision not null check (centre_lng between -180 and 180),
    boundary jsonb,
    min_lat double precision,
    max_lat double precision,
    min_lng double precision,
    max_lng double precision
  )`,
  `create index admin_unit_geo_tenant on admin_unit_geo (tenant_id, min_lat, max_lat)`,

  // One row per tenant; absent means the defaults in modules/reports.
  `create table report_settings (
    tenant_id text primary key references tenants(id),
    -- the province's coordination centre: reports no rule routes go to its triage queue
    triage_agency_id uuid references agencies(id),
    -- a resolved report closes this many days after resolution unless rated or reopened first
    auto_close_days integer not null default 7 check (auto_close_days between 1 and 90),
    -- the reporter may reopen a resolved or closed report within this many days of resolution
    reopen_days integer not null default 7 check (reopen_days between 1 and 90),
    -- the workflow definition (states, actions, roles, SLA per state); null: the built-in default
    workflow jsonb,
    updated_at timestamptz not null default now()
  )`,

  `create table report_code_counters (
    tenant_id text not null references tenants(id),
    prefix text not null,
    last_value integer not null,
    primary key (tenant_id, prefix)
  )`,

  `create table open311_clients (
    id uuid primary key default gen_random_uuid(),
    tenant_id text not null references tenants(id),
    name text not null check (char_length(name) between 2 and 200),
    -- sha256 of the key; the key itself is shown once, when issued
    key_hash text not null unique,
    key_prefix text not null,
    created_by uuid references officers(id) on delete set null,
    created_at timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at timestamptz,
    unique (tenant_id, name)
  )`,

  `create table reports (
    id uuid primary key default gen_random_uuid(),
    tenant_id text not null references tenants(id),
    -- PA-<yymmdd>-<nnnn>, gap-free per day like dossier codes; also the Open311 service_request_id
    code text not null,
    category_id uuid not null references report_categories(id),
    state text not null check (char_length(state) between 2 and 40),
    source text not null check (source in ('app', 'open311')),
    citizen_id uuid references citizens(id) on delete set null,
    open311_client_id uuid references open311_clients(id),
    -- the name shown publicly when show_name; contact fields are personal data (never public)
    reporter_name text,
    show_name boolean not null default false,
    contact_phone text,
    contact_email text,
    description text not null check (char_length(description) between 1 and 4000),
    -- answers to the category's extra fields
    data jsonb not null default '{}',
    lat double precision not null check (lat between -90 and 90),
    lng double precision not null check (lng between -180 and 180),
    -- how the position was given: device GPS, the photo's EXIF, a pin on the map, or an address only
    location_source text not null check (location_source in ('device', 'photo', 'map', 'address')),
    address text,
    commune_id uuid references admin_units(id),
    agency_id uuid not null references agencies(id),
    handler_id uuid references officers(id) on delete set null,
    -- true while the report waits in the coordination centre's triage queue
    in_triage boolean not null default false,
    -- rejected as a duplicate of this report
    duplicate_of uuid references reports(id),
    reject_reason text,
    answer text,
    -- moderation of the public feed
    public_hidden boolean not null default false,
    description_hidden boolean not null default false,
    answer_hidden boolean not null default false,
    idempotency_key text,
    submitted_at timestamptz not null default now(),
    -- the resolution deadline from the category SLA, and the current state's own deadline
    due_at timestamptz,
    state_due_at timestamptz,
    -- 0 none, 1 the agency's supervisors (80% of the SLA), 2 the province (100%)
    escalation_level smallint not null default 0 check (escalation_level between 0 and 2),
    escalated_at timestamptz,
    resolved_at timestamptz,
    -- whether the (last) resolution came after due_at
    resolved_late boolean,
    closed_at timestamptz,
    reopen_count integer not null default 0,
    rating smallint check (rating between 1 and 5),
    rating_fixed boolean,
    rating_comment text,
    rated_at timestamptz,
    -- lower-case, accents removed: code, description, address, for the console's search
    search_norm text not null default '',
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (tenant_id, code)
  )`,
  `create unique index reports_idempotency on reports (tenant_id, citizen_id, idempotency_key)
    where idempotency_key is not null`,
  `create index reports_inbox on reports (tenant_id, agency_id, state, due_at)`,
  `create index reports_citizen on reports (tenant_id, citizen_id, submitted_at desc)`,
  // Nearby open reports of one category: a bounding box on lat, then lng, within the category.
  `create index reports_nearby_open on reports (tenant_id, category_id, lat, lng)
    where state not in ('closed', 'rejected')`,
  `create index reports_escalation on reports (tenant_id, due_at)
    where state not in ('resolved', 'closed', 'rejected')`,
  `create index reports_feed on reports (tenant_id, updated_at desc)
    where public_hidden = false and state in ('in_progress', 'resolved', 'closed')`,
  `create index reports_search_trgm on reports using gin (search_norm gin_trgm_ops)`,

  // Photos of the problem (by the reporter) and of the finished work (by the agency).
  `create table report_photos (
    tenant_id text not null references tenants(id),
    report_id uuid not null references reports(id) on delete cascade,
    file_id uuid not null references files(id),
    purpose text not null check (purpose in ('report', 'resolution')),
    position smallint not null default 0,
    hidden boolean not null default false,
    added_at timestamptz not null default now(),
    primary key (report_id, file_id)
  )`,

  // The timeline: every transition, note and escalation; public rows are shown to the reporter,
  // followers and (with personal data removed) the public feed.
  `create table report_events (
    id bigserial primary key,
    tenant_id text not null references tenants(id),
    report_id uuid not null references reports(id) on delete cascade,
    at timestamptz not null default now(),
    action text not null,
    from_state text,
    to_state text,
    actor_type text not null check (actor_type in ('citizen', 'officer', 'system', 'open311')),
    actor_id text,
    agency_id uuid references agencies(id),
    note text,
    data jsonb not null default '{}',
    public boolean not null default true
  )`,
  `create index report_events_report on report_events (report_id, at, id)`,

  // Citizens following a report (the reporter is not a row here): notified of every public transition.
  `create table report_followers (
    tenant_id text not null references tenants(id),
    report_id uuid not null references reports(id) on delete cascade,
    citizen_id uuid not null references citizens(id) on delete cascade,
    created_at timestamptz not null default now(),
    primary key (report_id, citizen_id)
  )`,
  `create index report_followers_citizen on report_followers (tenant_id, citizen_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
