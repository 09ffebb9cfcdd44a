import type { OfficerProfile } from '../api/types';
import { toast } from '../components/Toast';
import { t } from '../i18n';
import { usePageTitle } from '../lib/page-title';
import { refreshProfile } from '../lib/session';
import { PasswordChangeForm } from './PasswordChangeForm';

/**
 * An administrator gave this officer a temporary password, which others may have seen: the server
 * refuses everything else until it is replaced, so this is the only screen until then.
 */
export default function ForcedPasswordChange({ officer }: { officer: OfficerProfile }) {
  usePageTitle(t.forcedPassword.title);
  return (
    <main class="signin" id="main">
      <div class="signin-card">
        <p class="signin-product">{t.productName}</p>
        <h1>{t.forcedPassword.title}</h1>
        <p class="notice">{t.forcedPassword.intro}</p>
        <p>
          {t.account.username}: <strong>{officer.username}</strong>
        </p>
        <PasswordChangeForm
          onDone={async () => {
            toast(t.password.done);
            // The profile now says mustChangePassword: false; the app then opens the screen asked for.
            await refreshProfile();
          }}
        />
      </div>
    </main>
  );
}
