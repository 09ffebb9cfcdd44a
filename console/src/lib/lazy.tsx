import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { Loading } from '../components/States';

/*
 * Screens are separate chunks, fetched the first time they are opened, so the console's first load
 * is only the shell. (preact/compat's lazy/Suspense would work too, but compat costs more bytes than
 * this whole file.)
 */
export function lazyScreen<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const fetchScreen = () => {
    pending ??= load().then(
      (m) => (loaded = m.default),
      (error: unknown) => {
        pending = null; // let a retry fetch again
        throw error;
      },
    );
    return pending;
  };

  return function LazyScreen(props: P) {
    // A re-render trigger only (not the component itself: useState would call a function it is given).
    const [, setReady] = useState(false);
    const [failed, setFailed] = useState(false);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (loaded) return;
      let live = true;
      fetchScreen().then(
        () => live && setReady(true),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, [attempt]);
    if (loaded) {
      const Screen = loaded;
      return <Screen {...props} />;
    }
    if (failed) {
      return (
        <div class="panel state state-error" role="alert">
          <p>{t.errors.screenFailed}</p>
          <button
            type="button"
            class="btn"
            onClick={() => {
              setFailed(false);
              setAttempt((n) => n + 1);
            }}
          >
            {t.retry}
          </button>
        </div>
      );
    }
    return <Loading />;
  };
}
