import type { ScreenProps } from '../app';
import { roleLabel, t } from '../i18n';
import { canUse, type Section } from '../lib/access';
import { usePageTitle } from '../lib/page-title';
import { Link } from '../lib/router';

const SHORTCUTS: { section: Section; to: string; label: string }[] = [
  { section: 'settings', to: '/settings', label: t.nav.settings },
  { section: 'agencies', to: '/agencies', label: t.nav.agencies },
  { section: 'officers', to: '/officers', label: t.nav.officers },
  { section: 'audit', to: '/audit', label: t.nav.audit },
  { section: 'account', to: '/account', label: t.nav.account },
];

/** The landing screen: the officer's roles and the parts of the console those roles open. */
export default function Home({ officer }: ScreenProps) {
  usePageTitle(t.home.title);
  const shortcuts = SHORTCUTS.filter((s) => canUse(officer, s.section));
  const isAdmin = shortcuts.some((s) => s.section !== 'account');
  return (
    <>
      <h1>{t.home.greeting(officer.fullName)}</h1>
      <section class="panel" aria-labelledby="roles-title">
        <h2 id="roles-title">{t.home.yourRoles}</h2>
        {officer.roles.length === 0 ? (
          <p>{t.account.noRoles}</p>
        ) : (
          <ul class="plain">
            {officer.roles.map((r) => (
              <li key={r.agencyId + r.role}>
                <strong>{roleLabel(r.role)}</strong> — {r.agencyName}
              </li>
            ))}
          </ul>
        )}
        {!isAdmin && <p class="muted">{t.home.noAdminRole}</p>}
      </section>
      <section aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title">{t.home.shortcuts}</h2>
        <ul class="cards">
          {shortcuts.map((s) => (
            <li key={s.to}>
              <Link to={s.to} class="card">
                <span class="card-title">{s.label}</span>
                <span class="card-text">{t.home.describe[s.section]}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
