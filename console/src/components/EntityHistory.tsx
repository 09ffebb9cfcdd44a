import { withQuery } from '../api/client';
import type { AuditEntry, PageOf } from '../api/types';
import { auditActionLabel, t } from '../i18n';
import { actorOf } from '../lib/audit';
import { Link } from '../lib/router';
import { useApi } from '../lib/use-api';
import { ErrorState, Loading } from './States';
import { Timeline } from './Timeline';

/** The audit trail of one record as a timeline (province admins, who may read the audit log). */
export function EntityHistory({
  entityType,
  entityId,
  title,
}: {
  entityType: string;
  entityId: string;
  title: string;
}) {
  const [state, reload] = useApi<PageOf<AuditEntry>>(
    withQuery('/api/admin/audit', { entityType, entityId, sort: '-seq', pageSize: 50 }),
  );
  return (
    <section class="panel" aria-labelledby={`history-${entityId}`}>
      <h2 id={`history-${entityId}`}>{title}</h2>
      {state.status === 'error' ? (
        <ErrorState error={state.error} onRetry={reload} />
      ) : !state.data ? (
        <Loading />
      ) : (
        <Timeline
          empty={t.table.empty}
          events={state.data.items.map((entry) => ({
            id: String(entry.seq),
            at: entry.at,
            actor: actorOf(entry),
            title: auditActionLabel(entry.action),
            body: (
              <Link to={`/audit/${entry.seq}`} class="small-link">
                {t.audit.detailTitle(entry.seq)}
              </Link>
            ),
          }))}
        />
      )}
    </section>
  );
}
