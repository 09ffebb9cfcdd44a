import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { asApiError, type ApiError } from '../api/client';

export interface RequestState<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  /** Still loading after ~300 ms: time to show progress (quick answers show none, no flicker). */
  slow: boolean;
  retry(): void;
}

export const SLOW_AFTER_MS = 300;

/** Runs `load` when `deps` change; the latest call wins, earlier ones are aborted. */
export function useRequest<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): RequestState<T> {
  const [state, setState] = useState<Omit<RequestState<T>, 'retry'>>({
    data: undefined,
    error: null,
    loading: true,
    slow: false,
  });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, error: null, loading: true, slow: false }));
    const slowTimer = setTimeout(
      () => setState((s) => (s.loading ? { ...s, slow: true } : s)),
      SLOW_AFTER_MS,
    );
    loadRef
      .current(controller.signal)
      .then((data) => {
        if (!controller.signal.aborted) setState({ data, error: null, loading: false, slow: false });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) {
          setState((s) => ({ ...s, error: asApiError(error), loading: false, slow: false }));
        }
      })
      .finally(() => clearTimeout(slowTimer));
    return () => {
      controller.abort();
      clearTimeout(slowTimer);
    };
    // `deps` is the caller's list, as with useEffect; `attempt` re-runs it for "Thử lại".
  }, [...deps, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}

/** For buttons: `busy` while an action runs, with the same delayed progress. */
export function useAction(): {
  busy: boolean;
  run<T>(action: () => Promise<T>): Promise<T | undefined>;
  error: ApiError | null;
  setError(error: ApiError | null): void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (caught) {
      setError(asApiError(caught));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, run, error, setError };
}
