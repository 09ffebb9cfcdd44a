import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AccessRule } from '../../platform/auth/access.js';
import { AppError } from '../../platform/errors/app-error.js';
import { exportableResponse, sendExport, type ExportColumn } from '../../platform/http/export.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { messageType } from '../../platform/notify/templates.js';
import { costReport, listNotifications, notificationTimeline } from './console.repository.js';
import { CostQuery, CostReport, IdParams, LogPage, LogQuery, Timeline } from './console.schemas.js';

const READERS: AccessRule = { roles: ['province_admin', 'editor', 'supervisor'] };
const ADMIN: AccessRule = { roles: ['province_admin'] };
const CHANNEL_NAMES: Record<string, string> = { oa: 'Zalo OA', zns: 'Zalo ZNS', sms: 'SMS' };

interface CostRow {
  group: string;
  name: string;
  messages: number;
  delivered: number;
  segments: number;
  cost: number;
  allSmsCost: number;
  saving: number;
}
const COST_COLUMNS: readonly ExportColumn<CostRow>[] = [
  { key: 'group', header: 'Nhóm', width: 12 },
  { key: 'name', header: 'Kênh / loại tin', width: 30 },
  { key: 'messages', header: 'Số tin đã gửi', width: 14 },
  { key: 'delivered', header: 'Đã nhận', width: 10 },
  { key: 'segments', header: 'Số phần tin', width: 12 },
  { key: 'cost', header: 'Chi phí (VND)', width: 14 },
  { key: 'allSmsCost', header: 'Nếu gửi toàn bộ bằng SMS (VND)', width: 24 },
  { key: 'saving', header: 'Tiết kiệm (VND)', width: 16 },
];

/** Console: the message log, a notice's timeline, and the cost report (JSON or a spreadsheet). */
export const notificationsConsoleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const security: { [label: string]: string[] }[] = [{ cookie: [] }, { bearer: [] }];
  const base = { tags: ['notifications'], security };
  const errors = {
    401: ErrorResponse(['AUTH_REQUIRED']),
    403: ErrorResponse(['FORBIDDEN', 'CSRF_INVALID']),
  };

  app.get(
    '/api/admin/notifications',
    {
      config: { access: READERS },
      schema: {
        ...base,
        summary: 'Notifications sent in this province, newest first, with filters and search',
        querystring: LogQuery,
        response: { 200: LogPage, 400: ErrorResponse(['VALIDATION_FAILED']), ...errors },
      },
    },
    async (request) => listNotifications(db, request.tenant.id, request.query),
  );

  app.get(
    '/api/admin/notifications/:id',
    {
      config: { access: READERS },
      schema: {
        ...base,
        summary: 'One notification: its deliveries per channel and every step of its timeline',
        params: IdParams,
        response: { 200: Timeline, ...errors, 404: ErrorResponse(['NOTIFICATION_NOT_FOUND']) },
      },
    },
    async (request) => {
      const timeline = await notificationTimeline(db, request.tenant.id, request.params.id);
      if (!timeline) throw new AppError('NOTIFICATION_NOT_FOUND');
      return timeline;
    },
  );

  app.get(
    '/api/admin/notifications/cost-report',
    {
      config: { access: ADMIN },
      schema: {
        ...base,
        summary: 'Messages, delivery rate, cost and the saving against all-SMS for a period; format=xlsx|csv',
        querystring: CostQuery,
        response: {
          200: exportableResponse(CostReport),
          400: ErrorResponse(['VALIDATION_FAILED']),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const from = new Date(request.query.from);
      const to = new Date(request.query.to);
      if (!(from < to))
        throw new AppError('VALIDATION_FAILED', { fields: [{ path: '/to', rule: 'after from' }] });
      const report = await costReport(db, request.tenant.id, from, to);
      if (!request.query.format) return report;
      const row = (group: string, name: string, l: Omit<CostRow, 'group' | 'name' | 'saving'>): CostRow => ({
        group,
        name,
        messages: l.messages,
        delivered: l.delivered,
        segments: l.segments,
        cost: l.cost,
        allSmsCost: l.allSmsCost,
        saving: l.allSmsCost - l.cost,
      });
      const rows = [
        ...report.byChannel.map((c) => row('Kênh', CHANNEL_NAMES[c.channel] ?? c.channel, c)),
        ...report.byType.map((t) => row('Loại tin', messageType(t.type)?.label.vi ?? t.type, t)),
        row('Tổng', `${request.query.from.slice(0, 10)} → ${request.query.to.slice(0, 10)}`, report.totals),
      ];
      return sendExport(reply, {
        format: request.query.format,
        fileName: 'chi-phi-thong-bao',
        sheetName: 'Chi phí',
        columns: COST_COLUMNS,
        total: rows.length,
        rows,
      });
    },
  );
};
