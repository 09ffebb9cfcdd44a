import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api/client';
import type { SessionInfo } from '../api/types';
import { Field, Form, useForm } from '../components/Form';
import { t } from '../i18n';
import { formatTimeOfDay } from '../lib/format';
import { usePageTitle } from '../lib/page-title';
import { signedIn } from '../lib/session';

/*
 * Password sign-in, with the authenticator code asked for only when the server says the account
 * has one (TOTP_REQUIRED). A locked account gets the server's message and the time it unlocks,
 * in a box that cannot be missed: the officer should stop guessing, not try a sixth time.
 */

interface Credentials {
  username: string;
  password: string;
  totp: string;
}

export default function SignIn({ notice }: { notice?: string }) {
  usePageTitle(t.signIn.title);
  const form = useForm<Credentials>({ username: '', password: '', totp: '' });
  const [needsTotp, setNeedsTotp] = useState(false);
  const [locked, setLocked] = useState<{ message: string; until: Date } | null>(null);
  const totpShown = useRef(false);

  useEffect(() => {
    if (needsTotp && !totpShown.current) {
      totpShown.current = true;
      document.getElementById(`${form.id}-totp`)?.focus();
    }
  }, [needsTotp]);

  const submit = async (values: Credentials) => {
    setLocked(null);
    try {
      const session = await api<SessionInfo>('/api/auth/officer/login', {
        method: 'POST',
        quiet: true,
        body: {
          username: values.username.trim(),
          password: values.password,
          ...(needsTotp && values.totp && { totp: values.totp.trim() }),
        },
      });
      signedIn(session);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'ACCOUNT_LOCKED') {
        const seconds = Number(error.details.retryAfterSeconds ?? 900);
        setLocked({ message: error.message, until: new Date(Date.now() + seconds * 1000) });
        return;
      }
      if (error instanceof ApiError && error.code === 'TOTP_REQUIRED') setNeedsTotp(true);
      throw error;
    }
  };

  return (
    <main class="signin" id="main">
      <div class="signin-card">
        <p class="signin-product">{t.productName}</p>
        <h1>{t.signIn.title}</h1>
        <p class="muted">{t.signIn.intro}</p>
        {notice && <p class="notice">{notice}</p>}
        {locked && (
          <div class="locked" role="alert" data-testid="locked">
            <h2>{t.signIn.lockedTitle}</h2>
            <p>{locked.message}</p>
            <p class="locked-until">{t.signIn.unlockAt(formatTimeOfDay(locked.until))}</p>
          </div>
        )}
        <Form
          form={form}
          onSubmit={submit}
          submitLabel={t.signIn.submit}
          busyLabel={t.signIn.submitting}
          codeFields={{ TOTP_INVALID: 'totp' }}
        >
          <Field
            form={form}
            name="username"
            label={t.signIn.username}
            required
            autoComplete="username"
            spellcheck={false}
          />
          <Field
            form={form}
            name="password"
            label={t.signIn.password}
            type="password"
            required
            autoComplete="current-password"
          />
          {needsTotp && (
            <Field
              form={form}
              name="totp"
              label={t.signIn.totp}
              hint={t.signIn.totpHint}
              required
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
            />
          )}
        </Form>
      </div>
    </main>
  );
}
