import type { Db } from '../../db/connection.js';
import type { InboxLink, NotifyChannel } from '../../db/schema.js';

/**
 * Message types and their Vietnamese templates, as data. Each type names the variables its
 * templates may use; a template (default or a tenant's override) mentioning any other variable is
 * refused when it is saved, and notify() refuses data that lacks one the templates need, so a
 * citizen never receives "{{code}}". The default channel order is the cheapest first.
 */
export type TemplateChannel = 'inbox' | 'oa' | 'sms';

export interface MessageTypeDefinition {
  type: string;
  label: { vi: string; en: string };
  variables: readonly string[];
  /** Notices owed by law: the citizen cannot opt out of them. */
  legal: boolean;
  channels: readonly NotifyChannel[];
  inbox: { title: string; body: string };
  oa: string;
  sms: string;
  /** Where the app opens; parameter values are templates too. */
  link?: { page: string; params: Record<string, string> };
}

export const MESSAGE_TYPES: readonly MessageTypeDefinition[] = [
  {
    type: 'dossier.received',
    label: { vi: 'Tiếp nhận hồ sơ', en: 'Dossier received' },
    variables: ['code', 'procedure', 'appointment'],
    legal: false,
    channels: ['oa', 'zns', 'sms'],
    inbox: {
      title: 'Đã tiếp nhận hồ sơ {{code}}',
      body: 'Hồ sơ "{{procedure}}" đã được tiếp nhận. Ngày hẹn trả kết quả: {{appointment}}.',
    },
    oa: 'Hồ sơ {{code}} ({{procedure}}) đã được tiếp nhận. Ngày hẹn trả kết quả: {{appointment}}.',
    sms: 'Ho so {{code}} da duoc tiep nhan. Hen tra ket qua: {{appointment}}.',
    link: { page: 'ho-so', params: { code: '{{code}}' } },
  },
  {
    type: 'dossier.supplement_requested',
    label: { vi: 'Yêu cầu bổ sung hồ sơ', en: 'Supplement requested' },
    variables: ['code', 'reason'],
    legal: true,
    channels: ['oa', 'zns', 'sms'],
    inbox: { title: 'Hồ sơ {{code}} cần bổ sung', body: 'Nội dung cần bổ sung: {{reason}}' },
    oa: 'Hồ sơ {{code}} cần bổ sung: {{reason}}',
    sms: 'Hồ sơ {{code}} cần bổ sung: {{reason}}',
    link: { page: 'ho-so', params: { code: '{{code}}' } },
  },
  {
    type: 'dossier.result_ready',
    label: { vi: 'Có kết quả hồ sơ', en: 'Result ready' },
    variables: ['code', 'procedure'],
    legal: true,
    channels: ['oa', 'zns', 'sms'],
    inbox: { title: 'Hồ sơ {{code}} đã có kết quả', body: 'Kết quả hồ sơ "{{procedure}}" đã sẵn sàng.' },
    oa: 'Hồ sơ {{code}} ({{procedure}}) đã có kết quả.',
    sms: 'Hồ sơ {{code}} đã có kết quả.',
    link: { page: 'ho-so', params: { code: '{{code}}' } },
  },
  {
    type: 'dossier.submitted',
    label: { vi: 'Đã nộp hồ sơ', en: 'Dossier submitted' },
    variables: ['code', 'procedure'],
    legal: false,
    channels: ['oa'],
    inbox: {
      title: 'Đã nộp hồ sơ {{code}}',
      body: 'Hồ sơ "{{procedure}}" đã được gửi, trạng thái: chờ tiếp nhận. Mã hồ sơ: {{code}}.',
    },
    oa: 'Hồ sơ {{code}} ({{procedure}}) đã được gửi và đang chờ tiếp nhận.',
    sms: 'Ho so {{code}} da duoc gui, trang thai: cho tiep nhan.',
    link: { page: 'ho-so', params: { code: '{{code}}' } },
  },
  {
    type: 'dossier.payment_requested',
    label: { vi: 'Yêu cầu nộp phí, lệ phí', en: 'Payment requested' },
    variables: ['code', 'amount'],
    legal: true,
    channels: ['oa', 'zns', 'sms'],
    inbox: {
      title: 'Hồ sơ {{code}} chờ nộp phí, lệ phí',
      body: 'Vui lòng nộp phí, lệ phí {{amount}} để cơ quan tiếp tục giải quyết hồ sơ.',
    },
    oa: 'Hồ sơ {{code}}: vui lòng nộp phí, lệ phí {{amount}}.',
    sms: 'Hồ sơ {{code}}: vui lòng nộp phí, lệ phí {{amount}}.',
    link: { page: 'ho-so', params: { code: '{{code}}' } },
  },
  {
    type: 'dossier.refused',
    label: { vi: 'Từ chối hồ sơ', en: 'Dossier refused' },
    variables: ['code', 'reason'],
    legal: true,
    channels: ['oa', 'zns', 'sms'],
    inbox: { title: 'Hồ sơ {{code}} bị từ chối', body: 'Lý do: {{reason}}' },
    oa: 'Hồ sơ {{code}} bị từ chối. Lý do: {{reason}}',
    sms: 'Hồ sơ {{code}} bị từ chối. Lý do: {{reason}}',
    link: { page: 'ho-so', params: { code: '{{code}}' } },
  },
  {
    type: 'dossier.overdue_apology',
    label: { vi: 'Xin lỗi vì trễ hẹn', en: 'Apology for a late dossier' },
    variables: ['code', 'appointment'],
    legal: true,
    channels: ['oa', 'zns', 'sms'],
    inbox: {
      title: 'Xin lỗi vì hồ sơ {{code}} trễ hẹn',
      body: 'Cơ quan xin lỗi vì hồ sơ của bạn chưa có kết quả đúng hẹn. Ngày hẹn mới: {{appointment}}.',
    },
    oa: 'Xin lỗi vì hồ sơ {{code}} trễ hẹn. Ngày hẹn trả kết quả mới: {{appointment}}.',
    sms: 'Xin lỗi vì hồ sơ {{code}} trễ hẹn. Hẹn mới: {{appointment}}.',
    link: { page: 'ho-so', params: { code: '{{code}}' } },
  },
  {
    type: 'dossier.returned',
    label: { vi: 'Đã trả kết quả', en: 'Result handed over' },
    variables: ['code'],
    legal: false,
    channels: ['oa', 'zns'],
    inbox: {
      title: 'Hồ sơ {{code}} đã trả kết quả',
      body: 'Cảm ơn bạn đã sử dụng dịch vụ. Mời bạn đánh giá mức độ hài lòng về việc giải quyết hồ sơ.',
    },
    oa: 'Hồ sơ {{code}} đã trả kết quả. Mời bạn đánh giá mức độ hài lòng trong ứng dụng.',
    sms: 'Hồ sơ {{code}} đã trả kết quả.',
    link: { page: 'ho-so', params: { code: '{{code}}' } },
  },
  {
    type: 'report.received',
    label: { vi: 'Đã nhận phản ánh', en: 'Report received' },
    variables: ['code', 'id', 'category'],
    legal: false,
    channels: ['oa'],
    inbox: {
      title: 'Đã nhận phản ánh {{code}}',
      body: 'Phản ánh về "{{category}}" của bạn đã được gửi. Chúng tôi sẽ chuyển đến cơ quan có thẩm quyền xử lý.',
    },
    oa: 'Đã nhận phản ánh {{code}} ({{category}}). Cảm ơn bạn đã phản ánh!',
    sms: 'Đã nhận phản ánh {{code}}.',
    link: { page: 'phan-anh', params: { id: '{{id}}' } },
  },
  {
    type: 'report.assigned',
    label: { vi: 'Phản ánh đã chuyển cơ quan xử lý', en: 'Report assigned' },
    variables: ['code', 'id', 'agency'],
    legal: false,
    channels: ['oa'],
    inbox: {
      title: 'Phản ánh {{code}} đã được chuyển đến {{agency}}',
      body: '{{agency}} sẽ xem xét và xử lý phản ánh của bạn.',
    },
    oa: 'Phản ánh {{code}} đã được chuyển đến {{agency}} để xử lý.',
    sms: 'Phản ánh {{code}} đã chuyển đến cơ quan xử lý.',
    link: { page: 'phan-anh', params: { id: '{{id}}' } },
  },
  {
    type: 'report.in_progress',
    label: { vi: 'Phản ánh đang được xử lý', en: 'Report in progress' },
    variables: ['code', 'id', 'agency'],
    legal: false,
    channels: ['oa'],
    inbox: {
      title: 'Phản ánh {{code}} đang được xử lý',
      body: '{{agency}} đã bắt đầu xử lý phản ánh của bạn.',
    },
    oa: 'Phản ánh {{code}} đang được {{agency}} xử lý.',
    sms: 'Phản ánh {{code}} đang được xử lý.',
    link: { page: 'phan-anh', params: { id: '{{id}}' } },
  },
  {
    type: 'report.transferred',
    label: { vi: 'Phản ánh được chuyển cơ quan khác', en: 'Report transferred' },
    variables: ['code', 'id', 'agency'],
    legal: false,
    channels: ['oa'],
    inbox: {
      title: 'Phản ánh {{code}} được chuyển đến {{agency}}',
      body: 'Phản ánh của bạn được chuyển đến {{agency}} là cơ quan có thẩm quyền xử lý.',
    },
    oa: 'Phản ánh {{code}} được chuyển đến {{agency}} để xử lý.',
    sms: 'Phản ánh {{code}} được chuyển cơ quan khác xử lý.',
    link: { page: 'phan-anh', params: { id: '{{id}}' } },
  },
  {
    type: 'report.resolved',
    label: { vi: 'Phản ánh đã được xử lý', en: 'Report resolved' },
    variables: ['code', 'id', 'agency'],
    legal: false,
    channels: ['oa', 'zns'],
    inbox: {
      title: 'Phản ánh {{code}} đã được xử lý',
      body: '{{agency}} đã xử lý phản ánh của bạn. Mời bạn xem kết quả và đánh giá: vấn đề đã thực sự được khắc phục chưa?',
    },
    oa: 'Phản ánh {{code}} đã được {{agency}} xử lý. Mời bạn đánh giá kết quả trong ứng dụng.',
    sms: 'Phản ánh {{code}} đã được xử lý.',
    link: { page: 'phan-anh', params: { id: '{{id}}' } },
  },
  {
    type: 'report.rejected',
    label: { vi: 'Phản ánh không được tiếp nhận', en: 'Report rejected' },
    variables: ['code', 'id', 'reason'],
    legal: false,
    channels: ['oa'],
    inbox: {
      title: 'Phản ánh {{code}} không được tiếp nhận',
      body: 'Lý do: {{reason}}',
    },
    oa: 'Phản ánh {{code}} không được tiếp nhận. Lý do: {{reason}}',
    sms: 'Phản ánh {{code}} không được tiếp nhận.',
    link: { page: 'phan-anh', params: { id: '{{id}}' } },
  },
  {
    type: 'report.reopened',
    label: { vi: 'Phản ánh được mở lại', en: 'Report reopened' },
    variables: ['code', 'id', 'dueAt'],
    legal: false,
    channels: ['oa'],
    inbox: {
      title: 'Phản ánh {{code}} đã được mở lại',
      body: 'Phản ánh được chuyển lại cơ quan xử lý. Thời hạn xử lý mới: {{dueAt}}.',
    },
    oa: 'Phản ánh {{code}} đã được mở lại. Thời hạn xử lý mới: {{dueAt}}.',
    sms: 'Phản ánh {{code}} đã được mở lại.',
    link: { page: 'phan-anh', params: { id: '{{id}}' } },
  },
  {
    type: 'report.closed',
    label: { vi: 'Phản ánh đã kết thúc', en: 'Report closed' },
    variables: ['code', 'id'],
    legal: false,
    channels: ['oa'],
    inbox: {
      title: 'Phản ánh {{code}} đã kết thúc',
      body: 'Phản ánh đã được xử lý xong và kết thúc. Cảm ơn bạn đã đồng hành cùng chính quyền.',
    },
    oa: 'Phản ánh {{code}} đã kết thúc. Cảm ơn bạn!',
    sms: 'Phản ánh {{code}} đã kết thúc.',
    link: { page: 'phan-anh', params: { id: '{{id}}' } },
  },
  {
    type: 'broadcast.news',
    label: { vi: 'Tin tức', en: 'News' },
    variables: ['title', 'summary'],
    legal: false,
    channels: ['oa'],
    inbox: { title: '{{title}}', body: '{{summary}}' },
    oa: '{{title}}\n{{summary}}',
    sms: '{{title}}',
  },
  {
    type: 'broadcast.emergency',
    label: { vi: 'Cảnh báo khẩn cấp', en: 'Emergency alert' },
    variables: ['title', 'body'],
    legal: true,
    channels: ['oa', 'zns', 'sms'],
    inbox: { title: '{{title}}', body: '{{body}}' },
    oa: '⚠ {{title}}\n{{body}}',
    sms: '{{title}}: {{body}}',
  },
];

const byType = new Map(MESSAGE_TYPES.map((t) => [t.type, t]));

export function messageType(type: string): MessageTypeDefinition | undefined {
  return byType.get(type);
}

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly variables: string[],
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

const VARIABLE = /\{\{\s*([a-zA-Z][a-zA-Z0-9_]*)\s*\}\}/g;

export function templateVariables(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1]!))];
}

/** Unknown variables of a template for this type; [] when it is valid. */
export function unknownVariables(definition: MessageTypeDefinition, text: string): string[] {
  return templateVariables(text).filter((name) => !definition.variables.includes(name));
}

export function render(text: string, data: Record<string, string>): string {
  return text.replace(VARIABLE, (_, name: string) => {
    const value = data[name];
    if (value === undefined) throw new TemplateError(`missing variable "${name}"`, [name]);
    return value;
  });
}

export interface ResolvedTemplates {
  definition: MessageTypeDefinition;
  inbox: { title: string; body: string };
  oa: string;
  sms: string;
}

/** The type's templates with the tenant's overrides applied. */
export async function loadTemplates(db: Db, tenantId: string, type: string): Promise<ResolvedTemplates> {
  const definition = messageType(type);
  if (!definition) throw new TemplateError(`unknown message type "${type}"`, []);
  const overrides = await db
    .selectFrom('notification_templates')
    .select(['channel', 'title', 'body'])
    .where('tenant_id', '=', tenantId)
    .where('type', '=', type)
    .execute();
  const resolved: ResolvedTemplates = {
    definition,
    inbox: { ...definition.inbox },
    oa: definition.oa,
    sms: definition.sms,
  };
  for (const o of overrides) {
    if (o.channel === 'inbox') resolved.inbox = { title: o.title ?? definition.inbox.title, body: o.body };
    else resolved[o.channel] = o.body;
  }
  return resolved;
}

/** Renders the link parameters; a link whose values cannot be filled is left out. */
export function renderLink(
  definition: MessageTypeDefinition,
  data: Record<string, string>,
): InboxLink | null {
  if (!definition.link) return null;
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(definition.link.params)) params[key] = render(value, data);
  return { page: definition.link.page, params };
}

/** Checks the data given to notify(): every declared variable present, as a non-empty string. */
export function checkData(definition: MessageTypeDefinition, data: Record<string, string>): void {
  const missing = definition.variables.filter((v) => typeof data[v] !== 'string' || data[v] === '');
  if (missing.length > 0) throw new TemplateError(`missing data for ${missing.join(', ')}`, missing);
  const unknown = Object.keys(data).filter((k) => !definition.variables.includes(k));
  if (unknown.length > 0) throw new TemplateError(`unknown data ${unknown.join(', ')}`, unknown);
}

export function isTemplateChannel(channel: string): channel is TemplateChannel {
  return channel === 'inbox' || channel === 'oa' || channel === 'sms';
}
