import { Type, type Static } from '@sinclair/typebox';

/**
 * Shapes of the intake routes: categories, the map and the point lookup, the nearby duplicates and
 * the province administrator's configuration (docs/reports-api.md, "Public" and "Configuration").
 */
const DateTime = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Lat = Type.Number({ minimum: -90, maximum: 90 });
const Lng = Type.Number({ minimum: -180, maximum: 180 });
const SlaUnit = Type.Union([Type.Literal('hours'), Type.Literal('days')]);
const Form = Type.Object(
  { fields: Type.Array(Type.Record(Type.String(), Type.Unknown())) },
  { description: 'Optional extra fields, a platform/forms definition' },
);

export const IdParams = Type.Object({ id: Uuid });
export const LatLngQuery = Type.Object({ lat: Lat, lng: Lng }, { additionalProperties: false });
export const NearbyQuery = Type.Object(
  { categoryId: Uuid, lat: Lat, lng: Lng },
  { additionalProperties: false },
);

export const Category = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  slaValue: Type.Integer(),
  slaUnit: SlaUnit,
  proofPhotoRequired: Type.Boolean(),
  duplicateRadiusM: Type.Integer(),
  form: Form,
});
export const CategoryList = Type.Array(Category);

export const MapConfig = Type.Object({
  tileUrl: Type.String({ description: 'Tile URL template with {z}/{x}/{y} (MAP_TILE_URL)' }),
  attribution: Type.String(),
  centre: Type.Object({ lat: Type.Number(), lng: Type.Number() }),
  zoom: Type.Integer(),
  bounds: Nullable(
    Type.Array(Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }), {
      minItems: 2,
      maxItems: 2,
      description: '[[south, west], [north, east]]',
    }),
  ),
});

export const ZaloLocationBody = Type.Object(
  {
    /** From zmp-sdk getAccessToken(): the citizen's Zalo session, as for sign-in. */
    accessToken: Type.String({ minLength: 1, maxLength: 4096 }),
    /** From zmp-sdk getLocation(): one use, short-lived. */
    token: Type.String({ minLength: 1, maxLength: 4096 }),
  },
  { additionalProperties: false },
);
export const ZaloLocation = Type.Object({ lat: Lat, lng: Lng });

export const Located = Type.Object({
  commune: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  address: Nullable(Type.String()),
});

export const NearbyItem = Type.Object({
  id: Uuid,
  code: Type.String(),
  state: Type.String(),
  stateLabel: Type.String(),
  description: Nullable(Type.String()),
  distanceM: Type.Integer(),
  submittedAt: DateTime,
  followers: Type.Integer(),
  photoUrl: Nullable(Type.String()),
});
export const NearbyList = Type.Array(NearbyItem);

// configuration --------------------------------------------------------------------------------
const Code = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{1,39}$',
  description: 'Also the Open311 service_code',
});
const CategoryFields = {
  code: Code,
  name: Type.String({ minLength: 2, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  slaValue: Type.Integer({ minimum: 1, maximum: 1000 }),
  slaUnit: SlaUnit,
  duplicateRadiusM: Type.Optional(Type.Integer({ minimum: 0, maximum: 5000 })),
  proofPhotoRequired: Type.Optional(Type.Boolean()),
  form: Type.Optional(Type.Unknown({ description: 'A platform/forms definition { "fields": [...] }' })),
  defaultAgencyId: Type.Optional(Nullable(Uuid)),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  enabled: Type.Optional(Type.Boolean()),
};
export const CategoryCreateBody = Type.Object(CategoryFields, { additionalProperties: false });
export type CategoryCreateBody = Static<typeof CategoryCreateBody>;
export const CategoryPatchBody = Type.Partial(Type.Object(CategoryFields), {
  additionalProperties: false,
  minProperties: 1,
});
export const AdminCategory = Type.Composite([
  Category,
  Type.Object({
    defaultAgencyId: Nullable(Uuid),
    sortOrder: Type.Integer(),
    enabled: Type.Boolean(),
    createdAt: DateTime,
    updatedAt: DateTime,
  }),
]);
export const AdminCategoryList = Type.Object({ items: Type.Array(AdminCategory) });
export const Deleted = Type.Object({
  deleted: Type.Boolean({ description: 'false: the category is used, so it was disabled instead' }),
});

export const RuleCreateBody = Type.Object(
  {
    categoryId: Type.Optional(Nullable(Uuid)),
    communeId: Type.Optional(Nullable(Uuid)),
    agencyId: Uuid,
    priority: Type.Optional(Type.Integer({ minimum: -1000, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export const Rule = Type.Object({
  id: Uuid,
  category: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  commune: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  agency: Type.Object({ id: Uuid, name: Type.String() }),
  priority: Type.Integer(),
  createdAt: DateTime,
});
export const RuleList = Type.Object({ items: Type.Array(Rule) });

export const Settings = Type.Object({
  triageAgencyId: Nullable(Uuid),
  autoCloseDays: Type.Integer({ minimum: 1, maximum: 90 }),
  reopenDays: Type.Integer({ minimum: 1, maximum: 90 }),
  workflow: Nullable(
    Type.Record(Type.String(), Type.Unknown(), { description: 'null: the built-in default' }),
  ),
  workflowInForce: Type.Record(Type.String(), Type.Unknown(), {
    description: 'The definition the engine runs: the stored one or the built-in default',
  }),
});
export const SettingsBody = Type.Object(
  {
    triageAgencyId: Nullable(Uuid),
    autoCloseDays: Type.Integer({ minimum: 1, maximum: 90 }),
    reopenDays: Type.Integer({ minimum: 1, maximum: 90 }),
    workflow: Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown()))),
  },
  { additionalProperties: false },
);
export type SettingsBody = Static<typeof SettingsBody>;

export const GeoItem = Type.Object({
  adminUnit: Type.Object({ id: Uuid, code: Type.String(), name: Type.String() }),
  centre: Nullable(Type.Object({ lat: Type.Number(), lng: Type.Number() })),
  hasBoundary: Type.Boolean(),
  boundary: Nullable(Type.Record(Type.String(), Type.Unknown())),
});
export const GeoList = Type.Object({ items: Type.Array(GeoItem) });
export const GeoParams = Type.Object({ adminUnitId: Uuid });
export const GeoBody = Type.Object(
  {
    centre: Type.Object({ lat: Lat, lng: Lng }, { additionalProperties: false }),
    boundary: Type.Optional(Nullable(Type.Unknown({ description: 'GeoJSON Polygon or MultiPolygon' }))),
  },
  { additionalProperties: false },
);
export const GeoQuery = Type.Object(
  { boundaries: Type.Optional(Type.Boolean({ default: false, description: 'Include the GeoJSON' })) },
  { additionalProperties: false },
);
