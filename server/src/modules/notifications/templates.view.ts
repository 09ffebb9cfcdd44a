import { Type } from '@sinclair/typebox';
import type { Db } from '../../db/connection.js';
import { AppError } from '../../platform/errors/app-error.js';
import { channelOrder, loadSettings } from '../../platform/notify/routing.js';
import {
  loadTemplates,
  messageType,
  unknownVariables,
  type MessageTypeDefinition,
} from '../../platform/notify/templates.js';

/** How the console sees one message type: its variables, channel order and templates in force. */
export const TypeTemplates = Type.Object({
  type: Type.String(),
  label: Type.String(),
  legal: Type.Boolean(),
  variables: Type.Array(Type.String()),
  channels: Type.Array(Type.String(), { description: 'Channels tried after the inbox, cheapest first' }),
  inbox: Type.Object({ title: Type.String(), body: Type.String(), overridden: Type.Boolean() }),
  oa: Type.Object({ body: Type.String(), overridden: Type.Boolean() }),
  sms: Type.Object({ body: Type.String(), overridden: Type.Boolean() }),
  zns: Type.Union([
    Type.Object({
      templateId: Type.String(),
      params: Type.Record(Type.String(), Type.String()),
      approved: Type.Boolean(),
    }),
    Type.Null(),
  ]),
});

export function definitionOf(type: string): MessageTypeDefinition {
  const definition = messageType(type);
  if (!definition) throw new AppError('NOT_FOUND');
  return definition;
}

export /** Refuses a template naming a variable the type does not provide (the citizen would see "{{x}}"). */
function validate(definition: MessageTypeDefinition, texts: (string | undefined)[]): void {
  const unknown = [...new Set(texts.flatMap((t) => (t ? unknownVariables(definition, t) : [])))];
  if (unknown.length > 0) {
    throw new AppError('TEMPLATE_INVALID', { variables: unknown, allowed: [...definition.variables] });
  }
}

export async function describeType(db: Db, tenantId: string, definition: MessageTypeDefinition) {
  const [templates, settings, overrides, zns] = await Promise.all([
    loadTemplates(db, tenantId, definition.type),
    loadSettings(db, tenantId),
    db
      .selectFrom('notification_templates')
      .select('channel')
      .where('tenant_id', '=', tenantId)
      .where('type', '=', definition.type)
      .execute(),
    db
      .selectFrom('zns_templates')
      .select(['template_id', 'params', 'approved'])
      .where('tenant_id', '=', tenantId)
      .where('type', '=', definition.type)
      .executeTakeFirst(),
  ]);
  const overridden = new Set(overrides.map((o) => o.channel));
  return {
    type: definition.type,
    label: definition.label.vi,
    legal: definition.legal,
    variables: [...definition.variables],
    channels: channelOrder(definition, settings),
    inbox: { ...templates.inbox, overridden: overridden.has('inbox') },
    oa: { body: templates.oa, overridden: overridden.has('oa') },
    sms: { body: templates.sms, overridden: overridden.has('sms') },
    zns: zns ? { templateId: zns.template_id, params: zns.params, approved: zns.approved } : null,
  };
}
