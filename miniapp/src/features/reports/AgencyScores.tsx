import { EmptyState, RequestView } from '../../components/States';
import { useRequest } from '../../hooks/useRequest';
import { loadAgencyScores } from './api';
import { r } from './strings';

function duration(hours: number | null): string {
  if (hours === null) return r('scores.noData');
  if (hours < 48) return r('scores.hours', { n: Math.round(hours) });
  return r('scores.days', { n: Math.round((hours / 24) * 10) / 10 });
}

function percent(rate: number | null): string {
  if (rate === null) return r('scores.noData');
  // The API answers a fraction (0–1); a figure above 1 is already a percentage.
  return `${Math.round(rate <= 1 ? rate * 100 : rate)}%`;
}

/** Each agency's on-time rate, average time to resolve and rating: what citizens judge them by. */
export function AgencyScores() {
  const scores = useRequest((signal) => loadAgencyScores(signal), []);
  return (
    <section aria-labelledby="scores-title">
      <h2 id="scores-title">{r('scores.title')}</h2>
      <RequestView request={scores}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState>{r('scores.none')}</EmptyState>
          ) : (
            <ul class="report-scores">
              {list.map((score) => (
                <li key={score.agency.id} class="card">
                  <h3>{score.agency.name}</h3>
                  <dl class="facts">
                    <dt>{r('scores.total')}</dt>
                    <dd>{score.total}</dd>
                    <dt>{r('scores.resolved')}</dt>
                    <dd>{score.resolved}</dd>
                    <dt>{r('scores.onTime')}</dt>
                    <dd>{percent(score.onTimeRate)}</dd>
                    <dt>{r('scores.avgTime')}</dt>
                    <dd>{duration(score.avgResolutionHours)}</dd>
                    <dt>{r('scores.rating')}</dt>
                    <dd>
                      {score.avgRating === null
                        ? r('scores.noData')
                        : `${score.avgRating.toFixed(1)}/5 (${score.ratings})`}
                    </dd>
                  </dl>
                </li>
              ))}
            </ul>
          )
        }
      </RequestView>
    </section>
  );
}
