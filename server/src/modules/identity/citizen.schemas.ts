import { Type, type Static } from '@sinclair/typebox';

/**
 * Request and response shapes of the citizen identity routes. Responses list every field they may
 * carry: the serializer drops anything else, so a new column never leaks by accident.
 */
const DateTime = Type.String({ format: 'date-time' });
const Phone = Type.String({ minLength: 9, maxLength: 20, description: 'Vietnamese mobile number' });

export const AuthMethodsReply = Type.Object({
  zalo: Type.Boolean({ description: 'Sign-in with Zalo works (the Zalo app id and secret are configured)' }),
  phoneOtp: Type.Boolean({ description: 'Sign-in with a code sent by SMS' }),
  devZalo: Type.Boolean({ description: 'Development only: a simulated Zalo identity is accepted' }),
});

export const ZaloLoginBody = Type.Object(
  {
    accessToken: Type.String({ minLength: 1, maxLength: 4096 }),
    phoneToken: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 4096,
        description: 'From getPhoneNumber(), sent only after the citizen agreed to share the number',
      }),
    ),
  },
  { additionalProperties: false },
);

export const DevZaloLoginBody = Type.Object(
  {
    zaloId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
);

export const OtpRequestBody = Type.Object({ phone: Phone }, { additionalProperties: false });

export const OtpRequestReply = Type.Object({
  expiresAt: DateTime,
  resendAfterSeconds: Type.Integer(),
  /** The number the code went to, masked: the form shows where to look without echoing it whole. */
  sentTo: Type.String(),
});

export const OtpVerifyBody = Type.Object(
  { phone: Phone, code: Type.String({ pattern: '^\\d{6}$' }) },
  { additionalProperties: false },
);

export const CitizenSummary = Type.Object({
  id: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
  hasPhone: Type.Boolean(),
});

export const SessionReply = Type.Object({
  token: Type.String(),
  expiresAt: DateTime,
  citizen: CitizenSummary,
});
export type SessionReplyT = Static<typeof SessionReply>;

export const ConsentView = Type.Object({
  id: Type.String(),
  purposeCode: Type.String(),
  purpose: Type.String(),
  grantedAt: DateTime,
  withdrawnAt: Type.Union([DateTime, Type.Null()]),
});
export type ConsentViewT = Static<typeof ConsentView>;

export const MeReply = Type.Object({
  id: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  phoneVerifiedAt: Type.Union([DateTime, Type.Null()]),
  hasZalo: Type.Boolean(),
  createdAt: DateTime,
  consents: Type.Array(ConsentView),
});
export type MeReplyT = Static<typeof MeReply>;

export const ExportReply = Type.Object({
  exportedAt: DateTime,
  tenant: Type.Object({ id: Type.String(), name: Type.String() }),
  citizen: Type.Object({
    id: Type.String(),
    zaloId: Type.Union([Type.String(), Type.Null()]),
    name: Type.Union([Type.String(), Type.Null()]),
    avatarUrl: Type.Union([Type.String(), Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()]),
    phoneVerifiedAt: Type.Union([DateTime, Type.Null()]),
    createdAt: DateTime,
    updatedAt: DateTime,
    lastSeenAt: DateTime,
  }),
  consents: Type.Array(ConsentView),
  sessions: Type.Array(
    Type.Object({ createdAt: DateTime, expiresAt: DateTime, lastSeenAt: DateTime, current: Type.Boolean() }),
  ),
  oneTimeCodes: Type.Array(
    Type.Object({
      createdAt: DateTime,
      expiresAt: DateTime,
      attempts: Type.Integer(),
      consumedAt: Type.Union([DateTime, Type.Null()]),
    }),
  ),
  activity: Type.Array(
    Type.Object({
      at: DateTime,
      action: Type.String(),
      entityType: Type.String(),
      entityId: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  inbox: Type.Array(
    Type.Object({
      id: Type.String(),
      type: Type.String(),
      title: Type.String(),
      body: Type.String(),
      link: Type.Union([
        Type.Object({ page: Type.String(), params: Type.Record(Type.String(), Type.String()) }),
        Type.Null(),
      ]),
      legal: Type.Boolean(),
      createdAt: DateTime,
      readAt: Type.Union([DateTime, Type.Null()]),
    }),
  ),
  records: Type.Record(Type.String(), Type.Unknown(), {
    description:
      'What other parts of the service hold about me, by source (dossiers: my dossiers and drafts)',
  }),
  retainedOnDeletion: Type.Array(Type.Object({ source: Type.String(), note: Type.String() }), {
    description: 'What deleting my account keeps, and the law that makes it kept',
  }),
});
export type ExportReplyT = Static<typeof ExportReply>;

export const ConsentBody = Type.Object(
  {
    purposeCode: Type.String({ pattern: '^[a-z][a-z0-9_.-]{1,49}$' }),
    purpose: Type.String({ minLength: 3, maxLength: 500 }),
  },
  { additionalProperties: false },
);

export const ConsentParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
