import { useState } from 'preact/hooks';
import { t } from '../i18n';

/** A value shown in full with a copy button; the result is announced, not only shown. */
export function CopyValue({ value, label }: { value: string; label: string }) {
  const [status, setStatus] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setStatus(t.copied);
    } catch {
      setStatus(t.copyFailed);
    }
  };
  return (
    <div class="copy-value">
      <span class="copy-label">{label}</span>
      <code data-copy-value>{value}</code>
      <button type="button" class="btn" onClick={() => void copy()}>
        {t.copy}
      </button>
      <span role="status" class="copy-status">
        {status}
      </span>
    </div>
  );
}
