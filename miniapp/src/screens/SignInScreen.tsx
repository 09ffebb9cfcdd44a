import { useEffect } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type { AuthMethods } from '../api/types';
import { CallOut } from '../components/CallOut';
import { ScreenTitle } from '../components/ScreenTitle';
import { EmptyState, RequestView } from '../components/States';
import { useRequest } from '../hooks/useRequest';
import { t } from '../i18n/i18n';
import { useStore } from '../lib/store';
import { platform } from '../platform';
import { navigateToTarget, routeStore } from '../state/router';
import { sessionStore } from '../state/session';
import { PhoneSignIn } from './sign-in/PhoneSignIn';
import { DevZaloSignIn, ZaloSignIn } from './sign-in/ZaloSignIn';

/** Which methods this server offers (GET /api/auth/methods); the Zalo one only inside Zalo. */
async function loadMethods(signal: AbortSignal): Promise<AuthMethods> {
  try {
    return await api<AuthMethods>('/api/auth/methods', { signal });
  } catch (error) {
    // A server from before the methods route: phone sign-in is the one every server has.
    if (error instanceof ApiError && error.status === 404)
      return { zalo: false, phoneOtp: true, devZalo: false };
    throw error;
  }
}

export default function SignInScreen() {
  const { params } = useStore(routeStore);
  const session = useStore(sessionStore);
  const methods = useRequest(loadMethods, []);
  const next = params.next;

  useEffect(() => {
    // Already signed in (another tab, or the back button): straight on to where they were going.
    if (session) navigateToTarget(next);
  }, [session, next]);

  const inZalo = platform().kind === 'zalo';
  return (
    <div class="screen">
      <ScreenTitle>{t('signIn.title')}</ScreenTitle>
      {next && <CallOut icon="info">{t('signIn.needed')}</CallOut>}
      <p>{t('signIn.why')}</p>
      <RequestView request={methods}>
        {(available) => {
          const zalo = inZalo && available.zalo;
          const devZalo = !inZalo && available.devZalo;
          if (!zalo && !devZalo && !available.phoneOtp) return <EmptyState>{t('signIn.none')}</EmptyState>;
          return (
            <>
              {zalo && <ZaloSignIn next={next} />}
              {devZalo && <DevZaloSignIn next={next} />}
              {available.phoneOtp && <PhoneSignIn next={next} />}
            </>
          );
        }}
      </RequestView>
    </div>
  );
}
