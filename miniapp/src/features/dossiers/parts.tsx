import { formatDateTime, t, type MessageKey } from '../../i18n/i18n';
import type { DossierStatus, TimelineEntry } from './api';
import { formatDate, statusLabel } from './format';

/** The status in words (a tag); the colour only repeats what the words say. */
export function StatusTag(props: { status: DossierStatus | string }) {
  return (
    <span class={`status-tag status-${props.status}`} data-status={props.status}>
      {statusLabel(props.status)}
    </span>
  );
}

function actionLabel(entry: TimelineEntry): string {
  const key = `dos.action.${entry.action}` as MessageKey;
  const text = t(key);
  if (text) return text;
  return entry.toStatus ? statusLabel(entry.toStatus) : entry.action;
}

/** What happened to a dossier, newest first, as a vertical list with the time of each step. */
export function Timeline(props: { entries: TimelineEntry[] }) {
  const entries = [...props.entries].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  if (entries.length === 0) return null;
  return (
    <section class="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title" class="card-title">
        {t('dos.timeline')}
      </h2>
      <p class="muted">{t('dos.timelineHint')}</p>
      <ol class="timeline">
        {entries.map((entry, i) => (
          <li key={`${entry.at}-${i}`} class={i === 0 ? 'timeline-latest' : undefined}>
            <strong>{actionLabel(entry)}</strong>
            <span class="muted">{formatDateTime(entry.at)}</span>
            {entry.note && <p>{entry.note}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Submitted, due date: the few facts every dossier view starts with. */
export function DossierFacts(props: {
  code: string;
  procedure: string;
  agency?: string;
  submittedAt?: string | null;
  dueAt?: string | null;
  completedAt?: string | null;
}) {
  return (
    <dl class="facts">
      <dt>{t('dos.code')}</dt>
      <dd class="dossier-code-inline">{props.code}</dd>
      <dt>{t('dos.procedure')}</dt>
      <dd>{props.procedure}</dd>
      {props.agency && (
        <>
          <dt>{t('dos.agency')}</dt>
          <dd>{props.agency}</dd>
        </>
      )}
      {props.submittedAt && (
        <>
          <dt>{t('dos.submittedAt')}</dt>
          <dd>{formatDateTime(props.submittedAt)}</dd>
        </>
      )}
      <dt>{t('dos.dueAt')}</dt>
      <dd>{props.dueAt ? formatDate(props.dueAt) : t('dos.dueAtPending')}</dd>
      {props.completedAt && (
        <>
          <dt>{t('dos.completedAt')}</dt>
          <dd>{formatDate(props.completedAt)}</dd>
        </>
      )}
    </dl>
  );
}
