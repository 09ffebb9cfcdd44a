import { Type } from '@sinclair/typebox';
import { ExportFormatParam } from '../../platform/http/export.js';

/** Request and response shapes of the console's notification pages. */
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Channel = Type.Union([Type.Literal('oa'), Type.Literal('zns'), Type.Literal('sms')]);
const Status = Type.Union([
  Type.Literal('created'),
  Type.Literal('sending'),
  Type.Literal('sent'),
  Type.Literal('delivered'),
  Type.Literal('failed'),
  Type.Literal('inbox_only'),
]);

export const LogQuery = Type.Object({
  page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  status: Type.Optional(Status),
  channel: Type.Optional(Channel),
  type: Type.Optional(Type.String({ maxLength: 50 })),
  q: Type.Optional(
    Type.String({ maxLength: 100, description: 'Phone number, part of a name, or a notification id' }),
  ),
  from: Type.Optional(DateTime),
  to: Type.Optional(DateTime),
});

export const LogPage = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      type: Type.String(),
      status: Type.String(),
      channel: Nullable(Type.String()),
      legal: Type.Boolean(),
      citizenId: Nullable(Type.String()),
      citizenName: Nullable(Type.String()),
      phone: Nullable(Type.String({ description: 'Masked' })),
      broadcastId: Nullable(Type.String()),
      title: Nullable(Type.String()),
      createdAt: DateTime,
      updatedAt: DateTime,
    }),
  ),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const Timeline = Type.Object({
  id: Type.String(),
  type: Type.String(),
  status: Type.String(),
  channel: Nullable(Type.String()),
  legal: Type.Boolean(),
  citizenId: Nullable(Type.String()),
  remainingPlan: Type.Array(Type.String()),
  createdAt: DateTime,
  deliveries: Type.Array(
    Type.Object({
      id: Type.String({ description: 'Also the ZNS tracking_id / SMS reference' }),
      channel: Type.String(),
      status: Type.String(),
      attempts: Type.Integer(),
      errorCode: Nullable(Type.String()),
      segments: Nullable(Type.Integer()),
      cost: Nullable(Type.Integer()),
      createdAt: DateTime,
      sentAt: Nullable(DateTime),
      deliveredAt: Nullable(DateTime),
    }),
  ),
  events: Type.Array(
    Type.Object({
      at: DateTime,
      status: Type.String(),
      deliveryId: Nullable(Type.String()),
      detail: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
});

export const CostQuery = Type.Object({
  from: DateTime,
  to: DateTime,
  format: ExportFormatParam,
});

const Line = {
  messages: Type.Integer(),
  delivered: Type.Integer(),
  segments: Type.Integer(),
  cost: Type.Integer({ description: 'VND' }),
  allSmsCost: Type.Integer({ description: 'VND, had every message gone by SMS' }),
};

export const CostReport = Type.Object({
  from: DateTime,
  to: DateTime,
  currency: Type.Literal('VND'),
  totals: Type.Object({
    ...Line,
    deliveryRate: Type.Number({ description: 'Confirmed deliveries / messages sent' }),
    saving: Type.Integer({ description: 'allSmsCost − cost' }),
  }),
  byChannel: Type.Array(Type.Object({ channel: Type.String(), ...Line })),
  byType: Type.Array(Type.Object({ type: Type.String(), ...Line })),
});

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
