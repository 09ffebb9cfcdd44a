import { Type, type Static } from '@sinclair/typebox';
import { DOSSIER_STATUSES } from '../../db/schema.js';
import { ExportFormatParam, SortParam } from '../../platform/http/export.js';
import { DOSSIER_ACTIONS } from './types.js';

/** Request and response shapes of the dossier routes (docs/dossiers-api.md). */
const DateTime = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const FormData = Type.Record(Type.String(), Type.Unknown(), { description: 'Answers keyed by field name' });

export const Status = Type.Unsafe<(typeof DOSSIER_STATUSES)[number]>({
  type: 'string',
  enum: [...DOSSIER_STATUSES],
});
export const Action = Type.Unsafe<(typeof DOSSIER_ACTIONS)[number]>({
  type: 'string',
  enum: [...DOSSIER_ACTIONS],
});
const Channel = Type.Union([Type.Literal('app'), Type.Literal('one_stop'), Type.Literal('counter')]);

export const IdParams = Type.Object({ id: Uuid });
export const SlipParams = Type.Object({ id: Uuid, slipId: Uuid });
export const FileParams = Type.Object({ id: Uuid, fileId: Uuid });

// drafts -----------------------------------------------------------------------------------------
export const Draft = Type.Object({
  id: Uuid,
  procedureId: Uuid,
  procedureName: Type.String(),
  data: FormData,
  updatedAt: DateTime,
});
export const DraftList = Type.Object({ items: Type.Array(Draft) });
export const DraftCreateBody = Type.Object(
  { procedureId: Uuid, data: FormData },
  { additionalProperties: false },
);
export const DraftUpdateBody = Type.Object({ data: FormData }, { additionalProperties: false });

// citizen dossiers -------------------------------------------------------------------------------
export const SubmitBody = Type.Object(
  { procedureId: Uuid, data: FormData, draftId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export const SubmitHeaders = Type.Object({
  'idempotency-key': Type.String({
    format: 'uuid',
    description: 'A new uuid per dossier; resend it on retry',
  }),
});
export const MyListQuery = Type.Object({
  status: Type.Optional(Status),
  code: Type.Optional(Type.String({ maxLength: 60 })),
  page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
});
export const MyListItem = Type.Object({
  id: Uuid,
  code: Type.String(),
  procedure: Type.String(),
  status: Status,
  submittedAt: DateTime,
  dueAt: Nullable(DateTime),
  updatedAt: DateTime,
});
export const MyListPage = Type.Object({
  items: Type.Array(MyListItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export const SupplementBody = Type.Object(
  {
    files: Type.Record(Type.String({ maxLength: 64 }), Type.Array(Uuid, { maxItems: 20 }), {
      maxProperties: 30,
    }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export const WithdrawBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);
export const RatingBody = Type.Object(
  {
    rating: Type.Integer({ minimum: 1, maximum: 5 }),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export const LinkBody = Type.Object(
  {
    code: Type.String({ minLength: 3, maxLength: 60 }),
    secret: Type.String({ minLength: 8, maxLength: 100 }),
  },
  { additionalProperties: false },
);

const TimelineItem = Type.Object({
  at: DateTime,
  action: Type.String(),
  fromStatus: Nullable(Status),
  toStatus: Nullable(Status),
  note: Nullable(Type.String()),
  public: Type.Optional(Type.Boolean()),
});
const Person = Type.Object({ id: Uuid, name: Type.String() });
export const ConsoleTimelineItem = Type.Object({
  ...TimelineItem.properties,
  actor: Nullable(
    Type.Object({
      type: Type.Union([
        Type.Literal('citizen'),
        Type.Literal('officer'),
        Type.Literal('system'),
        Type.Literal('integration'),
      ]),
      name: Type.String({ description: "The officer's or one-stop system's name; 'Công dân', 'Hệ thống'" }),
    }),
  ),
  form: Nullable(Type.String({ description: "slip_issued: the slip's form ('01'…'04')" })),
});
export type ConsoleTimelineItem = Static<typeof ConsoleTimelineItem>;

const detailFields = {
  id: Uuid,
  code: Type.String(),
  procedure: Type.Object({ id: Uuid, name: Type.String(), code: Type.String() }),
  agency: Person,
  status: Status,
  channel: Channel,
  applicant: Type.Object({
    name: Type.String(),
    phone: Nullable(Type.String()),
    idNumber: Nullable(Type.String()),
    address: Nullable(Type.String()),
  }),
  data: FormData,
  form: Type.Unknown({ description: 'The procedure FormDefinition' }),
  submittedAt: DateTime,
  receivedAt: Nullable(DateTime),
  dueAt: Nullable(DateTime),
  completedAt: Nullable(DateTime),
  returnedAt: Nullable(DateTime),
  feeAmount: Nullable(Type.Integer()),
  rating: Nullable(Type.Integer()),
  supplementRequest: Nullable(
    Type.Object({ note: Nullable(Type.String()), items: Type.Array(Type.String()) }),
  ),
  timeline: Type.Array(TimelineItem),
  files: Type.Array(
    Type.Object({
      id: Uuid,
      name: Type.String(),
      contentType: Type.String(),
      purpose: Type.String(),
      field: Nullable(Type.String()),
    }),
  ),
  slips: Type.Array(Type.Object({ id: Uuid, form: Type.String(), createdAt: DateTime })),
  actions: Type.Array(Type.String(), {
    description: "What the citizen may do: 'supplement', 'withdraw', 'rate'",
  }),
};
export const DossierDetail = Type.Object(detailFields);
export type DossierDetail = Static<typeof DossierDetail>;
export const ConsoleDossierDetail = Type.Object({
  ...detailFields,
  timeline: Type.Array(ConsoleTimelineItem),
  pausedAt: Nullable(DateTime),
  assignee: Nullable(Person),
  allowedActions: Type.Array(Action),
});
export type ConsoleDossierDetail = Static<typeof ConsoleDossierDetail>;

// console ----------------------------------------------------------------------------------------
export const CONSOLE_SORTS = ['submittedAt', 'dueAt', 'code', 'status'] as const;
export const ConsoleListQuery = Type.Object({
  status: Type.Optional(Status),
  agencyId: Type.Optional(Uuid),
  procedureId: Type.Optional(Uuid),
  channel: Type.Optional(Channel),
  assigneeId: Type.Optional(Uuid),
  late: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(DateTime),
  to: Type.Optional(DateTime),
  page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  sort: SortParam(CONSOLE_SORTS, '-submittedAt'),
  format: ExportFormatParam,
});
export type ConsoleListQuery = Static<typeof ConsoleListQuery>;
export const ConsoleListItem = Type.Object({
  id: Uuid,
  code: Type.String(),
  procedure: Person,
  agency: Person,
  applicantName: Type.String(),
  applicantPhone: Nullable(Type.String({ description: 'Masked: 09xxxxx123' })),
  status: Status,
  channel: Channel,
  submittedAt: DateTime,
  receivedAt: Nullable(DateTime),
  dueAt: Nullable(DateTime),
  pausedAt: Nullable(DateTime),
  assignee: Nullable(Person),
  late: Type.Boolean(),
});
export type ConsoleListItem = Static<typeof ConsoleListItem>;
export const ConsoleListPage = Type.Object({
  items: Type.Array(ConsoleListItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export const CountsQuery = Type.Object({ agencyId: Type.Optional(Uuid) });
export const Counts = Type.Record(Type.String(), Type.Integer(), {
  description: 'One count per status, plus late',
});
export const ActionBody = Type.Object(
  {
    action: Action,
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    items: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 30 })),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    amount: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000_000 })),
    assigneeId: Type.Optional(Nullable(Uuid)),
    resultFileIds: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
    fileIds: Type.Optional(
      Type.Array(Uuid, {
        maxItems: 20,
        description: 'supplement: scans of the papers the citizen brought to the counter',
      }),
    ),
  },
  { additionalProperties: false },
);
export const Assignees = Type.Array(
  Type.Object({
    id: Uuid,
    fullName: Type.String(),
    role: Type.Union([Type.Literal('handler'), Type.Literal('supervisor')]),
  }),
  { description: 'Officers a dossier may be given to: handlers and supervisors covering its agency' },
);
export const BulkReceiveBody = Type.Object(
  { ids: Type.Array(Uuid, { minItems: 1, maxItems: 100 }) },
  { additionalProperties: false },
);
export const BulkReceiveReply = Type.Object({
  received: Type.Array(Uuid),
  failed: Type.Array(Type.Object({ id: Uuid, code: Type.String() })),
});
export const StatsQuery = Type.Object({
  from: Type.Optional(DateTime),
  to: Type.Optional(DateTime),
  agencyId: Type.Optional(Uuid),
});
const StatsGroup = Type.Object({
  id: Uuid,
  name: Type.String(),
  count: Type.Integer(),
  onTimeRate: Nullable(Type.Number()),
  avgProcessingHours: Nullable(Type.Number()),
});
export const Stats = Type.Object({
  byStatus: Type.Record(Type.String(), Type.Integer()),
  byChannel: Type.Record(Type.String(), Type.Integer()),
  onTimeRate: Nullable(Type.Number({ description: 'Share of finished dossiers finished by their due date' })),
  perProcedure: Type.Array(StatsGroup),
  perAgency: Type.Array(StatsGroup),
});
