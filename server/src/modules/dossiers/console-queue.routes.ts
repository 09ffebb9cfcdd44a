import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { exportableResponse, sendExport, vietnamDateTime } from '../../platform/http/export.js';
import { consoleHelpers } from './console-common.js';
import { consoleQuery, consoleRows, countQuery, dossierStats, queueCounts } from './console.repository.js';
import {
  ConsoleListPage,
  ConsoleListQuery,
  Counts,
  CountsQuery,
  Stats,
  StatsQuery,
} from './dossiers.schemas.js';
import { STATUS_LABELS } from './types.js';

/** The officers' queues: the list (or its export), the counts per tab, the statistics. */
export const consoleQueueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const { base, errors, officer } = consoleHelpers(app);

  app.get(
    '/api/admin/dossiers',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'The dossier queue, filtered, sorted and paged, or exported',
        querystring: ConsoleListQuery,
        response: { 200: exportableResponse(ConsoleListPage), ...errors },
      },
    },
    async (request, reply) => {
      const { p, scope } = await officer(request);
      const f = request.query;
      const q = consoleQuery(db, p.tenantId, scope, f);
      const total = await countQuery(q);
      if (f.format) {
        return sendExport(reply, {
          format: f.format,
          fileName: 'ho-so',
          sheetName: 'Hồ sơ',
          total,
          columns: [
            { key: 'code', header: 'Mã hồ sơ', width: 22 },
            { key: 'procedure', header: 'Thủ tục', width: 40 },
            { key: 'agency', header: 'Cơ quan', width: 30 },
            { key: 'applicant', header: 'Người nộp', width: 25 },
            { key: 'status', header: 'Trạng thái', width: 20 },
            { key: 'submittedAt', header: 'Ngày nộp', width: 20 },
            { key: 'dueAt', header: 'Hạn trả', width: 20 },
            { key: 'late', header: 'Quá hạn', width: 10 },
          ],
          rows: (async function* () {
            for await (const r of consoleRows(q, f.sort, total, 0))
              yield {
                code: r.code,
                procedure: r.procedure.name,
                agency: r.agency.name,
                applicant: r.applicantName,
                status: STATUS_LABELS[r.status],
                submittedAt: vietnamDateTime(new Date(r.submittedAt)),
                dueAt: r.dueAt ? vietnamDateTime(new Date(r.dueAt)) : '',
                late: r.late ? 'Có' : '',
              };
          })(),
        });
      }
      const items = [];
      for await (const r of consoleRows(q, f.sort, f.pageSize, (f.page - 1) * f.pageSize)) items.push(r);
      return { items, total, page: f.page, pageSize: f.pageSize };
    },
  );

  app.get(
    '/api/admin/dossiers/counts',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'How many dossiers per status (queue tabs), plus late ones',
        querystring: CountsQuery,
        response: { 200: Counts, ...errors },
      },
    },
    async (request) => {
      const { p, scope } = await officer(request);
      return queueCounts(db, p.tenantId, scope, request.query.agencyId);
    },
  );

  app.get(
    '/api/admin/dossiers/stats',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'Statistics by status, channel, procedure and agency',
        querystring: StatsQuery,
        response: { 200: Stats, ...errors },
      },
    },
    async (request) => {
      const { p, scope } = await officer(request);
      return dossierStats(db, p.tenantId, scope, request.query);
    },
  );
};
