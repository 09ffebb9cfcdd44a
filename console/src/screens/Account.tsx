import type { ScreenProps } from '../app';
import { DetailView } from '../components/DetailView';
import { toast } from '../components/Toast';
import { roleLabel, t } from '../i18n';
import { usePageTitle } from '../lib/page-title';
import { PasswordChangeForm } from './PasswordChangeForm';
import { TotpPanel } from './TotpPanel';

/** The signed-in officer's own account: who they are, their roles, password and second factor. */
export default function Account({ officer }: ScreenProps) {
  usePageTitle(t.account.title);
  return (
    <>
      <h1>{t.account.title}</h1>
      <DetailView
        title={t.account.profile}
        fields={[
          { label: t.account.fullName, value: officer.fullName },
          { label: t.account.username, value: officer.username },
          {
            label: t.account.roles,
            value:
              officer.roles.length === 0 ? (
                t.account.noRoles
              ) : (
                <ul class="plain">
                  {officer.roles.map((r) => (
                    <li key={r.agencyId + r.role}>
                      {roleLabel(r.role)} — {r.agencyName}
                    </li>
                  ))}
                </ul>
              ),
          },
        ]}
      />
      <section class="panel" aria-labelledby="password-title">
        <h2 id="password-title">{t.password.title}</h2>
        <PasswordChangeForm onDone={() => toast(t.password.done)} />
      </section>
      <TotpPanel officer={officer} />
    </>
  );
}
