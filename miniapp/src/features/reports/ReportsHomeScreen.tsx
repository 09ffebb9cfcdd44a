import { useEffect, useState } from 'preact/hooks';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { ScreenTitle } from '../../components/ScreenTitle';
import { ErrorState, RequestView } from '../../components/States';
import { useAction, useRequest } from '../../hooks/useRequest';
import { useStore } from '../../lib/store';
import { currentTarget, navigate, routeStore } from '../../state/router';
import { sessionStore } from '../../state/session';
import { showToast } from '../../state/toast';
import { follow, listMyReports, loadMyReport, type MyReportDetail } from './api';
import { ReopenReport, RateReport } from './RateReport';
import { ReportView } from './ReportView';
import { useReportsStyles } from './parts';
import { r } from './strings';

/** One of my reports (or one I follow): what happened, the answer, and what I may do now. */
function MyReport(props: { id: string }) {
  const request = useRequest((signal) => loadMyReport(props.id, signal), [props.id]);
  const [updated, setUpdated] = useState<MyReportDetail | null>(null);
  const unfollow = useAction();
  const report = updated ?? request.data;
  if (request.error?.code === 'REPORT_NOT_FOUND') {
    return <ErrorState error={request.error} message={r('detail.notFound')} />;
  }
  const stopFollowing = async () => {
    const done = await unfollow.run(() => follow(props.id, false));
    if (done) {
      showToast(r('detail.unfollowed'));
      navigate('phan-anh-cua-toi', {}, true);
    }
  };
  return (
    <RequestView request={{ ...request, data: report }}>
      {(detail) => (
        <div class="screen">
          <ScreenTitle>{r('detail.title', { code: detail.code })}</ScreenTitle>
          <ReportView report={detail}>
            {detail.rejectReasonLabel && (
              <p class="report-answer">
                <strong>{r('detail.rejectReason')}:</strong> {detail.rejectReasonLabel}
                {detail.duplicateOf && (
                  <>
                    {' '}
                    <Link page="phan-anh-cong-khai" params={{ id: detail.duplicateOf.id }}>
                      {r('detail.duplicateOf', { code: detail.duplicateOf.code })}
                    </Link>
                  </>
                )}
              </p>
            )}
            {detail.rating && <p>{r('rate.yours', { n: detail.rating.value })}</p>}
            {detail.canRate && <RateReport report={detail} onDone={setUpdated} />}
            {detail.canReopen && <ReopenReport report={detail} onDone={setUpdated} />}
          </ReportView>
          {detail.mine === false && (
            <>
              {unfollow.error && (
                <p class="form-error" role="alert">
                  {unfollow.error.message}
                </p>
              )}
              <Button variant="secondary" busy={unfollow.busy} onClick={() => void stopFollowing()}>
                {r('detail.unfollow')}
              </Button>
            </>
          )}
        </div>
      )}
    </RequestView>
  );
}

/** A notification may name the report by its code: find it among mine. */
function ByCode(props: { code: string }) {
  const request = useRequest(
    async (signal) => {
      const page = await listMyReports(1, signal);
      return page.items.find((item) => item.code === props.code)?.id ?? null;
    },
    [props.code],
  );
  return (
    <RequestView request={request}>
      {(id) => (id ? <MyReport id={id} /> : <ErrorState error={null} message={r('detail.notFound')} />)}
    </RequestView>
  );
}

/**
 * `phan-anh`: the utility's start (send, mine, the public feed); with `id` (or `code`, as the
 * notification links carry) it opens that report of mine, after sign-in.
 */
export default function ReportsHomeScreen() {
  useReportsStyles();
  const { params } = useStore(routeStore);
  const session = useStore(sessionStore);
  const wantsReport = Boolean(params.id || params.code);
  useEffect(() => {
    if (wantsReport && !session) navigate('sign-in', { next: currentTarget() }, true);
  }, [wantsReport, session]);

  if (wantsReport) {
    if (!session) return null;
    return params.id ? <MyReport id={params.id} /> : <ByCode code={params.code!} />;
  }
  return (
    <div class="screen">
      <ScreenTitle>{r('hub.title')}</ScreenTitle>
      <p class="lead">{r('hub.lead')}</p>
      <div class="actions">
        <Link page="gui-phan-anh" class="btn btn-primary">
          <Icon name="camera" />
          <span>{r('hub.new')}</span>
        </Link>
        <Link page="phan-anh-cua-toi" class="btn btn-secondary">
          <Icon name="folder" />
          <span>{r('hub.mine')}</span>
        </Link>
        <Link page="phan-anh-cong-khai" class="btn btn-secondary">
          <Icon name="check" />
          <span>{r('hub.feed')}</span>
        </Link>
      </div>
    </div>
  );
}
