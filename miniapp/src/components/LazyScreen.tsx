import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { SLOW_AFTER_MS } from '../hooks/useRequest';
import { t } from '../i18n/i18n';
import type { ScreenEntry } from '../screens/registry';
import { ErrorState, Progress } from './States';

const loaded = new Map<ScreenEntry['load'], ComponentType>();

/**
 * Loads a screen's chunk on first use. On a slow network the citizen sees progress; when the chunk
 * cannot be fetched (offline, screen not yet cached) they get a clear message and "Thử lại".
 */
export function LazyScreen(props: { entry: ScreenEntry }) {
  const { entry } = props;
  const [Screen, setScreen] = useState<ComponentType | undefined>(() => loaded.get(entry.load));
  const [failed, setFailed] = useState(false);
  const [slow, setSlow] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (Screen) return;
    let live = true;
    setFailed(false);
    const timer = setTimeout(() => live && setSlow(true), SLOW_AFTER_MS);
    entry
      .load()
      .then((module) => {
        loaded.set(entry.load, module.default);
        if (live) setScreen(() => module.default);
      })
      .catch(() => live && setFailed(true))
      .finally(() => clearTimeout(timer));
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [entry, attempt, Screen]);

  if (Screen) return <Screen />;
  if (failed)
    return <ErrorState error={null} message={t('error.screen')} onRetry={() => setAttempt((n) => n + 1)} />;
  return slow ? <Progress /> : null;
}
