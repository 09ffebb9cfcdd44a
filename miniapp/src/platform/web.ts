import { dialable } from '../lib/text';
import type { KeyValueStorage, Platform } from './types';

/** localStorage, or memory when the browser refuses it (private mode on old phones). */
function browserStorage(): KeyValueStorage {
  const memory = new Map<string, string>();
  return {
    get(key) {
      try {
        return localStorage.getItem(key);
      } catch {
        return memory.get(key) ?? null;
      }
    },
    set(key, value) {
      try {
        localStorage.setItem(key, value);
      } catch {
        memory.set(key, value);
      }
    },
    remove(key) {
      memory.delete(key);
      try {
        localStorage.removeItem(key);
      } catch {
        // nothing stored there
      }
    },
  };
}

export const localStore = browserStorage();

/** Opens Zalo's page for an Official Account (the browser has no follow API of its own). */
function openOfficialAccount(oaId: string): Promise<void> {
  window.open(`https://zalo.me/${encodeURIComponent(oaId)}`, '_blank', 'noopener');
  return Promise.resolve();
}

/** The browser's equivalents; camera, gallery and QR decoding load only when first used. */
export const webPlatform: Platform = {
  kind: 'web',
  storage: localStore,
  zalo: null,
  location: () =>
    new Promise((resolve, reject) => {
      if (!('geolocation' in navigator)) return reject(new Error('geolocation unavailable'));
      navigator.geolocation.getCurrentPosition(
        (position) =>
          resolve({
            kind: 'coords',
            latitude: position.coords.latitude,
            longitude: position.coords.longitude,
            accuracy: position.coords.accuracy,
          }),
        (error) => reject(new Error(error.message)),
        { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
      );
    }),
  scanQr: async () => (await import('./web-media')).scanQrFromCamera(),
  pickImages: async (options) => (await import('./web-media')).pickImageFiles(options),
  call(phone) {
    window.location.href = `tel:${dialable(phone)}`;
    return Promise.resolve();
  },
  async share(content) {
    if (navigator.share) {
      try {
        await navigator.share(content);
        return 'shared';
      } catch {
        return 'cancelled';
      }
    }
    await navigator.clipboard.writeText(`${content.text} ${content.url}`);
    return 'copied';
  },
  followOfficialAccount: openOfficialAccount,
  allowOfficialAccountMessages: openOfficialAccount,
};
