import { api } from '../../api/client';
import { clearPersistentState } from '../../hooks/usePersistentState';
import { t } from '../../i18n/i18n';
import { recordConsents } from '../../state/consent';
import { navigateToTarget } from '../../state/router';
import { saveSession, type Session } from '../../state/session';
import { showToast } from '../../state/toast';

export const SIGN_IN_FORM_KEYS = ['signIn.phone', 'signIn.step', 'signIn.code', 'signIn.sentTo'];

/** Keeps the session, has the server record the consents given on this device, goes on to the target. */
export async function finishSignIn(session: Session, next: string | undefined): Promise<void> {
  saveSession(session);
  try {
    await recordConsents();
  } catch {
    // Recorded on the next sign-in: the consent stays remembered on the device meanwhile.
  }
  SIGN_IN_FORM_KEYS.forEach(clearPersistentState);
  showToast(t('signIn.done'));
  navigateToTarget(next);
}

export function postSignIn<T>(path: string, body: T): Promise<Session> {
  return api<Session>(path, { method: 'POST', body });
}
