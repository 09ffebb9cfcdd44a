import type { Db } from '../../db/connection.js';
import type { DeliveryContent, NotifyChannel } from '../../db/schema.js';
import { countSmsSegments } from '../../integrations/sms/segments.js';
import { enqueue } from '../jobs/queue.js';
import { writeInboxMessage } from './inbox.js';
import { loadRecipient, loadSettings, planChannels, type Recipient } from './routing.js';
import { checkData, loadTemplates, render, renderLink, type ResolvedTemplates } from './templates.js';

/**
 * How every module tells a citizen something. In the caller's transaction (outbox) it writes the
 * inbox message, the notification with its channel plan, the first delivery and the job that sends
 * it: a dossier decision and its notice commit together or not at all, and nothing is sent for a
 * change that rolled back. A worker does the sending (delivery.ts).
 */
export const DELIVER_QUEUE = 'notify.deliver';
/** The job only retries database trouble; provider failures are retried by the delivery itself. */
const DELIVER_JOB = { maxAttempts: 10, backoffSeconds: 5 } as const;

export interface NotifyInput {
  tx: Db;
  tenantId: string;
  citizenId: string;
  type: string;
  data: Record<string, string>;
  /** Owed by law: delivered whatever the citizen opted out of. Types that are legal stay legal. */
  legal?: boolean;
}

export interface NotifyResult {
  notificationId: string;
  inboxMessageId: string;
  /** The channel tried first, or null when the inbox is the only way to reach the citizen. */
  channel: NotifyChannel | null;
  plan: NotifyChannel[];
}

export async function notify(input: NotifyInput): Promise<NotifyResult> {
  const { tx, tenantId } = input;
  if (!tx.isTransaction) throw new Error('notify needs the transaction handle of the change it reports');
  const templates = await loadTemplates(tx, tenantId, input.type);
  const { definition } = templates;
  checkData(definition, input.data);
  // A module may raise an ordinary type to a legal notice, never lower a legal one.
  const legal = definition.legal || input.legal === true;
  const recipient = await loadRecipient(tx, tenantId, input.citizenId);
  if (!recipient) throw new Error(`notify: no citizen ${input.citizenId} in tenant ${tenantId}`);
  const [settings, zns] = await Promise.all([
    loadSettings(tx, tenantId),
    znsTemplateFor(tx, tenantId, input.type),
  ]);
  const plan = planChannels({ definition, settings, recipient, legal, hasZnsTemplate: zns !== null });

  const inbox = await writeInboxMessage({
    tx,
    tenantId,
    citizenId: input.citizenId,
    type: input.type,
    title: render(templates.inbox.title, input.data),
    body: render(templates.inbox.body, input.data),
    link: renderLink(definition, input.data),
    legal,
  });
  const [first, ...rest] = plan;
  const notification = await tx
    .insertInto('notifications')
    .values({
      tenant_id: tenantId,
      citizen_id: input.citizenId,
      inbox_message_id: inbox.id,
      type: input.type,
      legal,
      data: JSON.stringify(input.data),
      plan: JSON.stringify(rest),
      status: first ? 'created' : 'inbox_only',
      channel: first ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('notification_events')
    .values({
      tenant_id: tenantId,
      notification_id: notification.id,
      status: first ? 'created' : 'inbox_only',
      detail: JSON.stringify({ plan, legal }),
    })
    .execute();
  if (first) {
    const content = deliveryContent(first, templates, input.data, recipient, zns);
    await createDelivery(tx, { tenantId, notificationId: notification.id, channel: first, content });
  }
  return { notificationId: notification.id, inboxMessageId: inbox.id, channel: first ?? null, plan };
}

export interface ZnsTemplate {
  templateId: string;
  params: Record<string, string>;
}

export async function znsTemplateFor(db: Db, tenantId: string, type: string): Promise<ZnsTemplate | null> {
  const row = await db
    .selectFrom('zns_templates')
    .select(['template_id', 'params'])
    .where('tenant_id', '=', tenantId)
    .where('type', '=', type)
    .where('approved', '=', true)
    .executeTakeFirst();
  return row ? { templateId: row.template_id, params: row.params } : null;
}

/** What the provider receives on this channel, rendered now so a later template edit cannot change it. */
export function deliveryContent(
  channel: NotifyChannel,
  templates: ResolvedTemplates,
  data: Record<string, string>,
  recipient: Pick<Recipient, 'phone' | 'oaUserId'>,
  zns: ZnsTemplate | null,
): DeliveryContent {
  const smsText = render(templates.sms, data);
  const smsEquivalentSegments = countSmsSegments(smsText).segments;
  if (channel === 'oa')
    return { text: render(templates.oa, data), to: recipient.oaUserId!, smsEquivalentSegments };
  if (channel === 'sms') return { text: smsText, to: recipient.phone!, smsEquivalentSegments };
  const templateData: Record<string, string> = {};
  for (const [param, variable] of Object.entries(zns!.params)) templateData[param] = data[variable] ?? '';
  return { templateId: zns!.templateId, templateData, to: recipient.phone!, smsEquivalentSegments };
}

/** A delivery row, its timeline entry and the job that sends it, in the given transaction. */
export async function createDelivery(
  tx: Db,
  input: { tenantId: string; notificationId: string; channel: NotifyChannel; content: DeliveryContent },
): Promise<string> {
  const delivery = await tx
    .insertInto('notification_deliveries')
    .values({
      tenant_id: input.tenantId,
      notification_id: input.notificationId,
      channel: input.channel,
      content: JSON.stringify(input.content),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('notification_events')
    .values({
      tenant_id: input.tenantId,
      notification_id: input.notificationId,
      delivery_id: delivery.id,
      status: 'created',
      detail: JSON.stringify({ channel: input.channel }),
    })
    .execute();
  await enqueue(tx, {
    queue: DELIVER_QUEUE,
    tenantId: input.tenantId,
    payload: { deliveryId: delivery.id },
    ...DELIVER_JOB,
  });
  return delivery.id;
}

/** Enqueues a delivery again at a later time (a provider failure worth retrying). */
export async function enqueueRetry(db: Db, tenantId: string, deliveryId: string, runAt: Date): Promise<void> {
  await enqueue(db, { queue: DELIVER_QUEUE, tenantId, payload: { deliveryId }, runAt, ...DELIVER_JOB });
}
