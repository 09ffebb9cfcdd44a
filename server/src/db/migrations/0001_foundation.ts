import { sql, type Kysely } from 'kysely';

/**
 * Foundation schema: tenancy and organisation, identity, audit, files, jobs, calendar.
 * Everything a tenant owns carries tenant_id. Written as plain SQL so it reads the same on
 * PGlite and PostgreSQL; one statement per call because PGlite refuses several in one prepared query.
 */
const statements = [
  `create extension if not exists pg_trgm`,
  `create extension if not exists unaccent`,
  `create extension if not exists citext`,

  `create table tenants (
    id text primary key check (id ~ '^[a-z0-9-]{2,40}$'),
    code text not null unique,
    name text not null,
    short_name text not null,
    host_names text[] not null default '{}',
    utilities jsonb not null default '[]',
    branding jsonb not null default '{}',
    hotlines jsonb not null default '[]',
    zalo_app_id text,
    zalo_oa_id text,
    enabled boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,

  `create table admin_units (
    id uuid primary key default gen_random_uuid(),
    tenant_id text not null references tenants(id),
    code text not null,
    name text not null,
    name_norm text not null,
    level text not null check (level in ('province', 'commune')),
    kind text not null,
    parent_id uuid references admin_units(id),
    unique (tenant_id, code)
  )`,
  `create index admin_units_name_trgm on admin_units using gin (name_norm gin_trgm_ops)`,
  `create index admin_units_level on admin_units (tenant_id, level)`,

  `create table agencies (
    id uuid primary key default gen_random_uuid(),
    tenant_id text not null references tenants(id),
    code text not null,
    name text not null,
    name_norm text not null,
    kind text not null,
    parent_id uuid references agencies(id),
    admin_unit_id uuid references admin_units(id),
    phone text,
    address text,
    created_at timestamptz not null default now(),
    unique (tenant_id, code)
  )`,
  `create index agencies_name_trgm on agencies using gin (name_norm gin_trgm_ops)`,
  `create index agencies_parent on agencies (tenant_id, parent_id)`,

  `create table agency_communes (
    tenant_id text not null references tenants(id),
    agency_id uuid not null references agencies(id) on delete cascade,
    admin_unit_id uuid not null references admin_units(id),
    primary key (agency_id, admin_unit_id)
  )`,

  `create table officers (
    id uuid primary key default gen_random_uuid(),
    tenant_id text not null references tenants(id),
    username citext not null,
    full_name text not null,
    email text,
    phone text,
    password_hash text not null,
    totp_secret text,
    totp_enabled boolean not null default false,
    -- the last accepted TOTP time step (unix time / 30 s): a code is good for one use only
    totp_last_step integer,
    failed_logins integer not null default 0,
    locked_until timestamptz,
    disabled boolean not null default false,
    -- set when an administrator gives a temporary password; cleared when the officer changes it
    must_change_password boolean not null default false,
    password_changed_at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    unique (tenant_id, username)
  )`,

  `create table officer_roles (
    tenant_id text not null references tenants(id),
    officer_id uuid not null references officers(id) on delete cascade,
    agency_id uuid not null references agencies(id),
    role text not null check (role in
      ('province_admin', 'agency_admin', 'supervisor', 'handler', 'clerk', 'editor')),
    primary key (officer_id, agency_id, role)
  )`,
  `create index officer_roles_agency on officer_roles (tenant_id, agency_id)`,

  `create table citizens (
    id uuid primary key default gen_random_uuid(),
    tenant_id text not null references tenants(id),
    zalo_id text,
    display_name text,
    avatar_url text,
    phone text,
    phone_verified_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now()
  )`,
  `create unique index citizens_zalo on citizens (tenant_id, zalo_id) where zalo_id is not null`,
  `create unique index citizens_phone on citizens (tenant_id, phone) where phone is not null`,

  `create table consents (
    id uuid primary key default gen_random_uuid(),
    tenant_id text not null references tenants(id),
    citizen_id uuid not null references citizens(id) on delete cascade,
    purpose_code text not null,
    purpose text not null,
    granted_at timestamptz not null default now(),
    withdrawn_at timestamptz
  )`,
  `create index consents_citizen on consents (citizen_id, purpose_code)`,

  `create table otp_challenges (
    id uuid primary key default gen_random_uuid(),
    tenant_id text not null references tenants(id),
    phone text not null,
    code_hash text not null,
    attempts integer not null default 0,
    expires_at timestamptz not null,
    consumed_at timestamptz,
    created_at timestamptz not null default now()
  )`,
  `create index otp_challenges_phone on otp_challenges (tenant_id, phone, created_at desc)`,

  `create table sessions (
    id text primary key,
    tenant_id text not null references tenants(id),
    subject_type text not null check (subject_type in ('officer', 'citizen')),
    subject_id uuid not null,
    csrf_token text,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    last_seen_at timestamptz not null default now()
  )`,
  `create index sessions_subject on sessions (subject_type, subject_id)`,
  // The hourly clean-up deletes expired sessions by this column.
  `create index sessions_expiry on sessions (expires_at)`,

  `create table audit_log (
    id bigserial primary key,
    tenant_id text not null references tenants(id),
    seq integer not null,
    at timestamptz not null default now(),
    actor_type text not null,
    actor_id text,
    action text not null,
    entity_type text not null,
    entity_id text,
    data jsonb not null default '{}',
    prev_hash text not null,
    hash text not null
  )`,
  `create unique index audit_log_tenant_seq on audit_log (tenant_id, seq)`,
  `create index audit_log_entity on audit_log (tenant_id, entity_type, entity_id)`,
  // Append-only: the application role cannot edit history; verify catches what a superuser does.
  `create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end
  $$`,
  `create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_append_only()`,

  `create table files (
    id uuid primary key default gen_random_uuid(),
    tenant_id text not null references tenants(id),
    kind text not null,
    owner_type text not null,
    owner_id text,
    original_name text not null,
    content_type text not null,
    size_bytes integer not null,
    sha256 text not null,
    storage_key text not null unique,
    width integer,
    height integer,
    gps_lat double precision,
    gps_lng double precision,
    created_at timestamptz not null default now()
  )`,
  `create index files_owner on files (tenant_id, owner_type, owner_id)`,

  `create table jobs (
    id bigserial primary key,
    tenant_id text references tenants(id),
    queue text not null,
    payload jsonb not null default '{}',
    status text not null default 'pending' check (status in ('pending', 'running', 'done', 'dead')),
    run_at timestamptz not null default now(),
    attempts integer not null default 0,
    max_attempts integer not null default 5,
    backoff_seconds integer not null default 10,
    singleton_key text,
    last_error text,
    locked_by text,
    locked_at timestamptz,
    created_at timestamptz not null default now(),
    finished_at timestamptz
  )`,
  // Partial indexes keep each worker query small: claiming (due pending jobs in order), lease
  // recovery (running jobs by lock age) and pruning (finished jobs by age).
  `create index jobs_due on jobs (run_at, id) where status = 'pending'`,
  `create index jobs_running on jobs (locked_at) where status = 'running'`,
  `create index jobs_finished on jobs (finished_at) where status in ('done', 'dead')`,
  `create index jobs_queue_status on jobs (queue, status)`,
  `create unique index jobs_singleton on jobs (queue, singleton_key)
    where singleton_key is not null and status in ('pending', 'running')`,

  `create table recurring_jobs (
    name text primary key,
    queue text not null,
    payload jsonb not null default '{}',
    interval_seconds integer not null check (interval_seconds > 0),
    next_run_at timestamptz not null
  )`,

  `create table holidays (
    id uuid primary key default gen_random_uuid(),
    tenant_id text references tenants(id),
    day date not null,
    name text not null,
    kind text not null default 'off' check (kind in ('off', 'working'))
  )`,
  `create unique index holidays_day on holidays (coalesce(tenant_id, ''), day)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
