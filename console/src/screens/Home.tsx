import type { ScreenProps } from '../app';
import { roleLabel, t } from '../i18n';
import { canUse, type Section } from '../lib/access';
import { usePageTitle } from '../lib/page-title';
import { Link } from '../lib/router';
import { useApi } from '../lib/use-api';
import type { DossierCounts } from '../api/types';
import type { Supervision } from '../api/reports-types';

/** The dossiers waiting for receipt and those past their deadline, for officers who handle them. */
function DossierCard() {
  const [counts] = useApi<DossierCounts>('/api/admin/dossiers/counts');
  const value = (n: number | undefined) =>
    counts.status === 'error' ? t.none : n === undefined ? '…' : n.toLocaleString('vi-VN');
  return (
    <section class="panel" aria-labelledby="dossier-card-title" data-testid="dossier-card">
      <h2 id="dossier-card-title">{t.home.dossierCard}</h2>
      <dl class="stat-row">
        <div>
          <dt>
            <Link to="/dossiers">{t.home.dossierSubmitted}</Link>
          </dt>
          <dd class="stat">{value(counts.data?.submitted)}</dd>
        </div>
        <div>
          <dt>
            <Link to="/dossiers?tab=late">{t.home.dossierLate}</Link>
          </dt>
          <dd class="stat">{value(counts.data?.late)}</dd>
        </div>
      </dl>
    </section>
  );
}

/**
 * The field reports in the officer's agencies that are open, late, or escalated to a supervisor or
 * the province: the escalation reaches supervisors here, on the first screen they open.
 */
function ReportCard() {
  const [supervision] = useApi<Supervision>('/api/admin/reports/supervision');
  const sum = (key: 'open' | 'late' | 'escalated') => {
    if (supervision.status === 'error') return t.none;
    if (!supervision.data) return '…';
    return supervision.data.counts.reduce((n, c) => n + c[key], 0).toLocaleString('vi-VN');
  };
  return (
    <section class="panel" aria-labelledby="report-card-title" data-testid="report-card">
      <h2 id="report-card-title">{t.home.reportCard}</h2>
      <dl class="stat-row">
        <div>
          <dt>
            <Link to="/reports">{t.home.reportOpen}</Link>
          </dt>
          <dd class="stat">{sum('open')}</dd>
        </div>
        <div>
          <dt>
            <Link to="/reports?late=true">{t.home.reportLate}</Link>
          </dt>
          <dd class="stat">{sum('late')}</dd>
        </div>
        <div>
          <dt>
            <Link to="/reports/supervision">{t.home.reportEscalated}</Link>
          </dt>
          <dd class="stat">{sum('escalated')}</dd>
        </div>
      </dl>
    </section>
  );
}

const SHORTCUTS: { section: Section; to: string; label: string }[] = [
  { section: 'dossiers', to: '/dossiers', label: t.nav.dossiers },
  { section: 'procedures', to: '/procedures', label: t.nav.procedures },
  { section: 'integrations', to: '/integrations', label: t.nav.integrations },
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
      {canUse(officer, 'dossiers') && <DossierCard />}
      {canUse(officer, 'dossiers') && <ReportCard />}
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
