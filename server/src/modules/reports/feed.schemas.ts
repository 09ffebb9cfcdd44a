import { Type, type Static } from '@sinclair/typebox';

/**
 * Shapes of the public feed (docs/reports-api.md, "Public"). The response schemas are whitelists:
 * the serializer drops any property not named here, so even a repository that selected too much
 * could not send a phone number, an e-mail, a citizen id, a handler or an internal note.
 */
const DateTime = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const FeedQuery = Type.Object(
  {
    state: Type.Optional(Type.String({ minLength: 2, maxLength: 40, description: 'A public state' })),
    categoryId: Type.Optional(Uuid),
    communeId: Type.Optional(Uuid),
    agencyId: Type.Optional(Uuid),
    bbox: Type.Optional(
      Type.String({
        pattern: '^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$',
        description: 'south,west,north,east in WGS84 degrees (the map view)',
      }),
    ),
    page: Type.Integer({ minimum: 1, maximum: 100, default: 1, description: 'Deeper: narrow the filters' }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);
export type FeedQuery = Static<typeof FeedQuery>;

const PhotoLink = Type.Object({
  url: Type.String({ description: 'Path of the public photo (/api/reports/photos/{fileId})' }),
});

export const FeedItem = Type.Object({
  id: Uuid,
  code: Type.String(),
  category: Type.Object({ code: Type.String(), name: Type.String() }),
  state: Type.String(),
  stateLabel: Type.String(),
  description: Type.Union([Type.String(), Type.Null()], { description: 'null when moderated' }),
  address: NullableString,
  commune: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
  agency: Type.Object({ id: Uuid, name: Type.String() }),
  lat: Type.Number(),
  lng: Type.Number(),
  submittedAt: DateTime,
  resolvedAt: Type.Union([DateTime, Type.Null()]),
  reporterName: Type.Union([Type.String(), Type.Null()], {
    description: 'Only when the reporter agreed to show it',
  }),
  answer: Type.Union([Type.String(), Type.Null()], {
    description: "The agency's answer; null when none or moderated",
  }),
  photos: Type.Array(PhotoLink),
  resolutionPhotos: Type.Array(PhotoLink),
});
export type FeedItem = Static<typeof FeedItem>;

export const FeedPage = Type.Object({
  items: Type.Array(FeedItem),
  total: Type.Integer({ description: 'Exact up to 1,000, then 1,000' }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const FeedTimelineEntry = Type.Object({
  at: DateTime,
  action: Type.String(),
  label: Type.String(),
  toState: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()], {
    description: "Only the agency's public answer; other notes stay between reporter and agency",
  }),
});
export type FeedTimelineEntry = Static<typeof FeedTimelineEntry>;

export const FeedDetail = Type.Intersect([
  FeedItem,
  Type.Object({ timeline: Type.Array(FeedTimelineEntry) }),
]);

export const FeedParams = Type.Object({ id: Uuid });
export const PhotoParams = Type.Object({ fileId: Uuid });

export const AgencyScore = Type.Object({
  agency: Type.Object({ id: Uuid, name: Type.String() }),
  total: Type.Integer({ description: 'Reports the agency holds, rejected ones excepted' }),
  resolved: Type.Integer({ description: 'Resolved or closed' }),
  onTimeRate: Type.Union([Type.Number(), Type.Null()], {
    description: 'Share (0–1) of the resolved ones resolved by their deadline; null when none resolved',
  }),
  avgResolutionHours: Type.Union([Type.Number(), Type.Null()], {
    description: 'Mean calendar hours from submission to resolution, one decimal',
  }),
  avgRating: Type.Union([Type.Number(), Type.Null()], { description: 'Mean rating 1–5, two decimals' }),
  ratings: Type.Integer(),
});
export type AgencyScore = Static<typeof AgencyScore>;
