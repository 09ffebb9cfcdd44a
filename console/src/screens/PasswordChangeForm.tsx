import { api } from '../api/client';
import { Field, Form, useForm } from '../components/Form';
import { t } from '../i18n';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const EMPTY: PasswordValues = { currentPassword: '', newPassword: '', confirmPassword: '' };

/**
 * Password change with the current password (the server counts a wrong one towards the lock-out,
 * so a borrowed session cannot guess it). The server's rules decide what is too weak; only the
 * repeat check is local, because the server never sees the repeated entry.
 */
export function PasswordChangeForm({ onDone }: { onDone: () => Promise<void> | void }) {
  const form = useForm<PasswordValues>(EMPTY);
  return (
    <Form
      form={form}
      submitLabel={t.password.submit}
      codeFields={{
        PASSWORD_INCORRECT: 'currentPassword',
        PASSWORD_TOO_WEAK: 'newPassword',
        PASSWORD_UNCHANGED: 'newPassword',
      }}
      validate={(v): Record<string, string> =>
        v.newPassword !== v.confirmPassword ? { confirmPassword: t.password.mismatch } : {}
      }
      onSubmit={async (values) => {
        await api('/api/auth/officer/password', {
          method: 'POST',
          body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
        });
        form.replace(EMPTY);
        await onDone();
      }}
    >
      <Field
        form={form}
        name="currentPassword"
        label={t.password.current}
        type="password"
        required
        autoComplete="current-password"
      />
      <Field
        form={form}
        name="newPassword"
        label={t.password.next}
        hint={t.password.nextHint}
        type="password"
        required
        autoComplete="new-password"
      />
      <Field
        form={form}
        name="confirmPassword"
        label={t.password.confirm}
        type="password"
        required
        autoComplete="new-password"
      />
    </Form>
  );
}
