import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { useAction } from '../../hooks/useRequest';
import { usePersistentState } from '../../hooks/usePersistentState';
import { t } from '../../i18n/i18n';
import { askConsent } from '../../state/consent';
import { platform } from '../../platform';
import { showToast } from '../../state/toast';
import { finishSignIn, postSignIn } from './finish';

/** Inside Zalo: consent for the name first, then Zalo's own permission prompt, then our server. */
export function ZaloSignIn(props: { next: string | undefined }) {
  const action = useAction();
  const signIn = async () => {
    if (!(await askConsent('profile'))) return showToast(t('signIn.declined'));
    await action.run(async () => {
      const accessToken = await platform().zalo!.accessToken();
      await finishSignIn(await postSignIn('/api/auth/zalo', { accessToken }), props.next);
    });
  };
  return (
    <div class="sign-in-method">
      <Button icon="user" busy={action.busy} onClick={() => void signIn()}>
        {t('signIn.zalo')}
      </Button>
      {action.error && (
        <p class="form-error" role="alert">
          {action.error.message}
        </p>
      )}
    </div>
  );
}

/** A stable simulated Zalo id per device, so signing in again finds the same citizen. */
function devZaloId(): string {
  const storage = platform().storage;
  let id = storage.get('ctic.devZaloId');
  if (!id) {
    id = `web-${crypto.getRandomValues(new Uint32Array(2)).join('')}`;
    storage.set('ctic.devZaloId', id);
  }
  return id;
}

/**
 * Development servers only (DEV_LOGIN): the Zalo flow outside Zalo, with the name Zalo would give.
 * Same consent step as the real one.
 */
export function DevZaloSignIn(props: { next: string | undefined }) {
  const action = useAction();
  const [name, setName] = usePersistentState('signIn.devName', () => t('signIn.devDefaultName'));
  const signIn = async () => {
    if (!(await askConsent('profile'))) return showToast(t('signIn.declined'));
    await action.run(async () => {
      const body = { zaloId: devZaloId(), name: name.trim() || t('signIn.devDefaultName') };
      await finishSignIn(await postSignIn('/api/auth/dev-zalo', body), props.next);
    });
  };
  return (
    <form
      class="sign-in-method"
      onSubmit={(event) => {
        event.preventDefault();
        void signIn();
      }}
    >
      <Field
        id="dev-zalo-name"
        label={t('signIn.devName')}
        hint={t('signIn.devHint')}
        value={name}
        onInput={setName}
        maxLength={100}
      />
      <Button type="submit" icon="user" busy={action.busy}>
        {t('signIn.devZalo')}
      </Button>
      {action.error && (
        <p class="form-error" role="alert">
          {action.error.message}
        </p>
      )}
    </form>
  );
}
