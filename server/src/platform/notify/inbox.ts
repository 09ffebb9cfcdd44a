import type { Db } from '../../db/connection.js';
import type { InboxLink } from '../../db/schema.js';

/**
 * The in-app inbox, the channel every notification reaches: a citizen who blocks the Official
 * Account or changes number still finds the message in the app. Later channels (Zalo OA, ZNS, SMS)
 * deliver a copy of an inbox message and track it against the message id.
 *
 * Messages are written outbox style: with the transaction of the change they report, so a dossier
 * decision and its notice commit together or not at all.
 */
export const MESSAGE_TYPE = /^[a-z][a-z0-9_.]{1,49}$/;
export const LINK_PAGE = /^[a-z][a-z0-9-]{0,39}$/;
export const LINK_MAX_PARAMS = 10;
export const LINK_PARAM_MAX_LENGTH = 200;
export const TITLE_MAX_LENGTH = 200;
export const BODY_MAX_LENGTH = 4000;

export interface InboxMessageInput {
  tx: Db;
  tenantId: string;
  citizenId: string;
  /** What produced it: 'officer_message', and the types later modules add ('dossier.received', …). */
  type: string;
  title: string;
  body: string;
  link?: InboxLink | null;
  /** A notice the citizen is owed by law: delivered whatever they chose to receive, kept as proof. */
  legal?: boolean;
  createdByOfficerId?: string | null;
}

/** Why a link cannot be opened by the app, or undefined when it can. */
export function linkProblem(link: InboxLink): string | undefined {
  if (!LINK_PAGE.test(link.page)) return 'page';
  const entries = Object.entries(link.params);
  if (entries.length > LINK_MAX_PARAMS) return 'params';
  if (entries.some(([, v]) => typeof v !== 'string' || v.length > LINK_PARAM_MAX_LENGTH)) return 'params';
  return undefined;
}

/** Writes one message in the caller's transaction; returns its id and time. */
export async function writeInboxMessage(input: InboxMessageInput): Promise<{ id: string; createdAt: Date }> {
  const { tx } = input;
  if (!tx.isTransaction) {
    throw new Error('writeInboxMessage needs the transaction handle of the change it reports');
  }
  // Routes validate what people type; this catches a module building a message the app cannot show.
  if (!MESSAGE_TYPE.test(input.type)) throw new Error(`inbox message type "${input.type}"`);
  if (input.title.length === 0 || input.title.length > TITLE_MAX_LENGTH)
    throw new Error('inbox title length');
  if (input.body.length > BODY_MAX_LENGTH) throw new Error('inbox body length');
  const problem = input.link ? linkProblem(input.link) : undefined;
  if (problem) throw new Error(`inbox link: invalid ${problem}`);
  const row = await tx
    .insertInto('inbox_messages')
    .values({
      tenant_id: input.tenantId,
      citizen_id: input.citizenId,
      type: input.type,
      title: input.title,
      body: input.body,
      link: input.link ? JSON.stringify({ page: input.link.page, params: input.link.params }) : null,
      legal: input.legal ?? false,
      created_by_officer_id: input.createdByOfficerId ?? null,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, createdAt: row.created_at };
}
