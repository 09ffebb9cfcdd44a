import type { ComponentType } from 'preact';
import type { IconName } from '../components/Icon';
import type { MessageKey } from '../i18n/i18n';

/**
 * Utility key (server/src/modules/tenancy/utilities.ts) → the feature screen that implements it.
 * A tile shows only when the province enables the key AND the app has its screen here: features
 * arrive with their own issues, never as placeholders.
 */
export interface Feature {
  key: string;
  label: MessageKey;
  hint: MessageKey;
  icon: IconName;
  load: () => Promise<{ default: ComponentType }>;
  /** The tile opens another feature's screen (e.g. "Nộp hồ sơ" starts in the catalog). */
  opens?: { page: string; params?: Record<string, string> };
  signedIn?: boolean;
}

const catalog = () => import('./dossiers/CatalogScreen');
const lookup = () => import('./dossiers/LookupScreen');

export const FEATURES: Feature[] = [
  {
    key: 'nop-ho-so',
    label: 'util.nop-ho-so',
    hint: 'util.nop-ho-so.hint',
    icon: 'send',
    // The page `nop-ho-so` is the form of one procedure; the tile first lets the citizen choose it.
    load: () => import('./dossiers/FormScreen'),
    signedIn: true,
    opens: { page: 'tra-cuu-thu-tuc', params: { muc: 'nop' } },
  },
  {
    key: 'tra-cuu-ho-so',
    label: 'util.tra-cuu-ho-so',
    hint: 'util.tra-cuu-ho-so.hint',
    icon: 'qr',
    load: lookup,
  },
  {
    key: 'tra-cuu-thu-tuc',
    label: 'util.tra-cuu-thu-tuc',
    hint: 'util.tra-cuu-thu-tuc.hint',
    icon: 'document',
    load: catalog,
  },
  {
    key: 'danh-ba',
    label: 'util.danh-ba',
    hint: 'util.danh-ba.hint',
    icon: 'directory',
    load: () => import('./directory/DirectoryScreen'),
  },
  {
    key: 'phan-anh',
    label: 'util.phan-anh',
    hint: 'util.phan-anh.hint',
    icon: 'camera',
    // Send, mine and the public feed; with `id` (notification links) one of my reports.
    load: () => import('./reports/ReportsHomeScreen'),
  },
];

/*
 * Reports made offline wait in IndexedDB (features/reports/outbox.ts); a flag in localStorage says
 * so without loading that chunk. They go when the connection returns and when the app starts (a
 * few seconds in, so the home's own requests go first on a slow line).
 */
function sendSavedReports(): void {
  let waiting = false;
  try {
    waiting = Boolean(localStorage.getItem('ctic.reports.outbox'));
  } catch {
    // storage refused: nothing could have been flagged
  }
  if (waiting) void import('./reports/outbox').then((outbox) => outbox.flushOutbox()).catch(() => undefined);
}
if (typeof window !== 'undefined') {
  window.addEventListener('online', sendSavedReports);
  setTimeout(sendSavedReports, 3000);
}

/** Screens a feature adds that are not tiles of their own (a procedure, my dossiers…). */
const FEATURE_PAGES: Record<string, Pick<Feature, 'load' | 'signedIn'>> = {
  'gui-phan-anh': { load: () => import('./reports/NewReportScreen'), signedIn: true },
  'phan-anh-cua-toi': { load: () => import('./reports/MyReportsScreen'), signedIn: true },
  'phan-anh-cong-khai': { load: () => import('./reports/FeedScreen') },
  'thu-tuc': { load: () => import('./dossiers/ProcedureScreen') },
  'ho-so-cua-toi': { load: () => import('./dossiers/MyDossiersScreen'), signedIn: true },
  'ho-so': { load: () => import('./dossiers/DossierScreen'), signedIn: true },
};

const byKey = new Map(FEATURES.map((feature) => [feature.key, feature]));

export function featureFor(key: string): Pick<Feature, 'load' | 'signedIn'> | undefined {
  return byKey.get(key) ?? FEATURE_PAGES[key];
}

/** Where a tile leads: its own page, or the screen it starts from. */
export function tileTarget(feature: Feature): { page: string; params: Record<string, string> } {
  return feature.opens
    ? { page: feature.opens.page, params: feature.opens.params ?? {} }
    : { page: feature.key, params: {} };
}

/** The tenant's enabled utilities that have a screen, in the tenant's order. */
export function enabledFeatures(utilityKeys: readonly string[]): Feature[] {
  return utilityKeys.map((key) => byKey.get(key)).filter((f): f is Feature => f !== undefined);
}
