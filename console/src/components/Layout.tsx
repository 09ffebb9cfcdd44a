import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { api } from '../api/client';
import type { OfficerProfile, PublicTenant } from '../api/types';
import { t } from '../i18n';
import { canUse, type Section } from '../lib/access';
import { Link, navigate, useLocation } from '../lib/router';
import { signedOut } from '../lib/session';
import { useApi } from '../lib/use-api';
import { toast } from './Toast';

/*
 * The desk layout: header with the province and the officer, navigation listing only what the
 * officer's roles may open, and the main area. When the path changes, focus moves to the main
 * area so keyboard and screen-reader users start at the new screen, as after a page load.
 */

const NAV: { section: Section; to: string; label: string }[] = [
  { section: 'home', to: '/', label: t.nav.home },
  { section: 'dossiers', to: '/dossiers', label: t.nav.dossiers },
  { section: 'dossiers', to: '/reports', label: 'Phản ánh hiện trường' },
  { section: 'settings', to: '/report-config', label: 'Cấu hình phản ánh' },
  { section: 'procedures', to: '/procedures', label: t.nav.procedures },
  { section: 'notifications', to: '/notifications', label: t.nav.notifications },
  { section: 'settings', to: '/settings', label: t.nav.settings },
  { section: 'agencies', to: '/agencies', label: t.nav.agencies },
  { section: 'officers', to: '/officers', label: t.nav.officers },
  { section: 'integrations', to: '/integrations', label: t.nav.integrations },
  { section: 'audit', to: '/audit', label: t.nav.audit },
  { section: 'account', to: '/account', label: t.nav.account },
];

function isCurrent(to: string, path: string): boolean {
  return to === '/' ? path === '/' : path === to || path.startsWith(to + '/');
}

export function Layout({ officer, children }: { officer: OfficerProfile; children: ComponentChildren }) {
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(path);
  const [tenant] = useApi<PublicTenant>('/api/tenant');

  useEffect(() => {
    if (path === firstPath.current) return;
    firstPath.current = path;
    main.current?.focus();
  }, [path]);

  const signOut = async () => {
    try {
      await api('/api/auth/officer/logout', { method: 'POST' });
    } catch (error) {
      // Signed out already (expired session) is fine; anything else is worth saying.
      const code = (error as { code?: string }).code;
      if (code !== 'AUTH_REQUIRED' && code !== 'SESSION_EXPIRED') {
        toast((error as Error).message, 'error');
        return;
      }
    }
    signedOut();
    navigate('/sign-in');
  };

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header class="topbar">
        <div class="brand">
          <span class="brand-tenant">{tenant.data?.name ?? t.productName}</span>
          <span class="brand-app">{t.appTitle}</span>
        </div>
        <div class="who">
          <span class="who-name">{t.nav.signedInAs(officer.fullName)}</span>
          <button type="button" class="btn btn-quiet" onClick={() => void signOut()}>
            {t.nav.signOut}
          </button>
        </div>
      </header>
      <nav class="sidebar" aria-label={t.nav.label}>
        <ul>
          {NAV.filter((item) => canUse(officer, item.section)).map((item) => (
            <li key={item.to}>
              <Link to={item.to} aria-current={isCurrent(item.to, path) ? 'page' : undefined}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" ref={main} tabIndex={-1} class="main">
        {children}
      </main>
    </div>
  );
}
