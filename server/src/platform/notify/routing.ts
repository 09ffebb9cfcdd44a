import type { Db } from '../../db/connection.js';
import type { NotifyChannel } from '../../db/schema.js';
import type { MessageTypeDefinition } from './templates.js';

/**
 * Which channels a notice goes through, besides the inbox that always gets it: the type's order
 * (or the tenant's override), keeping only the channels that can reach this citizen —
 *   OA  when they follow the Official Account under a confirmed link,
 *   ZNS when they have a phone number and the tenant has an approved template for the type,
 *   SMS when they have a phone number and SMS is in the order at all —
 * and, for notices not owed by law, only those the citizen has not switched off. The first is tried
 * now; the others are the fallbacks after a permanent failure.
 */
export interface NotificationSettings {
  oaRatePerMinute: number;
  smsUnitCost: number;
  znsUnitCost: number;
  oaUnitCost: number;
  routing: Record<string, NotifyChannel[]>;
}

export const DEFAULT_SETTINGS: NotificationSettings = {
  oaRatePerMinute: 4000,
  smsUnitCost: 350,
  znsUnitCost: 300,
  oaUnitCost: 0,
  routing: {},
};

export async function loadSettings(db: Db, tenantId: string): Promise<NotificationSettings> {
  const row = await db
    .selectFrom('notification_settings')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!row) return { ...DEFAULT_SETTINGS, routing: {} };
  return {
    oaRatePerMinute: row.oa_rate_per_minute,
    smsUnitCost: row.sms_unit_cost,
    znsUnitCost: row.zns_unit_cost,
    oaUnitCost: row.oa_unit_cost,
    routing: row.routing,
  };
}

export interface Recipient {
  citizenId: string;
  phone: string | null;
  /** Set only for a confirmed follower who has not unfollowed. */
  oaUserId: string | null;
  lastInteractionAt: Date | null;
  /** `type:channel` pairs switched off, '*' standing for any. */
  optOuts: Set<string>;
}

export async function loadRecipient(db: Db, tenantId: string, citizenId: string): Promise<Recipient | null> {
  const citizen = await db
    .selectFrom('citizens')
    .leftJoin('oa_followers', (join) =>
      join
        .onRef('oa_followers.citizen_id', '=', 'citizens.id')
        .onRef('oa_followers.tenant_id', '=', 'citizens.tenant_id')
        .on('oa_followers.followed', '=', true),
    )
    .select(['citizens.id', 'citizens.phone', 'oa_followers.oa_user_id', 'oa_followers.last_interaction_at'])
    .where('citizens.tenant_id', '=', tenantId)
    .where('citizens.id', '=', citizenId)
    .executeTakeFirst();
  if (!citizen) return null;
  const optOuts = await db
    .selectFrom('notification_opt_outs')
    .select(['type', 'channel'])
    .where('tenant_id', '=', tenantId)
    .where('citizen_id', '=', citizenId)
    .execute();
  return {
    citizenId: citizen.id,
    phone: citizen.phone,
    oaUserId: citizen.oa_user_id,
    lastInteractionAt: citizen.last_interaction_at,
    optOuts: new Set(optOuts.map((o) => `${o.type}:${o.channel}`)),
  };
}

export function channelOrder(
  definition: MessageTypeDefinition,
  settings: NotificationSettings,
): NotifyChannel[] {
  return [...(settings.routing[definition.type] ?? definition.channels)];
}

export function optedOut(recipient: Recipient, type: string, channel: NotifyChannel): boolean {
  const o = recipient.optOuts;
  return o.has(`${type}:${channel}`) || o.has(`${type}:*`) || o.has(`*:${channel}`) || o.has('*:*');
}

export function planChannels(input: {
  definition: MessageTypeDefinition;
  settings: NotificationSettings;
  recipient: Recipient;
  legal: boolean;
  hasZnsTemplate: boolean;
}): NotifyChannel[] {
  const { definition, recipient } = input;
  return channelOrder(definition, input.settings).filter((channel) => {
    if (!input.legal && optedOut(recipient, definition.type, channel)) return false;
    if (channel === 'oa') return recipient.oaUserId !== null;
    if (channel === 'zns') return recipient.phone !== null && input.hasZnsTemplate;
    return recipient.phone !== null;
  });
}
