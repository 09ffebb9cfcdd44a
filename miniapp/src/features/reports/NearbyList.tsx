import { useAction } from '../../hooks/useRequest';
import { Button } from '../../components/Button';
import { formatDateTime } from '../../i18n/i18n';
import { follow, type NearbyReport } from './api';
import { ReportImage, StateTag } from './parts';
import { r } from './strings';

/**
 * "Có phản ánh tương tự gần đây": open reports of the same field near the point. Following one is
 * offered instead of filing the same thing again; sending a new one stays possible.
 */
export function NearbyList(props: {
  items: NearbyReport[];
  onFollowed(report: NearbyReport): void;
  onSendAnyway(): void;
  sending: boolean;
}) {
  const action = useAction();
  const followIt = async (report: NearbyReport) => {
    const done = await action.run(() => follow(report.id, true));
    if (done) props.onFollowed(report);
  };
  return (
    <section class="card report-nearby" aria-labelledby="nearby-title" id="report-nearby" tabIndex={-1}>
      <h2 id="nearby-title" class="card-title">
        {r('new.nearbyTitle')}
      </h2>
      <p>{r('new.nearbyLead')}</p>
      <ul class="list">
        {props.items.map((item) => (
          <li key={item.id} data-code={item.code}>
            <div class="report-item">
              {item.photoUrl && <ReportImage url={item.photoUrl} alt="" />}
              <div>
                <strong class="code">{item.code}</strong>{' '}
                <StateTag state={item.state} label={item.stateLabel} />
                {item.description && <p>{item.description}</p>}
                <p class="muted">
                  {r('new.nearbyDistance', { m: Math.round(item.distanceM) })} ·{' '}
                  {formatDateTime(item.submittedAt)} · {r('new.nearbyFollowers', { n: item.followers })}
                </p>
              </div>
            </div>
            <Button variant="primary" icon="bell" busy={action.busy} onClick={() => void followIt(item)}>
              {r('new.follow')}
              <span class="visually-hidden"> {item.code}</span>
            </Button>
          </li>
        ))}
      </ul>
      {action.error && (
        <p class="form-error" role="alert">
          {action.error.message}
        </p>
      )}
      <Button variant="secondary" busy={props.sending} onClick={props.onSendAnyway}>
        {r('new.sendAnyway')}
      </Button>
    </section>
  );
}
