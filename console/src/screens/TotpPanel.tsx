import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { OfficerProfile } from '../api/types';
import { Field, Form, useForm } from '../components/Form';
import type { QrCodeProps } from '../components/QrCode';
import { toast } from '../components/Toast';
import { t } from '../i18n';
import { lazyScreen } from '../lib/lazy';
import { refreshProfile } from '../lib/session';
import { asApiError } from '../lib/use-api';

// The QR encoder is fetched only when an officer starts enrolling, not with every account page.
const QrCode = lazyScreen<QrCodeProps>(() =>
  import('../components/QrCode').then((m) => ({ default: m.QrCode })),
);

interface CodeValues {
  password: string;
  code: string;
}

/**
 * Two-step verification. Enrolling shows the secret as a QR code and as text, then asks for the
 * password and a code from the app: the password so a borrowed session cannot bind someone else's
 * authenticator, the code to prove the app really holds the secret before it is required.
 */
export function TotpPanel({ officer }: { officer: OfficerProfile }) {
  const [setup, setSetup] = useState<{ secret: string; otpauthUrl: string } | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const form = useForm<CodeValues>({ password: '', code: '' });
  const codeFields = { PASSWORD_INCORRECT: 'password', TOTP_INVALID: 'code' };

  const start = async () => {
    setStarting(true);
    setStartError(null);
    try {
      setSetup(
        await api<{ secret: string; otpauthUrl: string }>('/api/auth/officer/totp/setup', { method: 'POST' }),
      );
    } catch (error) {
      setStartError(asApiError(error).message);
    } finally {
      setStarting(false);
    }
  };

  const finish = async (path: string, message: string, values: CodeValues) => {
    await api(path, { method: 'POST', body: { password: values.password, code: values.code.trim() } });
    form.replace({ password: '', code: '' });
    setSetup(null);
    toast(message);
    await refreshProfile();
  };

  const codeFieldsOf = (
    <>
      <Field
        form={form}
        name="password"
        label={t.password.current}
        type="password"
        required
        autoComplete="current-password"
      />
      <Field
        form={form}
        name="code"
        label={t.account.totpCode}
        required
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
      />
    </>
  );

  return (
    <section class="panel" aria-labelledby="totp-title">
      <h2 id="totp-title">{t.account.totpTitle}</h2>
      <p>
        <span class={officer.totpEnabled ? 'badge badge-on' : 'badge'}>
          {officer.totpEnabled ? t.account.totpOn : t.account.totpOff}
        </span>
      </p>
      {officer.totpEnabled ? (
        <>
          <h3>{t.account.totpDisableTitle}</h3>
          <Form
            form={form}
            submitLabel={t.account.totpDisable}
            codeFields={codeFields}
            onSubmit={(values) => finish('/api/auth/officer/totp/disable', t.account.totpDisabled, values)}
          >
            {codeFieldsOf}
          </Form>
        </>
      ) : setup ? (
        <div class="totp-setup">
          <p>{t.account.totpScan}</p>
          <QrCode value={setup.otpauthUrl} label={t.account.totpQrLabel} />
          <p>
            {t.account.totpSecret} <code class="secret">{setup.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
          </p>
          <Form
            form={form}
            submitLabel={t.account.totpConfirm}
            codeFields={codeFields}
            onSubmit={(values) => finish('/api/auth/officer/totp/enable', t.account.totpEnabled, values)}
          >
            {codeFieldsOf}
          </Form>
        </div>
      ) : (
        <>
          {startError && (
            <p class="field-error" role="alert">
              {startError}
            </p>
          )}
          <button type="button" class="btn btn-primary" disabled={starting} onClick={() => void start()}>
            {starting ? t.loading : t.account.totpStart}
          </button>
        </>
      )}
    </section>
  );
}
