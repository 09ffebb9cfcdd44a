import type { ComponentChildren } from 'preact';
import { formatDateTime } from '../../i18n/i18n';
import type { FeedDetail, MyReportDetail } from './api';
import { communeName, PhotoGallery, ReportTimeline, StateTag } from './parts';
import { r } from './strings';

/**
 * One report as text, photos and timeline: the same for the public feed and for "Phản ánh của tôi"
 * (the reporter's version adds the due date; what only they may do comes in `children`).
 */
export function ReportView(props: {
  report: FeedDetail & Partial<MyReportDetail>;
  children?: ComponentChildren;
}) {
  const report = props.report;
  const commune = communeName(report.commune);
  // The suggested address already names the commune; say it once.
  const place = [report.address, commune && !report.address?.includes(commune) ? commune : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <>
      <dl class="facts">
        <dt>{r('detail.status')}</dt>
        <dd>
          <StateTag state={report.state} label={report.stateLabel} />
        </dd>
        <dt>{r('detail.category')}</dt>
        <dd>{report.category.name}</dd>
        {report.agency && (
          <>
            <dt>{r('detail.agency')}</dt>
            <dd>{report.agency.name}</dd>
          </>
        )}
        {place && (
          <>
            <dt>{r('detail.address')}</dt>
            <dd>{place}</dd>
          </>
        )}
        <dt>{r('detail.submitted')}</dt>
        <dd>{formatDateTime(report.submittedAt)}</dd>
        {report.dueAt && (
          <>
            <dt>{r('detail.due')}</dt>
            <dd>{formatDateTime(report.dueAt)}</dd>
          </>
        )}
        {report.reporterName && (
          <>
            <dt>{r('detail.reporter')}</dt>
            <dd>{report.reporterName}</dd>
          </>
        )}
      </dl>
      <section aria-labelledby="report-description">
        <h2 id="report-description">{r('detail.description')}</h2>
        <p class="report-description">{report.description ?? <em class="muted">{r('detail.hidden')}</em>}</p>
      </section>
      <PhotoGallery photos={report.photos ?? []} title={r('detail.photos')} />
      {report.answer && (
        <section class="card" aria-labelledby="report-answer">
          <h2 id="report-answer" class="card-title">
            {r('detail.answer')}
          </h2>
          <p class="report-answer">{report.answer}</p>
        </section>
      )}
      <PhotoGallery photos={report.resolutionPhotos ?? []} title={r('detail.resolutionPhotos')} />
      {props.children}
      <ReportTimeline entries={report.timeline ?? []} />
    </>
  );
}
