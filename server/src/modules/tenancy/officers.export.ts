import type { Db } from '../../db/connection.js';
import { toCount } from '../../db/pg-types.js';
import type { Role } from '../../db/schema.js';
import { inBatches, type ExportColumn } from '../../platform/http/export.js';
import { officersMatching, sortedOfficers, visibleRoles, type OfficerFilter } from './officers.repository.js';
import type { AdminScope } from '../../platform/auth/admin-scope.js';

/** The officer list as a file for the console: one row per officer, roles spelled out in Vietnamese. */
export const ROLE_LABELS: Record<Role, string> = {
  province_admin: 'Quản trị cấp tỉnh',
  agency_admin: 'Quản trị cơ quan',
  supervisor: 'Lãnh đạo',
  handler: 'Chuyên viên xử lý',
  clerk: 'Tiếp nhận một cửa',
  editor: 'Biên tập',
};

export interface OfficerExportRow {
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  roles: string;
  status: string;
  createdAt: Date;
}

export const OFFICER_EXPORT_COLUMNS: ExportColumn<OfficerExportRow>[] = [
  { key: 'username', header: 'Tên đăng nhập', width: 20 },
  { key: 'fullName', header: 'Họ và tên', width: 28 },
  { key: 'email', header: 'Thư điện tử', width: 28 },
  { key: 'phone', header: 'Số điện thoại', width: 16 },
  { key: 'roles', header: 'Vai trò', width: 60 },
  { key: 'status', header: 'Trạng thái', width: 16 },
  { key: 'createdAt', header: 'Ngày tạo', width: 18 },
];

export async function officerExport(db: Db, tenantId: string, scope: AdminScope, filter: OfficerFilter) {
  const base = officersMatching(db, tenantId, scope, filter);
  if (!base) return { total: 0, rows: [] as OfficerExportRow[] };
  const count = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = inBatches(async (offset, limit) => {
    const officers = await sortedOfficers(base, filter.sort).limit(limit).offset(offset).execute();
    const roles = await visibleRoles(
      db,
      tenantId,
      scope,
      officers.map((o) => o.id),
    );
    return officers.map((o): OfficerExportRow => ({
      username: o.username,
      fullName: o.full_name,
      email: o.email,
      phone: o.phone,
      roles: roles
        .filter((r) => r.officer_id === o.id)
        .map((r) => `${ROLE_LABELS[r.role]} – ${r.agency_name}`)
        .join('; '),
      status: o.disabled ? 'Đã vô hiệu hóa' : 'Đang hoạt động',
      createdAt: o.created_at,
    }));
  }, 500);
  return { total: toCount(count.n), rows };
}
