import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ScreenProps } from '../../app';
import type { RejectReason, ReportDetail as Detail, ReportTimelineEntry } from '../../api/reports-types';
import { DetailView } from '../../components/DetailView';
import { ErrorState, Loading } from '../../components/States';
import { Timeline, type TimelineEvent } from '../../components/Timeline';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/page-title';
import { actionLabel, canModerate, detailActions, timelineActor } from '../../lib/reports';
import { REJECT_REASON_LABELS, rt } from '../../lib/reports-text';
import { Link, navigate } from '../../lib/router';
import { usePublicCategory } from '../../lib/reports-options';
import { useApi } from '../../lib/use-api';
import { ReportActionDialog } from './ReportActionDialog';
import { ReportModeration } from './ReportModeration';
import { ReportPhotos } from './ReportPhotos';
import { ReportReporter } from './ReportReporter';
import { EscalationMark, ReportSlaBadge } from './ReportSlaBadge';
import { ReportsMap } from './ReportsMap';
import { STATE_OPTIONS } from './report-filters';
import './reports.css';

const stateName = (key: string) => STATE_OPTIONS.find((o) => o.value === key)?.label ?? key;

function timelineEvents(entries: ReportTimelineEntry[], stateLabel: (s: string) => string): TimelineEvent[] {
  return (
    [...entries]
      // Newest first; steps of one request share a timestamp, so the event order breaks the tie.
      .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || Number(b.id ?? 0) - Number(a.id ?? 0))
      .map((entry, index) => ({
        id: String(entry.id ?? `${entry.at}-${index}`),
        at: entry.at,
        actor: timelineActor(entry),
        title:
          (entry.label ?? actionLabel(entry.action)) +
          (entry.toState && entry.toState !== entry.fromState ? ` → ${stateLabel(entry.toState)}` : ''),
        body:
          entry.note || entry.public === false ? (
            <p>
              {entry.public === false && <span class="badge badge-wait">{rt.internal}</span>} {entry.note}
            </p>
          ) : undefined,
      }))
  );
}

export default function ReportDetail({ params, officer }: ScreenProps) {
  const id = params.id!;
  const [state, reload] = useApi<Detail>(`/api/admin/reports/${encodeURIComponent(id)}`);
  const [override, setOverride] = useState<Detail | null>(null);
  const [action, setAction] = useState<string | null>(null);
  // An action or moderation answers the updated report: show it at once, without a second request.
  const report = override && override.id === state.data?.id ? override : state.data;
  usePageTitle(report ? `${rt.title} ${report.code}` : rt.title);
  const points = useMemo(
    () =>
      report
        ? [
            {
              id: report.id,
              code: report.code,
              lat: report.lat,
              lng: report.lng,
              state: report.state,
              late: report.late,
            },
          ]
        : [],
    [report?.id, report?.lat, report?.lng, report?.state, report?.late],
  );
  useEffect(() => setOverride(null), [state.data]);
  const update = (next: Detail) => setOverride(next);
  const actions = detailActions(report?.actions);
  const category = usePublicCategory(report?.category.id);
  const moderate = canModerate(officer.roles, report?.actions ?? []);

  return (
    <>
      <p class="breadcrumb">
        <Link to="/reports">← {rt.title}</Link>
      </p>
      <h1>{report ? `${rt.title} ${report.code}` : rt.title}</h1>
      {state.status === 'error' && !report ? (
        <ErrorState error={state.error} onRetry={reload} />
      ) : !report ? (
        <Loading />
      ) : (
        <>
          <p class="lead">
            {report.category.name} · {report.agency.name}
            {report.commune && ` · ${report.commune.name}`}
          </p>
          <div class="header-badges">
            <span class="badge" data-status={report.state}>
              {rt.state}: <strong>{report.stateLabel}</strong>
            </span>
            {report.inTriage && report.state !== 'submitted' && (
              <span class="badge badge-wait">{rt.triageBadge}</span>
            )}
            <ReportSlaBadge report={report} />
            <EscalationMark level={report.escalationLevel} />
          </div>
          <section class="panel" aria-labelledby="actions-title">
            <h2 id="actions-title">{rt.actionsTitle}</h2>
            {actions.length === 0 ? (
              <p class="muted">{rt.noActions}</p>
            ) : (
              <div class="actions">
                {actions.map((a, index) => (
                  <button
                    key={a}
                    type="button"
                    class={a === 'reject' ? 'btn btn-danger' : index === 0 ? 'btn btn-primary' : 'btn'}
                    data-action={a}
                    onClick={() => setAction(a)}
                  >
                    {actionLabel(a)}
                  </button>
                ))}
              </div>
            )}
          </section>
          <DetailView
            title={rt.detailTitle}
            fields={[
              { label: rt.code, value: <strong>{report.code}</strong> },
              { label: rt.category, value: report.category.name },
              { label: rt.agency, value: report.agency.name },
              { label: rt.handler, value: report.handler?.fullName ?? rt.noHandler },
              { label: rt.submittedAt, value: formatDateTime(report.submittedAt) },
              { label: rt.dueAt, value: formatDateTime(report.dueAt) },
              ...(report.resolvedAt
                ? [{ label: rt.resolvedAt, value: formatDateTime(report.resolvedAt) }]
                : []),
              ...(report.rejectReason
                ? [
                    {
                      label: rt.rejectReason,
                      value: REJECT_REASON_LABELS[report.rejectReason as RejectReason] ?? report.rejectReason,
                    },
                  ]
                : []),
              ...(report.duplicateOf
                ? [
                    {
                      label: rt.duplicateOf,
                      value: <Link to={`/reports/${report.duplicateOf.id}`}>{report.duplicateOf.code}</Link>,
                    },
                  ]
                : []),
              ...(report.rating
                ? [
                    {
                      label: rt.rating,
                      value: `${rt.ratingValue(report.rating)}${
                        report.ratingFixed === true
                          ? ` · ${rt.fixedYes}`
                          : report.ratingFixed === false
                            ? ` · ${rt.fixedNo}`
                            : ''
                      }${report.ratingComment ? ` · ${report.ratingComment}` : ''}`,
                    },
                  ]
                : []),
              { label: rt.followers, value: String(report.followers) },
            ]}
          >
            <h3>{rt.description}</h3>
            <p class="report-text">{report.description}</p>
            {report.answer && (
              <>
                <h3>{rt.answer}</h3>
                <p class="report-text">{report.answer}</p>
              </>
            )}
          </DetailView>
          <ReportPhotos report={report} allowed={moderate} onChange={update} />
          <section class="panel" aria-labelledby="location-title">
            <h2 id="location-title">{rt.location}</h2>
            <p>
              {report.address ?? rt.coordinates(report.lat, report.lng)}
              {report.locationSource && (
                <span class="muted small">
                  {' '}
                  · {rt.locationSources[report.locationSource] ?? report.locationSource}
                </span>
              )}
            </p>
            <ReportsMap points={points} label={rt.locationMap} class="report-map-small" />
          </section>
          <ReportReporter report={report} category={category} />
          <ReportModeration report={report} allowed={moderate} onChange={update} />
          <section class="panel" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{rt.timelineTitle}</h2>
            <Timeline
              events={timelineEvents(report.timeline ?? [], (s) =>
                s === report.state ? report.stateLabel : stateName(s),
              )}
              empty={rt.timelineEmpty}
            />
          </section>
          {action && (
            <ReportActionDialog
              report={report}
              action={action}
              proofRequired={category?.proofPhotoRequired === true}
              onClose={() => setAction(null)}
              onDone={(updated) => {
                setAction(null);
                if (!updated) {
                  navigate('/reports');
                  return;
                }
                update(updated);
                reload();
              }}
            />
          )}
        </>
      )}
    </>
  );
}
