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
}

export const FEATURES: Feature[] = [
  {
    key: 'danh-ba',
    label: 'util.danh-ba',
    hint: 'util.danh-ba.hint',
    icon: 'directory',
    load: () => import('./directory/DirectoryScreen'),
  },
];

const byKey = new Map(FEATURES.map((feature) => [feature.key, feature]));

export function featureFor(key: string): Feature | undefined {
  return byKey.get(key);
}

/** The tenant's enabled utilities that have a screen, in the tenant's order. */
export function enabledFeatures(utilityKeys: readonly string[]): Feature[] {
  return utilityKeys.map((key) => byKey.get(key)).filter((f): f is Feature => f !== undefined);
}
