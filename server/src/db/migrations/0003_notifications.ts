import { sql, type Kysely } from 'kysely';

/**
 * The notification platform on top of the inbox (0002): every notice is an inbox message plus a
 * notification that a worker delivers through Zalo OA, ZNS or SMS (outbox: written in the caller's
 * transaction), with its delivery attempts, their timeline, a cost ledger, the OA followers linked to
 * citizens, sealed OA tokens, a database rate limiter shared by all workers, and broadcasts.
 * One statement per call, as in 0001 (PGlite refuses several in one prepared query).
 */
const statements = [
  // Per-tenant knobs; a missing row means the defaults (see platform/notify/settings.ts).
  `create table notification_settings (
    tenant_id text primary key references tenants(id),
    oa_rate_per_minute integer not null default 4000 check (oa_rate_per_minute between 1 and 1000000),
    sms_unit_cost integer not null default 350 check (sms_unit_cost >= 0),
    zns_unit_cost integer not null default 300 check (zns_unit_cost >= 0),
    oa_unit_cost integer not null default 0 check (oa_unit_cost >= 0),
    -- { "<type>": ["oa","zns","sms"] }: the channels tried after the inbox, cheapest first
    routing jsonb not null default '{}',
    updated_at timestamptz not null default now()
  )`,
  // Template overrides per tenant; the defaults live in code (platform/notify/templates.ts).
  `create table notification_templates (
    tenant_id text not null references tenants(id),
    type text not null,
    channel text not null check (channel in ('inbox', 'oa', 'sms')),
    title text,
    body text not null check (char_length(body) between 1 and 4000),
    updated_by_officer_id uuid references officers(id) on delete set null,
    updated_at timestamptz not null default now(),
    primary key (tenant_id, type, channel)
  )`,
  // Approved ZNS templates: Zalo's template id and which of our variables fills each parameter.
  `create table zns_templates (
    tenant_id text not null references tenants(id),
    type text not null,
    template_id text not null,
    params jsonb not null,
    approved boolean not null default true,
    primary key (tenant_id, type)
  )`,
  // Opt-outs only: a row switches one channel (or '*') of one type (or '*') off for a citizen.
  `create table notification_opt_outs (
    tenant_id text not null references tenants(id),
    citizen_id uuid not null references citizens(id) on delete cascade,
    type text not null,
    channel text not null check (channel in ('*', 'oa', 'zns', 'sms')),
    created_at timestamptz not null default now(),
    primary key (tenant_id, citizen_id, type, channel)
  )`,
  // Users of the tenant's Official Account. citizen_id is set once a claim from the mini app is
  // confirmed by Zalo's own follow event; claimed_citizen_id holds an unconfirmed claim.
  `create table oa_followers (
    tenant_id text not null references tenants(id),
    oa_user_id text not null check (char_length(oa_user_id) between 1 and 64),
    citizen_id uuid references citizens(id) on delete set null,
    claimed_citizen_id uuid references citizens(id) on delete set null,
    claimed_at timestamptz,
    followed boolean not null default false,
    followed_at timestamptz,
    unfollowed_at timestamptz,
    last_interaction_at timestamptz,
    commune_id uuid references admin_units(id) on delete set null,
    confirmed_at timestamptz,
    updated_at timestamptz not null default now(),
    primary key (tenant_id, oa_user_id)
  )`,
  `create unique index oa_followers_citizen on oa_followers (tenant_id, citizen_id) where citizen_id is not null`,
  `create index oa_followers_broadcast on oa_followers (tenant_id, oa_user_id) where followed`,

  `create table zalo_oa_tokens (
    tenant_id text primary key references tenants(id),
    access_token text,
    refresh_token text not null,
    access_expires_at timestamptz not null,
    refreshed_count integer not null default 0,
    updated_at timestamptz not null default now()
  )`,

  `create table broadcasts (
    id uuid primary key default gen_random_uuid(),
    tenant_id text not null references tenants(id),
    type text not null,
    data jsonb not null,
    commune_ids uuid[],
    status text not null default 'scheduled' check (status in ('scheduled', 'running', 'done', 'cancelled')),
    run_at timestamptz not null default now(),
    -- the fan-out cursor: followers are taken in oa_user_id order after this one
    cursor text,
    batches integer not null default 0,
    fanned_out boolean not null default false,
    recipients integer not null default 0,
    sent integer not null default 0,
    failed integer not null default 0,
    created_by_officer_id uuid references officers(id) on delete set null,
    created_at timestamptz not null default now(),
    finished_at timestamptz
  )`,

  `create table notifications (
    id uuid primary key default gen_random_uuid(),
    tenant_id text not null references tenants(id),
    citizen_id uuid references citizens(id) on delete set null,
    inbox_message_id uuid references inbox_messages(id) on delete set null,
    broadcast_id uuid references broadcasts(id) on delete cascade,
    oa_user_id text,
    type text not null,
    legal boolean not null default false,
    data jsonb not null,
    -- external channels still to try, in order, after the current delivery
    plan jsonb not null,
    status text not null default 'created'
      check (status in ('created', 'sending', 'sent', 'delivered', 'failed', 'inbox_only')),
    channel text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index notifications_log on notifications (tenant_id, created_at desc, id desc)`,
  `create index notifications_citizen on notifications (tenant_id, citizen_id, created_at desc)`,
  // A broadcast sends each follower one notification, even when a crashed batch is run again.
  `create unique index notifications_broadcast on notifications (broadcast_id, oa_user_id) where broadcast_id is not null`,

  // One row per channel tried; its id is the idempotency key given to the provider (ZNS
  // tracking_id, SMS reference), so a retry of an attempt whose outcome was lost cannot send twice.
  `create table notification_deliveries (
    id uuid primary key default gen_random_uuid(),
    tenant_id text not null references tenants(id),
    notification_id uuid not null references notifications(id) on delete cascade,
    channel text not null check (channel in ('oa', 'zns', 'sms')),
    status text not null default 'created' check (status in
      ('created', 'sending', 'sent', 'delivered', 'temporary_failure', 'permanent_failure')),
    content jsonb not null,
    attempts integer not null default 0,
    next_attempt_at timestamptz,
    provider_message_id text,
    error_code text,
    -- broadcasts send their deliveries in numbered batches, one job per batch
    broadcast_id uuid references broadcasts(id) on delete cascade,
    broadcast_batch integer,
    segments integer,
    cost integer,
    created_at timestamptz not null default now(),
    sent_at timestamptz,
    delivered_at timestamptz,
    updated_at timestamptz not null default now()
  )`,
  `create index notification_deliveries_notification on notification_deliveries (notification_id)`,
  `create index notification_deliveries_batch on notification_deliveries (broadcast_id, broadcast_batch, status) where broadcast_id is not null`,
  `create index notification_deliveries_provider on notification_deliveries (provider_message_id) where provider_message_id is not null`,

  `create table notification_events (
    id bigserial primary key,
    tenant_id text not null,
    notification_id uuid not null references notifications(id) on delete cascade,
    delivery_id uuid references notification_deliveries(id) on delete cascade,
    at timestamptz not null default now(),
    status text not null,
    detail jsonb
  )`,
  `create index notification_events_notification on notification_events (notification_id, id)`,

  // What each accepted send cost, and what the same message would have cost as SMS.
  `create table notification_ledger (
    id bigserial primary key,
    tenant_id text not null references tenants(id),
    delivery_id uuid not null unique references notification_deliveries(id) on delete cascade,
    notification_id uuid not null,
    type text not null,
    channel text not null,
    segments integer not null,
    unit_cost integer not null,
    cost integer not null,
    sms_equivalent_cost integer not null,
    at timestamptz not null default now()
  )`,
  `create index notification_ledger_period on notification_ledger (tenant_id, at)`,

  // The shared rate limiter: requests granted per key and second (see platform/notify/rate-limiter.ts).
  `create table rate_limit_keys (
    key text primary key,
    limit_per_minute integer not null
  )`,
  `create table rate_limit_buckets (
    key text not null references rate_limit_keys(key) on delete cascade,
    second bigint not null,
    granted integer not null,
    primary key (key, second)
  )`,

  // A citizen who deletes their account leaves no phone number or OA user id in our delivery records
  // (Decree 13/2023); the notices themselves stay, without an owner, for the province's statistics.
  `create function scrub_notification_addresses() returns trigger language plpgsql as $$
    begin
      update notification_deliveries d set content = jsonb_set(d.content, '{to}', '""')
        from notifications n where n.id = d.notification_id and n.citizen_id = old.id;
      return old;
    end $$`,
  `create trigger citizens_scrub_notification_addresses before delete on citizens
    for each row execute function scrub_notification_addresses()`,

  // Webhook calls already accepted (by signature, which covers body and timestamp): replays are no-ops.
  `create table zalo_webhook_events (
    id bigserial primary key,
    tenant_id text not null references tenants(id),
    signature text not null unique,
    event_name text not null,
    body jsonb not null,
    received_at timestamptz not null default now()
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
