import { Type, type Static } from '@sinclair/typebox';
import {
  BODY_MAX_LENGTH,
  LINK_MAX_PARAMS,
  LINK_PAGE,
  LINK_PARAM_MAX_LENGTH,
  TITLE_MAX_LENGTH,
} from '../../platform/notify/inbox.js';

/** Request and response shapes of the inbox: the citizen's messages and officers sending one. */
const DateTime = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });

export const InboxLink = Type.Object(
  {
    page: Type.String({ pattern: LINK_PAGE.source, description: 'A page of the mini app, e.g. "ho-so"' }),
    params: Type.Record(Type.String(), Type.String({ maxLength: LINK_PARAM_MAX_LENGTH }), {
      maxProperties: LINK_MAX_PARAMS,
      description: 'Query parameters of the page, e.g. {"code": "HS-0001"}',
    }),
  },
  { additionalProperties: false },
);

export const InboxItem = Type.Object({
  id: Type.String(),
  type: Type.String({ description: "What produced it: 'officer_message', or a module's event" }),
  title: Type.String(),
  body: Type.String(),
  link: Type.Union([InboxLink, Type.Null()]),
  createdAt: DateTime,
  readAt: Type.Union([DateTime, Type.Null()]),
});
export type InboxItem = Static<typeof InboxItem>;

export const InboxQuery = Type.Object({
  page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  unread: Type.Optional(
    Type.Boolean({ description: 'true: unread messages only; false or absent: all messages' }),
  ),
});
export type InboxQuery = Static<typeof InboxQuery>;

export const InboxPage = Type.Object({
  items: Type.Array(InboxItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  unread: Type.Integer({ description: 'All unread messages of the citizen, whatever the filter' }),
});
export type InboxPage = Static<typeof InboxPage>;

export const UnreadCount = Type.Object({ unread: Type.Integer() });

export const MessageParams = Type.Object({ id: Uuid });

export const AdminMessageBody = Type.Object(
  {
    citizenId: Type.Optional(Uuid),
    phone: Type.Optional(
      Type.String({ minLength: 9, maxLength: 20, description: 'Any common form: 0987…, +84987…, 84987…' }),
    ),
    // At least one visible character: a blank message would show as an empty row.
    title: Type.String({ minLength: 1, maxLength: TITLE_MAX_LENGTH, pattern: '\\S' }),
    body: Type.String({ minLength: 1, maxLength: BODY_MAX_LENGTH, pattern: '\\S' }),
    link: Type.Optional(InboxLink),
  },
  {
    additionalProperties: false,
    // Exactly one way to name the recipient.
    oneOf: [{ required: ['citizenId'] }, { required: ['phone'] }],
    description: 'The recipient by citizenId or by phone (exactly one of them)',
  },
);
export type AdminMessageBody = Static<typeof AdminMessageBody>;

export const AdminMessageReply = Type.Object({ id: Type.String(), citizenId: Type.String() });
