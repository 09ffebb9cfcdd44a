import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { exportableResponse, inBatches, sendExport, vietnamDateTime } from '../../platform/http/export.js';
import { consoleBase, consoleErrors, officerView } from './console-common.js';
import {
  countReports,
  filteredReports,
  lateSql,
  listItems,
  supervisionCounts,
} from './console.repository.js';
import { ListPage, ListQuery, MapItems, MapQuery, Supervision } from './console.schemas.js';

/** Each agency's inbox (list, export, map) and the supervisor view of late and escalated reports. */
export const consoleListRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const base = consoleBase();
  const errors = { 401: consoleErrors[401], 403: consoleErrors[403] };

  app.get(
    '/api/admin/reports',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'Reports in the officer’s scope, filtered, sorted and paged, or exported',
        querystring: ListQuery,
        response: { 200: exportableResponse(ListPage), ...errors },
      },
    },
    async (request, reply) => {
      const v = await officerView(db, request);
      const f = request.query;
      const now = new Date();
      const q = filteredReports(db, v.p.tenantId, v.scope, f, now);
      const total = await countReports(q);
      if (f.format) {
        const rows = inBatches((offset, limit) =>
          listItems(q, { workflow: v.workflow, sort: f.sort, limit, offset, now }),
        );
        return sendExport(reply, {
          format: f.format,
          fileName: 'phan-anh',
          sheetName: 'Phản ánh',
          total,
          columns: [
            { key: 'code', header: 'Mã phản ánh', width: 20 },
            { key: 'category', header: 'Lĩnh vực', width: 25 },
            { key: 'state', header: 'Trạng thái', width: 22 },
            { key: 'agency', header: 'Cơ quan xử lý', width: 30 },
            { key: 'commune', header: 'Xã, phường', width: 22 },
            { key: 'address', header: 'Địa chỉ', width: 30 },
            { key: 'handler', header: 'Cán bộ xử lý', width: 22 },
            { key: 'submittedAt', header: 'Ngày gửi', width: 20 },
            { key: 'dueAt', header: 'Hạn xử lý', width: 20 },
            { key: 'late', header: 'Quá hạn', width: 10 },
            { key: 'escalation', header: 'Mức cảnh báo', width: 12 },
            { key: 'rating', header: 'Đánh giá', width: 10 },
          ],
          rows: (async function* () {
            for await (const r of rows)
              yield {
                code: r.code,
                category: r.category.name,
                state: r.stateLabel,
                agency: r.agency.name,
                commune: r.commune?.name ?? '',
                address: r.address ?? '',
                handler: r.handler?.fullName ?? '',
                submittedAt: vietnamDateTime(new Date(r.submittedAt)),
                dueAt: r.dueAt ? vietnamDateTime(new Date(r.dueAt)) : '',
                late: r.late ? 'Có' : '',
                escalation: r.escalationLevel,
                rating: r.rating,
              };
          })(),
        });
      }
      const items = await listItems(q, {
        workflow: v.workflow,
        sort: f.sort,
        limit: f.pageSize,
        offset: (f.page - 1) * f.pageSize,
        now,
      });
      return { items, total, page: f.page, pageSize: f.pageSize };
    },
  );

  app.get(
    '/api/admin/reports/map',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'Reports in scope as points for the map (at most 2,000, newest first)',
        querystring: MapQuery,
        response: { 200: MapItems, ...errors },
      },
    },
    async (request) => {
      const v = await officerView(db, request);
      const now = new Date();
      const rows = await filteredReports(db, v.p.tenantId, v.scope, request.query, now)
        .select(['r.id', 'r.code', 'r.lat', 'r.lng', 'r.state'])
        .select(lateSql(now).as('late'))
        .orderBy('r.submitted_at', 'desc')
        .limit(2000)
        .execute();
      return rows.map((r) => ({ ...r, late: Boolean(r.late) }));
    },
  );

  app.get(
    '/api/admin/reports/supervision',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'Open, late and escalated counts per agency, and the late or escalated reports',
        response: { 200: Supervision, ...errors },
      },
    },
    async (request) => {
      const v = await officerView(db, request);
      const now = new Date();
      const [counts, late, escalated] = await Promise.all([
        supervisionCounts(db, v.p.tenantId, v.scope, now),
        listItems(filteredReports(db, v.p.tenantId, v.scope, { late: true }, now), {
          workflow: v.workflow,
          sort: 'dueAt',
          limit: 200,
          offset: 0,
          now,
        }),
        listItems(filteredReports(db, v.p.tenantId, v.scope, { escalated: true }, now), {
          workflow: v.workflow,
          sort: 'dueAt',
          limit: 200,
          offset: 0,
          now,
        }),
      ]);
      // A report both late and escalated is listed once, the most pressing (earliest due) first.
      const seen = new Set<string>();
      const items = [...late, ...escalated]
        .filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)))
        .sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? ''));
      return { counts, items };
    },
  );
};
