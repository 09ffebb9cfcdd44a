import { Type, type Static } from '@sinclair/typebox';
import { ExportFormatParam, SortParam } from '../../platform/http/export.js';
import { REJECT_REASONS } from './types.js';

/** The console's report API shapes (docs/reports-api.md "Console"); responses whitelist fields. */
const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const Named = Type.Object({ id: Type.String(), name: Type.String() });

export const IdParams = Type.Object({ id: Uuid });
export const PhotoParams = Type.Object({ id: Uuid, fileId: Uuid });
export const ActionParams = Type.Object({ id: Uuid, action: Type.String({ pattern: '^[a-z_]{2,40}$' }) });

export const SORT_FIELDS = ['submittedAt', 'dueAt', 'code'] as const;

const filters = {
  state: Type.Optional(Type.String({ maxLength: 40 })),
  categoryId: Type.Optional(Uuid),
  communeId: Type.Optional(Uuid),
  agencyId: Type.Optional(Uuid),
  handlerId: Type.Optional(Uuid),
  late: Type.Optional(Type.Boolean()),
  escalated: Type.Optional(Type.Boolean()),
  triage: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  from: Type.Optional(DateTime),
  to: Type.Optional(DateTime),
};
export const MapQuery = Type.Object(filters);
export type ReportFilters = Static<typeof MapQuery>;

export const ListQuery = Type.Object({
  ...filters,
  sort: SortParam(SORT_FIELDS, '-submittedAt'),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  format: ExportFormatParam,
});
export type ListQuery = Static<typeof ListQuery>;

export const ListItem = Type.Object({
  id: Type.String(),
  code: Type.String(),
  category: Named,
  state: Type.String(),
  stateLabel: Type.String(),
  agency: Named,
  commune: Type.Union([Named, Type.Null()]),
  handler: Type.Union([Type.Object({ id: Type.String(), fullName: Type.String() }), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  lat: Type.Number(),
  lng: Type.Number(),
  submittedAt: DateTime,
  dueAt: Type.Union([DateTime, Type.Null()]),
  stateDueAt: Type.Union([DateTime, Type.Null()]),
  late: Type.Boolean(),
  escalationLevel: Type.Integer(),
  inTriage: Type.Boolean(),
  photoCount: Type.Integer(),
  rating: Type.Union([Type.Integer(), Type.Null()]),
});
export type ListItem = Static<typeof ListItem>;

export const ListPage = Type.Object({
  items: Type.Array(ListItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const MapItems = Type.Array(
  Type.Object({
    id: Type.String(),
    code: Type.String(),
    lat: Type.Number(),
    lng: Type.Number(),
    state: Type.String(),
    late: Type.Boolean(),
  }),
);

export const Supervision = Type.Object({
  counts: Type.Array(
    Type.Object({ agency: Named, open: Type.Integer(), late: Type.Integer(), escalated: Type.Integer() }),
  ),
  items: Type.Array(ListItem),
});

const Photo = Type.Object({ fileId: Type.String(), url: Type.String(), hidden: Type.Boolean() });

export const Detail = Type.Object({
  ...ListItem.properties,
  description: Type.String(),
  descriptionHidden: Type.Boolean(),
  answer: Type.Union([Type.String(), Type.Null()]),
  answerHidden: Type.Boolean(),
  publicHidden: Type.Boolean(),
  source: Type.String(),
  locationSource: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
  reporter: Type.Object({
    name: Type.Union([Type.String(), Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()]),
    email: Type.Union([Type.String(), Type.Null()]),
    showName: Type.Boolean(),
    citizenId: Type.Union([Type.String(), Type.Null()]),
  }),
  followers: Type.Integer(),
  duplicateOf: Type.Union([Type.Object({ id: Type.String(), code: Type.String() }), Type.Null()]),
  rejectReason: Type.Union([Type.String(), Type.Null()]),
  resolvedAt: Type.Union([DateTime, Type.Null()]),
  resolvedLate: Type.Union([Type.Boolean(), Type.Null()]),
  closedAt: Type.Union([DateTime, Type.Null()]),
  reopenCount: Type.Integer(),
  ratingFixed: Type.Union([Type.Boolean(), Type.Null()]),
  ratingComment: Type.Union([Type.String(), Type.Null()]),
  photos: Type.Array(Photo),
  resolutionPhotos: Type.Array(Photo),
  timeline: Type.Array(
    Type.Object({
      id: Type.Integer(),
      at: DateTime,
      action: Type.String(),
      label: Type.String(),
      fromState: Type.Union([Type.String(), Type.Null()]),
      toState: Type.Union([Type.String(), Type.Null()]),
      actor: Type.Object({
        type: Type.String(),
        id: Type.Union([Type.String(), Type.Null()]),
        name: Type.String(),
      }),
      agency: Type.Union([Named, Type.Null()]),
      note: Type.Union([Type.String(), Type.Null()]),
      data: Type.Record(Type.String(), Type.Unknown()),
      public: Type.Boolean(),
    }),
  ),
  actions: Type.Array(Type.String()),
});
export type Detail = Static<typeof Detail>;

const actionInput = {
  note: Type.Optional(Type.String({ maxLength: 4000 })),
  answer: Type.Optional(Type.String({ maxLength: 4000 })),
  reason: Type.Optional(Type.Union(REJECT_REASONS.map((r) => Type.Literal(r)))),
  duplicateOf: Type.Optional(Uuid),
  agencyId: Type.Optional(Uuid),
  handlerId: Type.Optional(Uuid),
  photoFileIds: Type.Optional(Type.Array(Uuid, { maxItems: 4 })),
};
export const ActionBody = Type.Object(actionInput, { additionalProperties: false });

export const BulkBody = Type.Object(
  {
    ids: Type.Array(Uuid, { minItems: 1, maxItems: 100 }),
    action: Type.String({ pattern: '^[a-z_]{2,40}$' }),
    ...actionInput,
  },
  { additionalProperties: false },
);
export const BulkResult = Type.Object({
  done: Type.Array(Type.String()),
  failed: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), message: Type.String() })),
});

export const ModerationBody = Type.Object(
  {
    publicHidden: Type.Optional(Type.Boolean()),
    descriptionHidden: Type.Optional(Type.Boolean()),
    answerHidden: Type.Optional(Type.Boolean()),
    photos: Type.Optional(Type.Array(Type.Object({ fileId: Uuid, hidden: Type.Boolean() }), { maxItems: 8 })),
  },
  { additionalProperties: false },
);
export type ModerationBody = Static<typeof ModerationBody>;

export const HandlersQuery = Type.Object({ agencyId: Type.Optional(Uuid) });
export const Handlers = Type.Array(
  Type.Object({ id: Type.String(), fullName: Type.String(), role: Type.String() }),
);
