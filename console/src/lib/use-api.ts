import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, api, isAbort } from '../api/client';

export type Loadable<T> =
  | { status: 'loading'; data?: T }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: ApiError; data?: T };

/**
 * Loads a GET resource and reloads it when the path changes; `reload` for a retry button or after
 * a write. A newer request aborts the older one, so a slow answer never overwrites a fresh one.
 */
export function useApi<T>(path: string | null): [Loadable<T>, () => void] {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState((previous) => ({
      status: 'loading',
      ...(previous.data !== undefined && { data: previous.data }),
    }));
    api<T>(path, { signal: controller.signal }).then(
      (data) => setState({ status: 'ready', data }),
      (error: unknown) => {
        if (isAbort(error)) return;
        setState({ status: 'error', error: asApiError(error) });
      },
    );
    return () => controller.abort();
  }, [path, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return [state, reload];
}

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'CLIENT', (error as Error)?.message ?? String(error));
}
