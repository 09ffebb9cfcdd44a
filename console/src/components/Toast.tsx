import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';

/*
 * Short confirmations ("Đã lưu") and errors that belong to no field. Two live regions, created once
 * with the page, so screen readers announce a message the moment it is inserted: polite for
 * successes, assertive for errors. A toast stays until closed or replaced by several newer ones;
 * nothing disappears on a timer before an elderly officer has read it.
 */

export type ToastKind = 'success' | 'error' | 'info';
interface ToastItem {
  id: number;
  kind: ToastKind;
  message: string;
}

const MAX_VISIBLE = 3;
let items: ToastItem[] = [];
let nextId = 1;
const listeners = new Set<(items: ToastItem[]) => void>();

function publish(): void {
  listeners.forEach((l) => l(items));
}

export function toast(message: string, kind: ToastKind = 'success'): void {
  items = [...items, { id: nextId++, kind, message }].slice(-MAX_VISIBLE);
  publish();
}

function dismiss(id: number): void {
  items = items.filter((i) => i.id !== id);
  publish();
}

export function ToastRegion() {
  const [list, setList] = useState(items);
  useEffect(() => {
    listeners.add(setList);
    return () => void listeners.delete(setList);
  }, []);
  const render = (kinds: ToastKind[]) =>
    list
      .filter((i) => kinds.includes(i.kind))
      .map((i) => (
        <div key={i.id} class={`toast toast-${i.kind}`}>
          <span class="toast-text">{i.message}</span>
          <button type="button" class="btn-icon" onClick={() => dismiss(i.id)} aria-label={t.close}>
            ×
          </button>
        </div>
      ));
  return (
    <div class="toasts">
      <div role="status" aria-live="polite">
        {render(['success', 'info'])}
      </div>
      <div role="alert" aria-live="assertive">
        {render(['error'])}
      </div>
    </div>
  );
}
