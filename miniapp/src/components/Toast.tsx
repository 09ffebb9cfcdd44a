import { t } from '../i18n/i18n';
import { useStore } from '../lib/store';
import { dismissToast, toastStore } from '../state/toast';

/** The live region is always in the page so screen readers announce each new message. */
export function ToastHost() {
  const toasts = useStore(toastStore);
  return (
    <div class="toasts" aria-live="polite" aria-atomic="false">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          class={`toast toast-${toast.tone}`}
          role={toast.tone === 'error' ? 'alert' : undefined}
        >
          <p>{toast.text}</p>
          <button type="button" class="toast-close" onClick={() => dismissToast(toast.id)}>
            {t('common.close')}
          </button>
        </div>
      ))}
    </div>
  );
}
