import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api/client';
import type { RequestState } from '../hooks/useRequest';
import { t } from '../i18n/i18n';
import { Button } from './Button';
import { Icon } from './Icon';

export function EmptyState(props: { children: ComponentChildren }) {
  return (
    <div class="state state-empty">
      <Icon name="info" size={32} />
      <p>{props.children}</p>
    </div>
  );
}

/** What went wrong, in words, and one big "Thử lại" button. Announced when it appears. */
export function ErrorState(props: { error: ApiError | null; onRetry?: () => void; message?: string }) {
  return (
    <div class="state state-error" role="alert">
      <Icon name="alert" size={32} />
      <p class="state-title">{t('error.title')}</p>
      <p>{props.message ?? props.error?.message ?? t('error.generic')}</p>
      {props.onRetry && (
        <Button variant="primary" onClick={props.onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </div>
  );
}

/** Progress for slow requests. Rendered only once a request has taken ~300 ms. */
export function Progress(props: { label?: string }) {
  return (
    <div class="state state-progress" role="status">
      <span class="spinner spinner-large" aria-hidden="true" />
      <p>{props.label ?? t('common.slow')}</p>
    </div>
  );
}

/** Loading → progress (when slow) → error with retry → the content. */
export function RequestView<T>(props: {
  request: RequestState<T>;
  children: (data: T) => ComponentChildren;
}) {
  const { request } = props;
  if (request.error) return <ErrorState error={request.error} onRetry={request.retry} />;
  if (request.data === undefined) return request.slow ? <Progress /> : null;
  return <>{props.children(request.data)}</>;
}
