import { useState } from 'preact/hooks';
import type { ScreenProps } from '../../app';
import { withQuery } from '../../api/client';
import type { CostLine, CostReport as Report } from '../../api/types';
import { ErrorState, Loading } from '../../components/States';
import { toast } from '../../components/Toast';
import { t } from '../../i18n';
import { downloadFile } from '../../lib/download';
import {
  channelLabel,
  formatCount,
  formatMoney,
  formatRate,
  isDay,
  messageTypeLabel,
  periodToApi,
  thisMonth,
} from '../../lib/notify-format';
import { usePageTitle } from '../../lib/page-title';
import { setQuery, useLocation } from '../../lib/router';
import { asApiError, useApi } from '../../lib/use-api';
import { NotifyTabs } from './NotifyTabs';

const ENDPOINT = '/api/admin/notifications/cost-report';

function CostTable({
  id,
  title,
  rows,
}: {
  id: string;
  title: string;
  rows: (CostLine & { name: string })[];
}) {
  return (
    <section class="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={title}>
        <table id={id}>
          <thead>
            <tr>
              <th scope="col">{title}</th>
              <th scope="col" class="num">
                {t.notify.messages}
              </th>
              <th scope="col" class="num">
                {t.notify.deliveredRate}
              </th>
              <th scope="col" class="num">
                {t.notify.segments}
              </th>
              <th scope="col" class="num">
                {t.notify.cost}
              </th>
              <th scope="col" class="num">
                {t.notify.allSmsCost}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={6} class="table-empty">
                  {t.notify.noData}
                </td>
              </tr>
            )}
            {rows.map((row) => (
              <tr key={row.name}>
                <th scope="row">{row.name}</th>
                <td class="num">{formatCount(row.messages)}</td>
                <td class="num">{formatRate(row.delivered, row.messages)}</td>
                <td class="num">{formatCount(row.segments)}</td>
                <td class="num">{formatMoney(row.cost)}</td>
                <td class="num">{formatMoney(row.allSmsCost)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** What was sent in a period, through which channels, how much reached people, and what it cost. */
export default function CostReport({ officer }: ScreenProps) {
  usePageTitle(t.notify.costReport);
  const { query } = useLocation();
  const month = thisMonth();
  const from = isDay(query.get('from')) ? query.get('from')! : month.from;
  const to = isDay(query.get('to')) ? query.get('to')! : month.to;
  const valid = from <= to;
  const range = periodToApi(from, to);
  const [state, reload] = useApi<Report>(valid ? withQuery(ENDPOINT, range) : null);
  const [draft, setDraft] = useState({ from, to });
  const [exporting, setExporting] = useState(false);
  const draftValid = isDay(draft.from) && isDay(draft.to) && draft.from <= draft.to;
  const [showInvalid, setShowInvalid] = useState(false);

  const apply = (event: Event) => {
    event.preventDefault();
    if (!draftValid) {
      setShowInvalid(true);
      return;
    }
    setShowInvalid(false);
    setQuery(new URLSearchParams({ from: draft.from, to: draft.to }));
  };

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadFile(
        withQuery(ENDPOINT, { ...range, format: 'xlsx' }),
        `chi-phi-thong-bao-${from}-${to}.xlsx`,
      );
    } catch (error) {
      toast(asApiError(error).message, 'error');
    } finally {
      setExporting(false);
    }
  };

  const report = state.data;
  return (
    <>
      <h1>{t.notify.costReport}</h1>
      <NotifyTabs officer={officer} />
      <p class="muted">{t.notify.costIntro}</p>
      <form class="filter-bar" aria-label={t.notify.period} onSubmit={apply} noValidate>
        <div class="filter filter-date">
          <label for="cost-from">{t.notify.from}</label>
          <input
            id="cost-from"
            type="date"
            value={draft.from}
            aria-invalid={showInvalid ? 'true' : undefined}
            aria-describedby={showInvalid ? 'cost-period-error' : undefined}
            onInput={(e) => setDraft((d) => ({ ...d, from: e.currentTarget.value }))}
          />
        </div>
        <div class="filter filter-date">
          <label for="cost-to">{t.notify.to}</label>
          <input
            id="cost-to"
            type="date"
            value={draft.to}
            aria-invalid={showInvalid ? 'true' : undefined}
            aria-describedby={showInvalid ? 'cost-period-error' : undefined}
            onInput={(e) => setDraft((d) => ({ ...d, to: e.currentTarget.value }))}
          />
        </div>
        <div class="filter-actions">
          <button type="submit" class="btn btn-primary">
            {t.notify.show}
          </button>
          <button type="button" class="btn" disabled={exporting || !valid} onClick={() => void exportXlsx()}>
            {exporting ? t.notify.exporting : t.notify.exportXlsx}
          </button>
        </div>
      </form>
      {(showInvalid || !valid) && (
        <p class="field-error" id="cost-period-error" role="alert">
          {t.notify.periodInvalid}
        </p>
      )}
      {state.status === 'error' ? (
        <ErrorState error={state.error} onRetry={reload} />
      ) : !report ? (
        valid && <Loading />
      ) : (
        <>
          <section class="panel" aria-labelledby="cost-totals" aria-busy={state.status === 'loading'}>
            <h2 id="cost-totals">
              {t.notify.period}: {from.split('-').reverse().join('/')} – {to.split('-').reverse().join('/')}
            </h2>
            <dl class="stat-row cost-totals">
              <div class="stat">
                <dt>{t.notify.messages}</dt>
                <dd data-testid="cost-messages">{formatCount(report.totals.messages)}</dd>
              </div>
              <div class="stat">
                <dt>{t.notify.deliveredRate}</dt>
                <dd>{formatRate(report.totals.delivered, report.totals.messages)}</dd>
              </div>
              <div class="stat">
                <dt>{t.notify.totalCost}</dt>
                <dd data-testid="cost-total">{formatMoney(report.totals.cost)}</dd>
              </div>
              <div class="stat">
                <dt>{t.notify.allSmsCost}</dt>
                <dd data-testid="cost-all-sms">{formatMoney(report.totals.allSmsCost)}</dd>
              </div>
              <div class="stat">
                <dt>{t.notify.saving}</dt>
                <dd data-testid="cost-saving">{formatMoney(report.totals.saving)}</dd>
              </div>
            </dl>
          </section>
          <CostTable
            id="cost-by-channel"
            title={t.notify.byChannel}
            rows={report.byChannel.map((r) => ({ ...r, name: channelLabel(r.channel) }))}
          />
          <CostTable
            id="cost-by-type"
            title={t.notify.byType}
            rows={report.byType.map((r) => ({ ...r, name: messageTypeLabel(r.type) }))}
          />
        </>
      )}
    </>
  );
}
