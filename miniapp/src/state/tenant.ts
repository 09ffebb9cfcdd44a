import { api, asApiError, type ApiError } from '../api/client';
import type { Tenant } from '../api/types';
import { createStore } from '../lib/store';
import { platform } from '../platform';

/**
 * The province's settings (GET /api/tenant). The last copy is kept in storage: the home renders from
 * it at once on a slow network, and offline (marked so) when the network is gone; the service worker
 * never caches /api itself.
 */
export interface TenantState {
  data: Tenant | null;
  /** Showing the saved copy because the network failed. */
  offline: boolean;
  error: ApiError | null;
  loading: boolean;
}

const KEY = 'ctic.tenant';
export const tenantStore = createStore<TenantState>({
  data: null,
  offline: false,
  error: null,
  loading: false,
});

export const SAFE_PRIMARY = '#0b4f8a';

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The brand colour is used for white text on buttons: only if it keeps WCAG AA (4.5:1) against white. */
export function themeColor(primary: string | undefined): string {
  if (!primary || !/^#[0-9a-f]{6}$/i.test(primary)) return SAFE_PRIMARY;
  const ratio = 1.05 / (luminance(primary) + 0.05);
  return ratio >= 4.5 ? primary : SAFE_PRIMARY;
}

function applyBranding(tenant: Tenant): void {
  const color = themeColor(tenant.branding.primaryColor);
  document.documentElement.style.setProperty('--primary', color);
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', color);
  document.title = tenant.branding.appName ?? tenant.name;
}

function readSaved(): Tenant | null {
  try {
    return JSON.parse(platform().storage.get(KEY) ?? 'null') as Tenant | null;
  } catch {
    return null;
  }
}

export async function loadTenant(): Promise<void> {
  const saved = tenantStore.get().data ?? readSaved();
  if (saved) applyBranding(saved);
  if (saved && !navigator.onLine) {
    // No network at all: show the saved copy at once instead of waiting for a request to fail.
    tenantStore.set({ data: saved, offline: true, error: null, loading: false });
    return;
  }
  tenantStore.set({ data: saved, offline: false, error: null, loading: true });
  try {
    // The same request as the document's preload (web build, tenant by host name), so the answer
    // that started downloading with the page is used instead of a second round trip.
    const fresh = await api<Tenant>('/api/tenant', { bare: !__ZALO_BUILD__ && !__TENANT_ID__ });
    platform().storage.set(KEY, JSON.stringify(fresh));
    applyBranding(fresh);
    tenantStore.set({ data: fresh, offline: false, error: null, loading: false });
  } catch (error) {
    const apiError = asApiError(error);
    tenantStore.set({
      data: saved,
      offline: saved !== null && apiError.status === 0,
      error: apiError,
      loading: false,
    });
  }
}

// Back online: refresh so the "offline" mark goes away and the settings are current.
window.addEventListener('online', () => void loadTenant());
