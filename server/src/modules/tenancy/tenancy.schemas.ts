import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ROLES } from '../../db/schema.js';
import { ExportFormatParam, SortParam, type SortKey } from '../../platform/http/export.js';
import { UTILITY_KEYS } from './utilities.js';

/*
 * Request and response shapes of the tenancy module. Responses list their fields explicitly, so
 * nothing else (officer hashes, TOTP secrets, host names on the public route) can leak out.
 */
export const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const PageQuery = {
  page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
};
const SearchText = Type.String({ maxLength: 100, description: 'Accent-insensitive search text' });

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });

export const IdParams = Type.Object({ id: Uuid });
export type IdParams = Static<typeof IdParams>;

// tenant ------------------------------------------------------------------------------------------

export const UtilityKeySchema = Type.Union(UTILITY_KEYS.map((k) => Type.Literal(k)));
export const Hotline = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 80 }),
    phone: Type.String({ pattern: '^[0-9+][0-9 .()-]{1,19}$' }),
  },
  { additionalProperties: false },
);
export const Branding = Type.Object(
  {
    primaryColor: Type.Optional(Type.String({ pattern: '^#[0-9a-fA-F]{6}$' })),
    logoUrl: Type.Optional(Type.String({ pattern: '^(https?://|/)', maxLength: 500 })),
    appName: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  },
  { additionalProperties: false },
);
const ZaloId = Type.String({ pattern: '^[0-9A-Za-z_-]{1,64}$' });

export const PublicTenant = Type.Object({
  id: Type.String(),
  code: Type.String({ description: 'Official province code (Decision 19/2025/QĐ-TTg)' }),
  name: Type.String(),
  shortName: Type.String(),
  utilities: Type.Array(Type.String(), { description: 'Enabled utility keys, in display order' }),
  branding: Branding,
  hotlines: Type.Array(Hotline),
  zalo: Type.Object({ appId: Nullable(Type.String()), oaId: Nullable(Type.String()) }),
});
export type PublicTenant = Static<typeof PublicTenant>;

export const AdminTenant = Type.Composite([
  PublicTenant,
  Type.Object({
    hostNames: Type.Array(Type.String()),
    availableUtilities: Type.Array(Type.Object({ key: Type.String(), label: Type.String() })),
  }),
]);
export type AdminTenant = Static<typeof AdminTenant>;

export const TenantPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    shortName: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    utilities: Type.Optional(Type.Array(UtilityKeySchema, { uniqueItems: true })),
    branding: Type.Optional(Branding),
    hotlines: Type.Optional(Type.Array(Hotline, { maxItems: 20 })),
    zalo: Type.Optional(
      Type.Object(
        { appId: Type.Optional(Nullable(ZaloId)), oaId: Type.Optional(Nullable(ZaloId)) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type TenantPatch = Static<typeof TenantPatch>;

// administrative units ----------------------------------------------------------------------------

export const AdminUnit = Type.Object({
  id: Type.String(),
  code: Type.String({ description: 'Official code (Decision 19/2025/QĐ-TTg)' }),
  name: Type.String(),
  level: Type.Union([Type.Literal('province'), Type.Literal('commune')]),
  kind: Type.String({ description: "'tinh', 'thanh-pho', 'phuong', 'xa' or 'dac-khu'" }),
  parentId: Nullable(Type.String()),
});
export const AdminUnitQuery = Type.Object({
  level: Type.Optional(Type.Union([Type.Literal('province'), Type.Literal('commune')])),
  q: Type.Optional(SearchText),
  ...PageQuery,
});
export type AdminUnitQuery = Static<typeof AdminUnitQuery>;

// agencies ----------------------------------------------------------------------------------------

export const AGENCY_KINDS = [
  'province_committee',
  'department',
  'police',
  'service_center',
  'commune_committee',
  'unit',
] as const;
export const AgencyKind = Type.Union(AGENCY_KINDS.map((k) => Type.Literal(k)));

export const AgencyRef = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() });
export const Agency = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  parentId: Nullable(Type.String()),
  adminUnitId: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  address: Nullable(Type.String()),
});
export type Agency = Static<typeof Agency>;
export const AgencyDetail = Type.Composite([
  Agency,
  Type.Object({
    parent: Nullable(AgencyRef),
    children: Type.Array(AgencyRef),
    communes: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }), {
      description: 'Communes and wards this agency serves; empty for province-wide agencies',
    }),
  }),
]);
export type AgencyDetail = Static<typeof AgencyDetail>;

export const AgencyQuery = Type.Object({
  q: Type.Optional(SearchText),
  parentId: Type.Optional(Uuid),
  ...PageQuery,
});
export type AgencyQuery = Static<typeof AgencyQuery>;

export const AGENCY_SORT_FIELDS = ['code', 'name'] as const;
export type AgencySort = SortKey<(typeof AGENCY_SORT_FIELDS)[number]>;
export const AdminAgencyQuery = Type.Object({
  q: Type.Optional(SearchText),
  parentId: Type.Optional(Uuid),
  sort: SortParam(AGENCY_SORT_FIELDS),
  format: ExportFormatParam,
  ...PageQuery,
});
export type AdminAgencyQuery = Static<typeof AdminAgencyQuery>;

const agencyFields = {
  code: Type.String({ pattern: '^[A-Za-z0-9._-]{1,40}$' }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: AgencyKind,
  parentId: Type.Optional(Nullable(Uuid)),
  adminUnitId: Type.Optional(Nullable(Uuid)),
  phone: Type.Optional(Nullable(Type.String({ pattern: '^[0-9+][0-9 .()-]{1,19}$' }))),
  address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  communeIds: Type.Optional(Type.Array(Uuid, { uniqueItems: true, maxItems: 500 })),
};
export const AgencyCreate = Type.Object(agencyFields, { additionalProperties: false });
export type AgencyCreate = Static<typeof AgencyCreate>;
export const AgencyPatch = Type.Partial(Type.Object(agencyFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type AgencyPatch = Static<typeof AgencyPatch>;

// officers ----------------------------------------------------------------------------------------

export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));
export const RoleGrant = Type.Object({ agencyId: Uuid, role: RoleSchema }, { additionalProperties: false });
export type RoleGrant = Static<typeof RoleGrant>;

export const OfficerView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  fullName: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  disabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  roles: Type.Array(Type.Object({ agencyId: Type.String(), agencyName: Type.String(), role: Type.String() })),
  createdAt: Type.String({ format: 'date-time' }),
});
export type OfficerView = Static<typeof OfficerView>;

export const OFFICER_SORT_FIELDS = ['username', 'fullName', 'createdAt'] as const;
export type OfficerSort = SortKey<(typeof OFFICER_SORT_FIELDS)[number]>;
export const OfficerQuery = Type.Object({
  agencyId: Type.Optional(Uuid),
  role: Type.Optional(RoleSchema),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the name or username' })),
  sort: SortParam(OFFICER_SORT_FIELDS, 'fullName'),
  format: ExportFormatParam,
  ...PageQuery,
});
export type OfficerQuery = Static<typeof OfficerQuery>;

const officerFields = {
  fullName: Type.String({ minLength: 1, maxLength: 120 }),
  email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
  phone: Type.Optional(Nullable(Type.String({ pattern: '^[0-9+][0-9 .()-]{1,19}$' }))),
  roles: Type.Array(RoleGrant, { maxItems: 30 }),
};
export const OfficerCreate = Type.Object(
  {
    username: Type.String({ pattern: '^[A-Za-z0-9._-]{3,40}$' }),
    ...officerFields,
    temporaryPassword: Type.Optional(
      Type.String({ minLength: 10, maxLength: 200, description: 'Generated when omitted' }),
    ),
  },
  { additionalProperties: false },
);
export type OfficerCreate = Static<typeof OfficerCreate>;

export const OfficerPatch = Type.Object(
  {
    fullName: Type.Optional(officerFields.fullName),
    email: officerFields.email,
    phone: officerFields.phone,
    roles: Type.Optional(officerFields.roles),
    disabled: Type.Optional(Type.Boolean()),
    resetPassword: Type.Optional(
      Type.Literal(true, { description: 'Issue a new temporary password and end all sessions' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type OfficerPatch = Static<typeof OfficerPatch>;

export const OfficerWriteResponse = Type.Object({
  officer: OfficerView,
  temporaryPassword: Type.Optional(
    Type.String({ description: 'Shown once; the officer must change it at first sign-in' }),
  ),
});

// holidays ----------------------------------------------------------------------------------------

export const Holiday = Type.Object({
  id: Type.String(),
  day: Type.String({ format: 'date' }),
  name: Type.String(),
  kind: Type.Union([Type.Literal('off'), Type.Literal('working')]),
  national: Type.Boolean({ description: 'A national day, read-only for a province' }),
});
export type Holiday = Static<typeof Holiday>;
export const HolidayQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
});
export const HolidayCreate = Type.Object(
  {
    day: Type.String({ format: 'date' }),
    name: Type.String({ minLength: 1, maxLength: 120 }),
    kind: Type.Union([Type.Literal('off'), Type.Literal('working')], {
      description: "'off': a day off; 'working': a weekend day worked in exchange",
    }),
  },
  { additionalProperties: false },
);
export type HolidayCreate = Static<typeof HolidayCreate>;
