import type { Platform } from './types';
import { webPlatform } from './web';

let current: Platform = webPlatform;

/** The adapter in use; the web one until initPlatform() finds Zalo. */
export function platform(): Platform {
  return current;
}

/** Zalo's webview names itself in the user agent; the package is served from *.zdn.vn. */
function insideZalo(): boolean {
  return /zalo/i.test(navigator.userAgent) || location.hostname.endsWith('zdn.vn');
}

/**
 * Picks the adapter once, before the first render. `__ZALO_BUILD__` is false in the web build, so
 * the whole branch, and with it the zmp-sdk chunk, is dropped there. The Zalo package opened in a
 * normal browser (for testing) keeps the web adapter.
 */
export async function initPlatform(): Promise<Platform> {
  if (__ZALO_BUILD__ && insideZalo()) {
    try {
      current = (await import('./zalo')).zaloPlatform;
    } catch (error) {
      console.error('Zalo adapter failed to load; using the web adapter', error);
    }
  }
  return current;
}
