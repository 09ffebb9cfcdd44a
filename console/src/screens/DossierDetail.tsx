import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../app';
import type { DossierAction, DossierDetail as Detail, DossierTimelineEntry } from '../api/types';
import { DetailView } from '../components/DetailView';
import { DossierSlaBadge } from '../components/DossierSlaBadge';
import { ErrorState, Loading } from '../components/States';
import { Timeline, type TimelineEvent } from '../components/Timeline';
import { t } from '../i18n';
import {
  channelLabel,
  dossierActionLabel,
  dossierStatusLabel,
  formatVnd,
  missingSlip,
  slipLabel,
} from '../lib/dossier';
import { detailActions } from '../lib/dossier-actions';
import { formatDateTime } from '../lib/format';
import { usePageTitle } from '../lib/page-title';
import { Link } from '../lib/router';
import { useApi } from '../lib/use-api';
import { DossierActionDialog } from './DossierActionDialog';
import { DossierFormData } from './DossierFormData';

/** How often, and how many times, the page looks again for a slip the background job is issuing. */
const SLIP_POLL_MS = 2_000;
const SLIP_POLL_TRIES = 60;

/** The console's timeline also names the slip's form on `slip_issued` entries. */
type Entry = DossierTimelineEntry & { form?: string | null };

function actorName(entry: Entry): string {
  const name = entry.actorName ?? entry.actor?.name;
  if (name) return name;
  const type = entry.actorType ?? entry.actor?.type;
  if (type === 'citizen') return t.dossiers.citizen;
  if (type === 'integration') return t.dossiers.integration;
  if (type === 'system') return t.dossiers.system;
  // The timeline does not always say who acted (the citizen's view never does).
  return '';
}

/** "Phát hành phiếu: Mẫu 01 — Giấy tiếp nhận…" for a slip; the action and new status otherwise. */
function entryTitle(entry: Entry): string {
  if (entry.action === 'slip_issued' && entry.form) {
    return `${dossierActionLabel(entry.action)}: ${slipLabel(entry.form)}`;
  }
  return (
    dossierActionLabel(entry.action) +
    (entry.toStatus && entry.toStatus !== entry.fromStatus ? ` → ${dossierStatusLabel(entry.toStatus)}` : '')
  );
}

function timelineEvents(entries: Entry[]): TimelineEvent[] {
  return [...entries]
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
    .map((entry, index) => ({
      id: String(entry.id ?? `${entry.at}-${index}`),
      at: entry.at,
      actor: actorName(entry),
      title: entryTitle(entry),
      body:
        entry.note || entry.public === false ? (
          <p>
            {entry.public === false && <span class="badge badge-wait">{t.dossiers.internal}</span>}{' '}
            {entry.note}
          </p>
        ) : undefined,
    }));
}

export default function DossierDetail({ params }: ScreenProps) {
  const id = params.id!;
  const [state, reload] = useApi<Detail>(`/api/admin/dossiers/${encodeURIComponent(id)}`);
  const [action, setAction] = useState<DossierAction | null>(null);
  const [tries, setTries] = useState(0);
  const dossier = state.data;
  usePageTitle(dossier ? `${t.dossiers.title} ${dossier.code}` : t.dossiers.title);

  // A slip is issued by a background job a moment after the step: look again until it is there.
  const waitingFor = dossier ? missingSlip(dossier) : null;
  useEffect(() => {
    if (!waitingFor || state.status !== 'ready' || tries >= SLIP_POLL_TRIES) return;
    const timer = setTimeout(() => {
      setTries((n) => n + 1);
      reload();
    }, SLIP_POLL_MS);
    return () => clearTimeout(timer);
  }, [waitingFor, state.status, tries]);

  const base = `/api/admin/dossiers/${encodeURIComponent(id)}`;
  const actions = detailActions(dossier?.allowedActions);

  return (
    <>
      <p class="breadcrumb">
        <Link to="/dossiers">← {t.dossiers.title}</Link>
      </p>
      <h1>{dossier ? `${t.dossiers.title} ${dossier.code}` : t.dossiers.title}</h1>
      {state.status === 'error' && !dossier ? (
        <ErrorState error={state.error} onRetry={reload} />
      ) : !dossier ? (
        <Loading />
      ) : (
        <>
          <p class="lead">
            {dossier.procedure.name} · {dossier.agency.name} · {channelLabel(dossier.channel)}
          </p>
          <div class="header-badges">
            <span class="badge" data-status={dossier.status}>
              {t.dossiers.status}: <strong>{dossierStatusLabel(dossier.status)}</strong>
            </span>
            <DossierSlaBadge
              dossier={{
                ...dossier,
                pausedAt:
                  dossier.pausedAt ??
                  (dossier.status === 'supplement_requested' && dossier.receivedAt
                    ? dossier.receivedAt
                    : null),
              }}
            />
          </div>
          <section class="panel" aria-labelledby="actions-title">
            <h2 id="actions-title">{t.dossiers.actionsTitle}</h2>
            {actions.length === 0 ? (
              <p class="muted">{t.dossiers.noActions}</p>
            ) : (
              <div class="actions">
                {actions.map((a) => (
                  <button
                    key={a}
                    type="button"
                    class={a === 'refuse' ? 'btn btn-danger' : a === actions[0] ? 'btn btn-primary' : 'btn'}
                    data-action={a}
                    onClick={() => setAction(a)}
                  >
                    {dossierActionLabel(a)}
                  </button>
                ))}
              </div>
            )}
          </section>
          <DetailView
            title={t.dossiers.detailTitle}
            fields={[
              { label: t.dossiers.code, value: <strong>{dossier.code}</strong> },
              { label: t.dossiers.status, value: dossierStatusLabel(dossier.status) },
              {
                label: t.dossiers.procedure,
                value: (
                  <>
                    {dossier.procedure.name} <span class="muted small">({dossier.procedure.code})</span>
                  </>
                ),
              },
              { label: t.dossiers.agency, value: dossier.agency.name },
              { label: t.dossiers.channel, value: channelLabel(dossier.channel) },
              { label: t.dossiers.submittedAt, value: formatDateTime(dossier.submittedAt) },
              { label: t.dossiers.receivedAt, value: formatDateTime(dossier.receivedAt) },
              { label: t.dossiers.dueAt, value: formatDateTime(dossier.dueAt) },
              ...(dossier.completedAt
                ? [{ label: t.dossiers.completedAt, value: formatDateTime(dossier.completedAt) }]
                : []),
              ...(dossier.returnedAt
                ? [{ label: t.dossiers.returnedAt, value: formatDateTime(dossier.returnedAt) }]
                : []),
              { label: t.dossiers.assignee, value: dossier.assignee?.name ?? t.dossiers.unassigned },
              ...(dossier.feeAmount !== null && dossier.feeAmount !== undefined
                ? [{ label: t.dossiers.fee, value: formatVnd(dossier.feeAmount) }]
                : []),
              ...(dossier.rating ? [{ label: t.dossiers.rating, value: `${dossier.rating}/5` }] : []),
            ]}
          />
          <section class="panel" aria-labelledby="applicant-title">
            <h2 id="applicant-title">{t.dossiers.applicantTitle}</h2>
            <p class="muted small">{t.dossiers.applicantAudited}</p>
            <dl class="fields">
              {[
                [t.dossiers.applicantName, dossier.applicant.name],
                [t.dossiers.applicantPhone, dossier.applicant.phone],
                [t.dossiers.applicantId, dossier.applicant.idNumber],
                [t.dossiers.applicantAddress, dossier.applicant.address],
              ].map(([label, value]) => (
                <div class="field-row" key={label}>
                  <dt>{label}</dt>
                  <dd>{value || t.none}</dd>
                </div>
              ))}
            </dl>
          </section>
          {dossier.supplementRequest && (
            <section class="panel" aria-labelledby="supplement-title">
              <h2 id="supplement-title">{t.dossiers.supplementTitle}</h2>
              <ul>
                {dossier.supplementRequest.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
              {dossier.supplementRequest.note && <p>{dossier.supplementRequest.note}</p>}
            </section>
          )}
          <DossierFormData dossier={dossier} />
          <section class="panel" aria-labelledby="files-title">
            <h2 id="files-title">{t.dossiers.filesTitle}</h2>
            <h3>{t.dossiers.slips}</h3>
            {dossier.slips.length === 0 && !waitingFor ? (
              <p class="muted">{t.dossiers.noSlips}</p>
            ) : (
              <ul class="plain" data-testid="slips">
                {dossier.slips.map((slip) => (
                  <li key={slip.id}>
                    <a href={`${base}/slips/${encodeURIComponent(slip.id)}`} target="_blank" rel="noopener">
                      {slipLabel(slip.form)}
                    </a>{' '}
                    <span class="muted small">{formatDateTime(slip.createdAt)}</span>
                  </li>
                ))}
              </ul>
            )}
            {waitingFor && tries < SLIP_POLL_TRIES && (
              <p class="muted" role="status">
                <span class="spinner" aria-hidden="true" /> {t.dossiers.slipPending}
              </p>
            )}
            <h3>{t.dossiers.documents}</h3>
            {dossier.files.filter((f) => f.purpose !== 'slip').length === 0 ? (
              <p class="muted">{t.dossiers.noFiles}</p>
            ) : (
              <ul class="plain">
                {dossier.files
                  .filter((f) => f.purpose !== 'slip')
                  .map((file) => (
                    <li key={file.id}>
                      <a href={`${base}/files/${encodeURIComponent(file.id)}`} target="_blank" rel="noopener">
                        {file.name}
                      </a>{' '}
                      <span class="muted small">{t.dossiers.filePurposes[file.purpose] ?? file.purpose}</span>
                    </li>
                  ))}
              </ul>
            )}
          </section>
          <section class="panel" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t.dossiers.timelineTitle}</h2>
            <Timeline events={timelineEvents(dossier.timeline ?? [])} empty={t.dossiers.timelineEmpty} />
          </section>
          {action && (
            <DossierActionDialog
              dossier={dossier}
              action={action}
              onClose={() => setAction(null)}
              onDone={() => {
                setAction(null);
                setTries(0);
                reload();
              }}
            />
          )}
        </>
      )}
    </>
  );
}
