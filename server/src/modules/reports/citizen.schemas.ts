import { Type, type Static } from '@sinclair/typebox';
import { MAX_REPORT_PHOTOS, REJECT_REASONS } from './types.js';

/**
 * Shapes of the citizen's report routes (docs/reports-api.md, "Citizen"). Response schemas are
 * whitelists: a follower's view is built without private fields, and the serializer would drop any
 * that slipped in anyway.
 */
const DateTime = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const IdParams = Type.Object({ id: Uuid });
export const PhotoParams = Type.Object({ id: Uuid, fileId: Uuid });

export const SubmitHeaders = Type.Object({
  'idempotency-key': Type.String({
    minLength: 8,
    maxLength: 100,
    description: 'A new value (a uuid) per report; resend it when retrying, e.g. from the offline queue',
  }),
});

export const SubmitBody = Type.Object(
  {
    categoryId: Uuid,
    description: Type.String({ minLength: 1, maxLength: 4000 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    locationSource: Type.Union([
      Type.Literal('device'),
      Type.Literal('photo'),
      Type.Literal('map'),
      Type.Literal('address'),
    ]),
    address: Type.Optional(Type.String({ maxLength: 300 })),
    photoFileIds: Type.Array(Uuid, { maxItems: MAX_REPORT_PHOTOS }),
    showName: Type.Boolean({ description: 'Whether the reporter’s name may appear in the public feed' }),
    data: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), { description: 'The category’s extra fields' }),
    ),
  },
  { additionalProperties: false },
);
export type SubmitBody = Static<typeof SubmitBody>;

export const Submitted = Type.Object({
  id: Uuid,
  code: Type.String(),
  state: Type.String(),
  stateLabel: Type.String(),
  agency: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  inTriage: Type.Boolean(),
  dueAt: Nullable(DateTime),
});

export const MyListQuery = Type.Object(
  {
    page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);
export const MyListItem = Type.Object({
  id: Uuid,
  code: Type.String(),
  category: Type.Object({ name: Type.String() }),
  state: Type.String(),
  stateLabel: Type.String(),
  description: Nullable(Type.String()),
  submittedAt: DateTime,
  updatedAt: DateTime,
  answer: Nullable(Type.String()),
  following: Type.Boolean(),
  mine: Type.Boolean(),
  photoUrl: Nullable(Type.String()),
});
export const MyListPage = Type.Object({
  items: Type.Array(MyListItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

const Photo = Type.Object({ url: Type.String() });
const TimelineEntry = Type.Object({
  at: DateTime,
  action: Type.String(),
  label: Type.String(),
  toState: Nullable(Type.String()),
  note: Nullable(Type.String()),
});

export const MyReportDetail = Type.Object({
  id: Uuid,
  code: Type.String(),
  mine: Type.Boolean(),
  following: Type.Boolean(),
  category: Type.Object({ id: Uuid, code: Type.String(), name: Type.String() }),
  state: Type.String(),
  stateLabel: Type.String(),
  description: Nullable(Type.String()),
  address: Nullable(Type.String()),
  commune: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  agency: Type.Object({ id: Uuid, name: Type.String() }),
  inTriage: Type.Boolean(),
  reporterName: Nullable(
    Type.String({ description: 'Mine: always; followed: only when the reporter chose to show it' }),
  ),
  lat: Type.Number(),
  lng: Type.Number(),
  submittedAt: DateTime,
  updatedAt: DateTime,
  dueAt: Nullable(DateTime),
  resolvedAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
  answer: Nullable(Type.String()),
  rejectReason: Nullable(Type.Union(REJECT_REASONS.map((r) => Type.Literal(r)))),
  rejectReasonLabel: Nullable(Type.String()),
  duplicateOf: Nullable(Type.Object({ id: Uuid, code: Type.String() })),
  photos: Type.Array(Photo),
  resolutionPhotos: Type.Array(Photo),
  timeline: Type.Array(TimelineEntry),
  // the reporter's own: null in a follower's view
  showName: Nullable(Type.Boolean()),
  data: Nullable(Type.Record(Type.String(), Type.Unknown())),
  locationSource: Nullable(Type.String()),
  rating: Nullable(
    Type.Object({
      value: Type.Integer(),
      fixed: Nullable(Type.Boolean()),
      comment: Nullable(Type.String()),
      ratedAt: Nullable(DateTime),
    }),
  ),
  canRate: Type.Boolean(),
  canReopen: Type.Boolean(),
  reopenUntil: Nullable(DateTime),
});
export type MyReportDetail = Static<typeof MyReportDetail>;

export const Following = Type.Object({ following: Type.Boolean() });

export const RateBody = Type.Object(
  {
    rating: Type.Integer({ minimum: 1, maximum: 5 }),
    fixed: Type.Boolean({ description: 'Was it really fixed? false reopens within the window' }),
    comment: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export const ReopenBody = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
