import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';

/*
 * A modal dialog holding a form (a dossier action, a new integration) on the native <dialog>, like
 * the confirmation dialog: the browser traps focus, Esc closes, the page behind is inert, and focus
 * returns to the button that opened it.
 */
export function Dialog({
  title,
  onClose,
  children,
  id = 'dialog',
}: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  id?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    opener.current = document.activeElement;
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    const first = element?.querySelector<HTMLElement>('input, select, textarea, button:not(.btn-icon)');
    first?.focus();
    return () => {
      element?.close();
      const back = opener.current;
      if (back instanceof HTMLElement && back.isConnected) back.focus();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      class="dialog dialog-wide"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div class="dialog-body">
        <div class="dialog-head">
          <h2 id={`${id}-title`}>{title}</h2>
          <button type="button" class="btn-icon" aria-label={t.close} onClick={onClose}>
            ×
          </button>
        </div>
        {children}
      </div>
    </dialog>
  );
}
