import { useEffect, useRef } from 'preact/hooks';
import { CopyValue } from '../components/CopyValue';
import { t } from '../i18n';

/**
 * The temporary password the server returns once (on create or reset). It cannot be shown again,
 * so the panel takes focus and says so before anything else.
 */
export function TemporaryPassword({ username, password }: { username: string; password: string }) {
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.focus(), [password]);
  return (
    <section
      class="panel temp-password"
      ref={panel}
      tabIndex={-1}
      aria-labelledby="temp-title"
      data-testid="temporary-password"
    >
      <h2 id="temp-title">{t.officers.tempTitle}</h2>
      <p class="warning">
        <span aria-hidden="true">⚠ </span>
        {t.officers.tempWarning}
      </p>
      <CopyValue value={password} label={t.officers.tempLabel(username)} />
    </section>
  );
}
