import {
  chooseImage,
  followOA,
  getAccessToken,
  getLocation,
  getPhoneNumber,
  getUserInfo,
  interactOA,
  nativeStorage,
  openPhone,
  openShareSheet,
  scanQRCode,
} from 'zmp-sdk/apis';
import { dialable } from '../lib/text';
import type { KeyValueStorage, Platform } from './types';
import { localStore } from './web';

/*
 * The Zalo adapter: loaded lazily, only in the Zalo package and only inside Zalo. It imports just the
 * zmp-sdk functions it calls, so the bundler leaves the rest of the SDK out.
 */

/** Zalo's own storage survives the webview clearing its localStorage; mirror to it as a fallback. */
const storage: KeyValueStorage = {
  get(key) {
    try {
      return nativeStorage.getItem(key) || localStore.get(key);
    } catch {
      return localStore.get(key);
    }
  },
  set(key, value) {
    localStore.set(key, value);
    try {
      nativeStorage.setItem(key, value);
    } catch {
      // localStorage still holds it
    }
  },
  remove(key) {
    localStore.remove(key);
    try {
      nativeStorage.removeItem(key);
    } catch {
      // nothing stored natively
    }
  },
};

export const zaloPlatform: Platform = {
  kind: 'zalo',
  storage,
  zalo: {
    async accessToken() {
      // Shows Zalo's own permission prompt for the name and avatar (our consent sheet came first).
      await getUserInfo({ autoRequestPermission: true });
      return getAccessToken();
    },
    async phoneToken() {
      try {
        const { token } = await getPhoneNumber();
        return token ?? null;
      } catch {
        return null;
      }
    },
  },
  async location() {
    const { token } = await getLocation();
    if (!token) throw new Error('Zalo returned no location token');
    // The exchange needs the citizen's Zalo session too; getAccessToken asks for no permission.
    return { kind: 'token', token, accessToken: await getAccessToken() };
  },
  async scanQr() {
    try {
      const { content } = await scanQRCode();
      return content || null;
    } catch {
      return null;
    }
  },
  async pickImages(options) {
    const sourceType: ('camera' | 'album')[] = options.source ? [options.source] : ['camera', 'album'];
    const { filePaths } = await chooseImage({ count: options.max, sourceType });
    // The paths are local URLs the webview can fetch; uploads need the bytes.
    return Promise.all(filePaths.map(async (p) => (await fetch(p)).blob()));
  },
  call: (phone) => openPhone({ phoneNumber: dialable(phone) }),
  async share(content) {
    const result = await openShareSheet({ type: 'link', data: { link: content.url } });
    return result.status === 0 ? 'cancelled' : 'shared';
  },
  followOfficialAccount: (oaId) => followOA({ id: oaId }),
  allowOfficialAccountMessages: (oaId) => interactOA({ oaId }),
};
