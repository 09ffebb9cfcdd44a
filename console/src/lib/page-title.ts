import { useEffect } from 'preact/hooks';
import { t } from '../i18n';

/** The browser tab says which screen this is (and so does a screen reader when the page changes). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — ${t.appTitle}`;
  }, [title]);
}
