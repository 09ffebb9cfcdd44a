import { Button } from '../../components/Button';
import { CallOut } from '../../components/CallOut';
import { Field } from '../../components/Field';
import type { OtpRequestReply } from '../../api/types';
import { api, ApiError } from '../../api/client';
import { useAction } from '../../hooks/useRequest';
import { usePersistentState } from '../../hooks/usePersistentState';
import { t } from '../../i18n/i18n';
import { askConsent } from '../../state/consent';
import { showToast } from '../../state/toast';
import { finishSignIn, postSignIn } from './finish';

/** 0912 345 678, 0912.345.678, +84 912 345 678 → digits the server accepts; null if not a mobile number. */
export function cleanPhone(input: string): string | null {
  const digits = input.replace(/[\s.()-]/g, '');
  const national = digits.replace(/^\+?84(?=\d{9}$)/, '0');
  return /^0\d{9}$/.test(national) ? national : null;
}

/**
 * Phone number, then the 6-digit code sent by SMS. The number, the step and the code survive a
 * reload (session storage), so a page reload while waiting for the SMS loses nothing.
 */
export function PhoneSignIn(props: { next: string | undefined }) {
  const [phone, setPhone] = usePersistentState('signIn.phone', '');
  const [step, setStep] = usePersistentState<'phone' | 'code'>('signIn.step', 'phone');
  const [code, setCode] = usePersistentState('signIn.code', '');
  const [sentTo, setSentTo] = usePersistentState('signIn.sentTo', '');
  const action = useAction();
  const { error } = action;
  const [phoneError, codeError] = [
    error && /PHONE/.test(error.code) ? error.message : null,
    error && /^OTP_(INVALID|EXPIRED)/.test(error.code) ? error.message : null,
  ];

  const sendCode = async () => {
    const number = cleanPhone(phone);
    if (!number) return action.setError(new ApiError('PHONE_INVALID', t('signIn.phoneInvalid')));
    if (!(await askConsent('phone'))) return showToast(t('signIn.declined'));
    const reply = await action.run(() =>
      api<OtpRequestReply>('/api/auth/otp/request', { method: 'POST', body: { phone: number } }),
    );
    if (reply) {
      setSentTo(reply.sentTo);
      setStep('code');
    }
  };

  const verify = async () => {
    const number = cleanPhone(phone);
    if (!number) return setStep('phone');
    if (!/^\d{6}$/.test(code.trim()))
      return action.setError(new ApiError('OTP_INVALID', t('signIn.codeInvalid')));
    await action.run(async () =>
      finishSignIn(
        await postSignIn('/api/auth/otp/verify', { phone: number, code: code.trim() }),
        props.next,
      ),
    );
  };

  const submit = (event: Event) => {
    event.preventDefault();
    void (step === 'phone' ? sendCode() : verify());
  };

  return (
    <form class="sign-in-method" onSubmit={submit} noValidate>
      <h2>{t('signIn.phoneHeading')}</h2>
      {step === 'phone' ? (
        <>
          <Field
            id="phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            label={t('signIn.phone')}
            hint={t('signIn.phoneHint')}
            value={phone}
            onInput={setPhone}
            error={phoneError}
            maxLength={20}
          />
          <Button type="submit" icon="phone" busy={action.busy}>
            {t('signIn.sendCode')}
          </Button>
        </>
      ) : (
        <>
          <CallOut icon="mail">{t('signIn.codeSent', { to: sentTo })}</CallOut>
          <Field
            id="otp-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            label={t('signIn.code')}
            value={code}
            onInput={(value) => setCode(value.replace(/\D/g, '').slice(0, 6))}
            error={codeError}
            maxLength={6}
            pattern="[0-9]*"
            enterKeyHint="done"
          />
          <Button type="submit" icon="check" busy={action.busy}>
            {t('signIn.verify')}
          </Button>
          <div class="actions actions-row">
            <Button variant="quiet" onClick={() => void sendCode()} disabled={action.busy}>
              {t('signIn.resend')}
            </Button>
            <Button
              variant="quiet"
              onClick={() => {
                setCode('');
                action.setError(null);
                setStep('phone');
              }}
            >
              {t('signIn.changePhone')}
            </Button>
          </div>
        </>
      )}
      {error && !phoneError && !codeError && (
        <p class="form-error" role="alert">
          {error.message}
        </p>
      )}
    </form>
  );
}
