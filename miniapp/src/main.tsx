import { render } from 'preact';
import { App } from './App';
import { initPlatform } from './platform';
import { applyStoredPrefsEarly, loadPrefs } from './state/prefs';
import { loadSession } from './state/session';
import { loadTenant } from './state/tenant';
import './styles.css';

// Text size and language before anything renders: no jump from small to large text.
applyStoredPrefsEarly();

async function start(): Promise<void> {
  await initPlatform();
  await loadPrefs();
  loadSession();
  void loadTenant();
  const root = document.getElementById('app')!;
  root.textContent = '';
  render(<App />, root);
}

void start();

// The web build caches its shell so a second visit opens offline. Not in the Zalo package (Zalo
// serves it) and not in `vite dev` (a cached dev shell would hide edits).
if (!__ZALO_BUILD__ && import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
      console.warn('service worker not registered', error);
    });
  });
}
