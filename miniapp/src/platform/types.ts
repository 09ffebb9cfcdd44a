/**
 * What the app needs from the device. Inside Zalo these map to zmp-sdk; on the web to the browser's
 * own equivalents. Screens talk to this interface only, never to zmp-sdk or navigator directly.
 */
export interface KeyValueStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/**
 * Zalo hands out a one-use token the server exchanges (with the citizen's Zalo access token);
 * the browser gives coordinates.
 */
export type DeviceLocation =
  | { kind: 'coords'; latitude: number; longitude: number; accuracy: number }
  | { kind: 'token'; token: string; accessToken: string };

export interface ShareContent {
  title: string;
  text: string;
  url: string;
}

export interface ZaloIdentity {
  /** Asks Zalo for the profile permission, then returns the access token the server verifies. */
  accessToken(): Promise<string>;
  /** One-use token for the phone number (after the citizen agreed); null if they refused in Zalo. */
  phoneToken(): Promise<string | null>;
}

export interface Platform {
  kind: 'web' | 'zalo';
  storage: KeyValueStorage;
  /** Present inside Zalo only. */
  zalo: ZaloIdentity | null;
  /** Ask only after the location consent. */
  location(): Promise<DeviceLocation>;
  /** Reads a QR code with the camera; null when the citizen cancels. */
  scanQr(): Promise<string | null>;
  /**
   * Photos from the camera or the gallery (both when `source` is left out); empty when cancelled.
   * `pdf` lets the gallery picker offer PDF files too where the platform can (the web).
   */
  pickImages(options: { max: number; source?: 'camera' | 'album'; pdf?: boolean }): Promise<Blob[]>;
  /** Opens the phone dialler. Web pages use `tel:` links directly; this is for Zalo and code paths. */
  call(phone: string): Promise<void>;
  share(content: ShareContent): Promise<'shared' | 'copied' | 'cancelled'>;
  /** Follow the province's Official Account (for dossier notifications). */
  followOfficialAccount(oaId: string): Promise<void>;
  /** Let the Official Account message the citizen (Zalo's interaction permission). */
  allowOfficialAccountMessages(oaId: string): Promise<void>;
}
