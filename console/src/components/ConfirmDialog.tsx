import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';

/*
 * A confirmation for actions that are hard to undo, on the native <dialog>: the browser traps
 * focus, Esc cancels and the page behind is inert. Focus starts on "Hủy" (the safe choice) and
 * returns to the button that opened the dialog.
 */

export interface ConfirmOptions {
  title?: string;
  message: string;
  confirmLabel?: string;
  danger?: boolean;
}

interface Pending extends ConfirmOptions {
  resolve: (ok: boolean) => void;
  opener: Element | null;
}

let show: ((pending: Pending) => void) | null = null;

/** Resolves true when the officer confirms, false on cancel or Esc. */
export function confirmAction(options: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    if (!show) throw new Error('ConfirmHost is not mounted');
    show({ ...options, resolve, opener: document.activeElement });
  });
}

export function ConfirmHost() {
  const [pending, setPending] = useState<Pending | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    show = setPending;
    return () => {
      show = null;
    };
  }, []);

  useEffect(() => {
    const element = dialog.current;
    if (!pending || !element) return;
    if (!element.open) element.showModal();
    cancelButton.current?.focus();
  }, [pending]);

  const finish = (ok: boolean) => {
    if (!pending) return;
    dialog.current?.close();
    pending.resolve(ok);
    const opener = pending.opener;
    setPending(null);
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
  };

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-message"
      onCancel={(event) => {
        event.preventDefault();
        finish(false);
      }}
    >
      {pending && (
        <div class="dialog-body">
          <h2 id="confirm-title">{pending.title ?? t.confirm.title}</h2>
          <p id="confirm-message">{pending.message}</p>
          <div class="actions">
            <button type="button" class="btn" ref={cancelButton} onClick={() => finish(false)}>
              {t.cancel}
            </button>
            <button
              type="button"
              class={pending.danger ? 'btn btn-danger' : 'btn btn-primary'}
              onClick={() => finish(true)}
            >
              {pending.confirmLabel ?? t.confirm.ok}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
