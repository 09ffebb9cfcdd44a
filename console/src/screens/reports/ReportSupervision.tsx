import type { ScreenProps } from '../../app';
import type { Supervision } from '../../api/reports-types';
import { ErrorState, Loading } from '../../components/States';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/page-title';
import { rt } from '../../lib/reports-text';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { EscalationMark, ReportSlaBadge } from './ReportSlaBadge';
import { ReportsNav } from './ReportsNav';

/**
 * "Giám sát, quá hạn": for supervisors and the province, how many reports each agency in scope has
 * open, late and escalated, and the late or escalated reports themselves, most urgent first.
 */
export default function ReportSupervision(_props: ScreenProps) {
  usePageTitle(rt.supervisionTitle);
  const [state, reload] = useApi<Supervision>('/api/admin/reports/supervision');
  const data = state.data;

  return (
    <>
      <h1>{rt.supervisionTitle}</h1>
      <ReportsNav current="supervision" />
      {state.status === 'error' && !data ? (
        <ErrorState error={state.error} onRetry={reload} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          <section class="panel" aria-labelledby="counts-title">
            <h2 id="counts-title">{rt.supervisionCounts}</h2>
            <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="counts-title">
              <table id="supervision-counts">
                <thead>
                  <tr>
                    <th scope="col">{rt.agency}</th>
                    <th scope="col" class="num">
                      {rt.open}
                    </th>
                    <th scope="col" class="num">
                      {rt.late}
                    </th>
                    <th scope="col" class="num">
                      {rt.escalated}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.counts.length === 0 && (
                    <tr>
                      <td colSpan={4} class="table-empty">
                        {rt.noneLate}
                      </td>
                    </tr>
                  )}
                  {data.counts.map((row) => (
                    <tr key={row.agency.id}>
                      <th scope="row">
                        <Link to={`/reports?agencyId=${encodeURIComponent(row.agency.id)}`}>
                          {row.agency.name}
                        </Link>
                      </th>
                      <td class="num">{row.open.toLocaleString('vi-VN')}</td>
                      <td class="num">
                        {row.late > 0 ? (
                          <Link to={`/reports?agencyId=${encodeURIComponent(row.agency.id)}&late=true`}>
                            {row.late.toLocaleString('vi-VN')}
                          </Link>
                        ) : (
                          '0'
                        )}
                      </td>
                      <td class="num">{row.escalated.toLocaleString('vi-VN')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section class="panel" aria-labelledby="late-title">
            <h2 id="late-title">{rt.supervisionList}</h2>
            {data.items.length === 0 ? (
              <p class="muted">{rt.noneLate}</p>
            ) : (
              <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="late-title">
                <table id="supervision-items">
                  <thead>
                    <tr>
                      <th scope="col">{rt.code}</th>
                      <th scope="col">{rt.category}</th>
                      <th scope="col">{rt.agency}</th>
                      <th scope="col">{rt.state}</th>
                      <th scope="col">{rt.handler}</th>
                      <th scope="col">{rt.submittedAt}</th>
                      <th scope="col">{rt.dueAt}</th>
                      <th scope="col">{rt.escalation}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((r) => (
                      <tr key={r.id}>
                        <th scope="row">
                          <Link to={`/reports/${r.id}`}>{r.code}</Link>
                        </th>
                        <td>{r.category.name}</td>
                        <td>{r.agency.name}</td>
                        <td>{r.stateLabel}</td>
                        <td>{r.handler?.fullName ?? <span class="muted">{rt.noHandler}</span>}</td>
                        <td>{formatDateTime(r.submittedAt)}</td>
                        <td>
                          <ReportSlaBadge report={r} />
                        </td>
                        <td>
                          <EscalationMark level={r.escalationLevel} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </>
  );
}
