import type { OfficerView } from '../api/types';
import { roleLabel, t } from '../i18n';

/** An officer's state in words (and a marker shape), never by colour alone. */
export function OfficerStatus({
  officer,
}: {
  officer: Pick<OfficerView, 'disabled' | 'mustChangePassword'>;
}) {
  if (officer.disabled) return <span class="badge badge-off">{t.officers.disabled}</span>;
  if (officer.mustChangePassword) return <span class="badge badge-wait">{t.officers.pendingPassword}</span>;
  return <span class="badge badge-on">{t.officers.active}</span>;
}

export function RoleList({ roles }: { roles: OfficerView['roles'] }) {
  if (roles.length === 0) return <span class="muted">{t.officers.noRoles}</span>;
  return (
    <ul class="plain">
      {roles.map((r) => (
        <li key={r.agencyId + r.role}>
          {roleLabel(r.role)} — {r.agencyName}
        </li>
      ))}
    </ul>
  );
}
