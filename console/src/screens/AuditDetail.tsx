import type { ScreenProps } from '../app';
import { ApiError, withQuery } from '../api/client';
import type { AuditEntry, PageOf } from '../api/types';
import { DetailView } from '../components/DetailView';
import { ErrorState, Loading, NotFound } from '../components/States';
import { auditActionLabel, entityTypeLabel, t } from '../i18n';
import { actorOf } from '../lib/audit';
import { formatDateTime } from '../lib/format';
import { usePageTitle } from '../lib/page-title';
import { Link } from '../lib/router';
import { useApi } from '../lib/use-api';
import { DetailsTree } from './DetailsTree';

const ENTITY_SCREENS: Record<string, string> = {
  officer: '/officers/',
  agency: '/agencies/',
  tenant: '/settings',
};

/*
 * One audit row. The log numbers a province's rows 1, 2, 3… without gaps (the hash chain), so in
 * ascending order row N is the N-th: one page of one row finds it without a separate endpoint.
 * The seq is checked, so a gap would show "not found" rather than the wrong row.
 */
export default function AuditDetail({ params }: ScreenProps) {
  const seq = Number(params.seq);
  const valid = Number.isInteger(seq) && seq > 0;
  const [state, reload] = useApi<PageOf<AuditEntry>>(
    valid ? withQuery('/api/admin/audit', { sort: 'seq', page: seq, pageSize: 1 }) : null,
  );
  usePageTitle(valid ? t.audit.detailTitle(seq) : t.audit.title);
  const entry = state.data?.items[0];

  let body;
  if (!valid || (state.status === 'ready' && entry?.seq !== seq)) body = <NotFound />;
  else if (state.status === 'error') body = <ErrorState error={state.error as ApiError} onRetry={reload} />;
  else if (!entry) body = <Loading />;
  else {
    const screen = ENTITY_SCREENS[entry.entityType];
    const entityLink =
      screen && entry.entityId ? (screen.endsWith('/') ? screen + entry.entityId : screen) : null;
    body = (
      <>
        <DetailView
          title={auditActionLabel(entry.action)}
          fields={[
            { label: t.audit.seq, value: entry.seq },
            { label: t.audit.at, value: formatDateTime(entry.at) },
            { label: t.audit.actor, value: actorOf(entry) },
            { label: t.audit.action, value: `${auditActionLabel(entry.action)} (${entry.action})` },
            {
              label: t.audit.entityType,
              value: (
                <>
                  {entityTypeLabel(entry.entityType)}
                  {entry.entityId && <code class="id"> {entry.entityId}</code>}
                  {entityLink && (
                    <>
                      {' '}
                      <Link to={entityLink}>{t.audit.openEntity}</Link>
                    </>
                  )}
                </>
              ),
            },
            { label: t.audit.hash, value: <code class="hash">{entry.hash}</code> },
          ]}
        />
        <section class="panel" aria-labelledby="audit-details">
          <h2 id="audit-details">{t.audit.details}</h2>
          {entry.details && Object.keys(entry.details).length > 0 ? (
            <DetailsTree value={entry.details} />
          ) : (
            <p class="muted">{t.audit.noDetails}</p>
          )}
        </section>
      </>
    );
  }

  return (
    <>
      <p class="breadcrumb">
        <Link to="/audit">← {t.audit.title}</Link>
      </p>
      <h1>{valid ? t.audit.detailTitle(seq) : t.audit.title}</h1>
      {body}
    </>
  );
}
