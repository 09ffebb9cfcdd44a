import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AccessRule } from '../../platform/auth/access.js';
import { exportableResponse, sendExport, type ExportColumn } from '../../platform/http/export.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { auditActions, auditRows, countAudit, listAudit } from './audit-log.repository.js';
import { AuditActions, AuditPage, AuditQuery, type AuditEntry } from './audit-log.schemas.js';

const PROVINCE_ADMIN: AccessRule = { roles: ['province_admin'] };

const ACTOR_LABELS: Record<string, string> = {
  officer: 'Cán bộ',
  citizen: 'Công dân',
  system: 'Hệ thống',
  integration: 'Hệ thống kết nối',
};

interface AuditExportRow {
  seq: number;
  at: Date;
  actorType: string;
  actorName: string | null;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: string;
  hash: string;
}

const EXPORT_COLUMNS: ExportColumn<AuditExportRow>[] = [
  { key: 'seq', header: 'Số thứ tự', width: 10 },
  { key: 'at', header: 'Thời điểm', width: 18 },
  { key: 'actorType', header: 'Loại người thực hiện', width: 16 },
  { key: 'actorName', header: 'Người thực hiện', width: 24 },
  { key: 'actorId', header: 'Mã người thực hiện', width: 38 },
  { key: 'action', header: 'Hành động', width: 24 },
  { key: 'entityType', header: 'Loại đối tượng', width: 14 },
  { key: 'entityId', header: 'Mã đối tượng', width: 38 },
  { key: 'details', header: 'Chi tiết', width: 60 },
  { key: 'hash', header: 'Mã băm', width: 66 },
];

async function* exportRows(rows: AsyncIterable<AuditEntry>): AsyncGenerator<AuditExportRow> {
  for await (const e of rows) {
    yield {
      ...e,
      at: new Date(e.at),
      actorType: ACTOR_LABELS[e.actorType] ?? e.actorType,
      details: JSON.stringify(e.details),
    };
  }
}

/** The audit log viewer: the province's hash-chained history, filtered, paged or downloaded. */
export const auditLogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const security: { [scheme: string]: string[] }[] = [{ cookie: [] }, { bearer: [] }];
  const base = { tags: ['audit log'], security };
  const signedInErrors = {
    401: ErrorResponse(['AUTH_REQUIRED']),
    403: ErrorResponse(['FORBIDDEN', 'CSRF_INVALID']),
  };

  app.get(
    '/api/admin/audit',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        ...base,
        summary: 'Audit rows, newest first by default; format=csv|xlsx downloads every match',
        querystring: AuditQuery,
        response: {
          200: exportableResponse(AuditPage),
          400: ErrorResponse(['VALIDATION_FAILED', 'EXPORT_TOO_LARGE']),
          ...signedInErrors,
        },
      },
    },
    async (request, reply) => {
      const tenantId = request.tenant.id;
      const { format, ...filter } = request.query;
      if (!format) return listAudit(db, tenantId, request.query);
      return sendExport(reply, {
        format,
        fileName: 'nhat-ky-he-thong',
        sheetName: 'Nhật ký',
        columns: EXPORT_COLUMNS,
        total: await countAudit(db, tenantId, filter),
        rows: exportRows(auditRows(db, tenantId, filter)),
      });
    },
  );

  app.get(
    '/api/admin/audit/actions',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        ...base,
        summary: 'Every action recorded in this province, for the filter',
        response: { 200: AuditActions, ...signedInErrors },
      },
    },
    async (request) => ({ items: await auditActions(db, request.tenant.id) }),
  );
};
