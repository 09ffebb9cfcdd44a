import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/connection.js';
import { toCount } from '../../db/pg-types.js';
import type { InboxMessagesTable } from '../../db/schema.js';
import type { InboxItem, InboxPage, InboxQuery } from './inbox.schemas.js';

/** One citizen's inbox. Every query is scoped by tenant and citizen: nobody reads another's messages. */
export interface Owner {
  tenantId: string;
  citizenId: string;
}

type ItemRow = Pick<
  Selectable<InboxMessagesTable>,
  'id' | 'type' | 'title' | 'body' | 'link' | 'created_at' | 'read_at'
>;

export function inboxItem(row: ItemRow): InboxItem {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}

const ITEM_COLUMNS = ['id', 'type', 'title', 'body', 'link', 'created_at', 'read_at'] as const;

function mine(db: Db, owner: Owner) {
  return db
    .selectFrom('inbox_messages')
    .where('tenant_id', '=', owner.tenantId)
    .where('citizen_id', '=', owner.citizenId);
}

export async function unreadCount(db: Db, owner: Owner): Promise<number> {
  const row = await mine(db, owner)
    .where('read_at', 'is', null)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return toCount(row.n);
}

export async function listInbox(db: Db, owner: Owner, query: InboxQuery): Promise<InboxPage> {
  const base = query.unread ? mine(db, owner).where('read_at', 'is', null) : mine(db, owner);
  const rows = await base
    .select([...ITEM_COLUMNS, sql<number>`count(*) over ()`.as('total')])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  // A page past the end has no row to carry the total: only then is it counted apart.
  const total = rows[0]
    ? toCount(rows[0].total)
    : query.page === 1
      ? 0
      : toCount((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const unread = query.unread ? total : await unreadCount(db, owner);
  return { items: rows.map(inboxItem), total, page: query.page, pageSize: query.pageSize, unread };
}

/** Marks one message read (keeping the first reading time); false when it is not the citizen's. */
export async function markRead(db: Db, owner: Owner, id: string): Promise<boolean> {
  const row = await db
    .updateTable('inbox_messages')
    .set({ read_at: sql<Date>`coalesce(read_at, now())` })
    .where('tenant_id', '=', owner.tenantId)
    .where('citizen_id', '=', owner.citizenId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function markAllRead(db: Db, owner: Owner): Promise<void> {
  await db
    .updateTable('inbox_messages')
    .set({ read_at: sql<Date>`now()` })
    .where('tenant_id', '=', owner.tenantId)
    .where('citizen_id', '=', owner.citizenId)
    .where('read_at', 'is', null)
    .execute();
}
