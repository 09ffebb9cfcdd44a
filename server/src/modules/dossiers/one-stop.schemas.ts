import { Type } from '@sinclair/typebox';
import { DOSSIER_STATUSES } from '../../db/schema.js';

/** Request and response shapes of the one-stop integration (docs/one-stop-integration.md). */
const DateTime = Type.String({ format: 'date-time' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export const ONE_STOP_KINDS = [
  'received',
  'supplement_requested',
  'payment_requested',
  'processing',
  'result_ready',
  'returned',
  'refused',
  'withdrawn',
] as const;

export const OneStopHeaders = Type.Object({
  'x-integration-id': Type.Optional(Type.String({ description: 'The integration id shown in the console' })),
  'x-timestamp': Type.Optional(Type.String({ description: 'Unix time in seconds' })),
  'x-signature': Type.Optional(
    Type.String({ description: 'hex HMAC-SHA256(secret, `${X-Timestamp}.${raw body}`)' }),
  ),
});

export const OneStopDossierBody = Type.Object({
  externalId: Text(100),
  code: Text(60),
  procedureCode: Type.String({
    minLength: 1,
    maxLength: 40,
    description: 'National procedure code (mã TTHC)',
  }),
  agencyCode: Type.Optional(Type.String({ maxLength: 60 })),
  applicant: Type.Object({
    name: Text(200),
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
    idNumber: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
    address: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  }),
  submittedAt: DateTime,
  status: Type.Union(DOSSIER_STATUSES.map((s) => Type.Literal(s))),
  dueAt: Type.Optional(Type.Union([DateTime, Type.Null()])),
  data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

export const OneStopDossierResponse = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  created: Type.Boolean(),
  linked: Type.Boolean({ description: 'Linked to a citizen with this verified phone number' }),
});

export const OneStopEventBody = Type.Object({
  eventId: Text(100),
  externalId: Text(100),
  eventTime: DateTime,
  kind: Type.Union(ONE_STOP_KINDS.map((k) => Type.Literal(k))),
  note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  dueAt: Type.Optional(Type.Union([DateTime, Type.Null()])),
  items: Type.Optional(Type.Array(Text(500), { maxItems: 50 })),
  reason: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  amount: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
});

export const OneStopEventResponse = Type.Object({
  duplicate: Type.Boolean({ description: 'This eventId was received before; nothing changed' }),
  applied: Type.Boolean({ description: 'false while the dossier it belongs to has not been posted' }),
});

export const Integration = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  enabled: Type.Boolean(),
  createdAt: DateTime,
});

export const IntegrationWithSecret = Type.Composite([
  Integration,
  Type.Object({ secret: Type.String({ description: 'Shown once; store it in the one-stop system' }) }),
]);

export const IntegrationCreate = Type.Object({ name: Type.String({ minLength: 2, maxLength: 200 }) });
export const IntegrationPatch = Type.Object({ enabled: Type.Boolean() });
export const IntegrationParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
