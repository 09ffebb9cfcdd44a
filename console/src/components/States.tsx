import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api/client';
import { t } from '../i18n';

/** Loading, error, forbidden and not-found states every screen shares. */

export function Loading({ label = t.loading }: { label?: string }) {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function Forbidden({ message = t.errors.forbidden }: { message?: string }) {
  return (
    <section class="panel state state-forbidden" aria-labelledby="forbidden-title">
      <h2 id="forbidden-title">{t.errors.forbiddenTitle}</h2>
      <p>{message}</p>
    </section>
  );
}

export function NotFound({ message = t.errors.notFound }: { message?: string }) {
  return (
    <section class="panel state" aria-labelledby="notfound-title">
      <h2 id="notfound-title">{t.errors.notFoundTitle}</h2>
      <p>{message}</p>
    </section>
  );
}

/** The server's message, and a retry button when trying again can help. */
export function ErrorState({
  error,
  onRetry,
  children,
}: {
  error: ApiError;
  onRetry?: () => void;
  children?: ComponentChildren;
}) {
  if (error.code === 'FORBIDDEN') return <Forbidden message={`${error.message} ${t.errors.forbidden}`} />;
  if (error.status === 404) return <NotFound message={error.message} />;
  return (
    <div class="panel state state-error" role="alert">
      <p>
        <strong>{t.errors.loadFailed}</strong> {error.message}
      </p>
      {children}
      {onRetry && (
        <button type="button" class="btn" onClick={onRetry}>
          {t.retry}
        </button>
      )}
    </div>
  );
}
