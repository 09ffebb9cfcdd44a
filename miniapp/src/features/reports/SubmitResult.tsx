import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { ScreenTitle } from '../../components/ScreenTitle';
import { formatDateTime } from '../../i18n/i18n';
import type { Submitted } from './api';
import { r } from './strings';

/** After sending: the code to quote, who handles it and by when; or that it waits to be sent. */
export function SubmitResult(props: {
  result: Submitted | 'saved' | { followed: string };
  onAnother(): void;
}) {
  const { result } = props;
  return (
    <div class="screen">
      <ScreenTitle>{result === 'saved' ? r('mine.pending') : r('new.doneTitle')}</ScreenTitle>
      {result === 'saved' ? (
        <div class="callout" role="status">
          <Icon name="info" />
          <p>{r('new.savedOffline')}</p>
        </div>
      ) : 'followed' in result ? (
        <div class="callout" role="status">
          <Icon name="check" />
          <p>{r('new.following', { code: result.followed })}</p>
        </div>
      ) : (
        <div class="card" role="status">
          <p>{r('new.doneCode')}</p>
          <p class="report-code" data-testid="report-code">
            {result.code}
          </p>
          <dl class="facts">
            {result.agency && (
              <>
                <dt>{r('new.doneAgency')}</dt>
                <dd>{result.agency.name}</dd>
              </>
            )}
            {result.dueAt && (
              <>
                <dt>{r('new.doneDue')}</dt>
                <dd>{formatDateTime(result.dueAt)}</dd>
              </>
            )}
          </dl>
          {result.inTriage && <p>{r('new.doneTriage')}</p>}
        </div>
      )}
      <div class="actions">
        <Link page="phan-anh-cua-toi" class="btn btn-primary">
          <Icon name="folder" />
          <span>{r('new.viewMine')}</span>
        </Link>
        <button type="button" class="btn btn-secondary" onClick={props.onAnother}>
          <Icon name="plus" />
          <span>{r('new.another')}</span>
        </button>
      </div>
    </div>
  );
}
