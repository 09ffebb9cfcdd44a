import { sql, type Kysely } from 'kysely';

/**
 * The in-app inbox: the first channel of the notification platform (Zalo OA, ZNS and SMS come later
 * and record their deliveries against these messages). Also an index for the audit log viewer.
 * One statement per call, as in 0001 (PGlite refuses several in one prepared query).
 */
const statements = [
  `create table inbox_messages (
    id uuid primary key default gen_random_uuid(),
    tenant_id text not null references tenants(id),
    citizen_id uuid not null references citizens(id) on delete cascade,
    -- what produced it ('officer_message'; dossier and report modules add theirs)
    type text not null check (type ~ '^[a-z][a-z0-9_.]{1,49}$'),
    title text not null check (char_length(title) between 1 and 200),
    body text not null check (char_length(body) <= 4000),
    -- where the app opens when the message is tapped: {"page": "...", "params": {...}}
    link jsonb,
    -- a notice the citizen is owed by law (a decision on a dossier): later channels must deliver it
    -- whatever the citizen chose to receive, and it is kept as proof of notification
    legal boolean not null default false,
    created_by_officer_id uuid references officers(id) on delete set null,
    created_at timestamptz not null default now(),
    read_at timestamptz
  )`,
  // The inbox page: one citizen's messages, newest first (id breaks ties within one millisecond).
  `create index inbox_messages_newest on inbox_messages (tenant_id, citizen_id, created_at desc, id desc)`,
  // The badge on the home screen is read on every visit: a partial index holds only unread rows.
  `create index inbox_messages_unread on inbox_messages (tenant_id, citizen_id) where read_at is null`,

  // The audit viewer filters by action and lists the distinct actions (a skip scan over this index).
  `create index audit_log_action on audit_log (tenant_id, action, seq)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
