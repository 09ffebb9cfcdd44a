import { useEffect, useState } from 'preact/hooks';

/**
 * useState that survives a reload: what a citizen typed (phone number, search text, which step of
 * the sign-in they were on) is still there after the page reloads on a flaky connection. Session
 * storage by default, so personal data ends with the tab.
 */
export function usePersistentState<T>(
  key: string,
  initial: T | (() => T),
  where: 'session' | 'local' = 'session',
): [T, (value: T) => void] {
  const storageKey = `ctic.form.${key}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = (where === 'session' ? sessionStorage : localStorage).getItem(storageKey);
      if (raw !== null) return JSON.parse(raw) as T;
    } catch {
      // storage refused or value unreadable: start fresh
    }
    return typeof initial === 'function' ? (initial as () => T)() : initial;
  });
  useEffect(() => {
    try {
      (where === 'session' ? sessionStorage : localStorage).setItem(storageKey, JSON.stringify(value));
    } catch {
      // keeping it in memory is the best we can do
    }
  }, [storageKey, value, where]);
  return [value, setValue];
}

/** Forgets a field once its form is done (e.g. the code after a successful sign-in). */
export function clearPersistentState(key: string): void {
  try {
    sessionStorage.removeItem(`ctic.form.${key}`);
    localStorage.removeItem(`ctic.form.${key}`);
  } catch {
    // nothing stored
  }
}
