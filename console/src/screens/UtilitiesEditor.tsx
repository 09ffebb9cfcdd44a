import { useRef, useState } from 'preact/hooks';
import { t } from '../i18n';

export interface UtilityItem {
  key: string;
  label: string;
  enabled: boolean;
}

interface UtilitiesEditorProps {
  idPrefix: string;
  items: UtilityItem[];
  error?: string | undefined;
  onChange: (items: UtilityItem[]) => void;
}

/**
 * Utilities on/off and their order on the mini app's home. Reordering is by buttons, not drag and
 * drop, so it works with a keyboard, a screen reader and a touch screen alike. After a move the
 * focus follows the moved item and the new position is announced.
 */
export function UtilitiesEditor({ idPrefix, items, error, onChange }: UtilitiesEditorProps) {
  const list = useRef<HTMLOListElement>(null);
  const [announcement, setAnnouncement] = useState('');

  const move = (index: number, delta: -1 | 1) => {
    const target = index + delta;
    if (target < 0 || target >= items.length) return;
    const next = [...items];
    const [moved] = next.splice(index, 1);
    next.splice(target, 0, moved!);
    onChange(next);
    setAnnouncement(t.settings.moved(moved!.label, target + 1));
    // Keep the focus on the same item; at either end its button is disabled, so use the other one.
    requestAnimationFrame(() => {
      const row = list.current?.querySelector<HTMLElement>(`[data-utility-row="${moved!.key}"]`);
      const atEdge = target === 0 || target === items.length - 1;
      const same = delta < 0 ? 'up' : 'down';
      const other = delta < 0 ? 'down' : 'up';
      row?.querySelector<HTMLButtonElement>(`[data-move="${atEdge ? other : same}"]`)?.focus();
    });
  };

  const toggle = (index: number, enabled: boolean) =>
    onChange(items.map((item, i) => (i === index ? { ...item, enabled } : item)));

  return (
    <fieldset class="utilities" aria-describedby={`${idPrefix}-utilities-hint`}>
      <legend>{t.settings.utilities}</legend>
      <p class="hint" id={`${idPrefix}-utilities-hint`}>
        {t.settings.utilitiesHint}
      </p>
      {error && (
        <p class="field-error" id={`${idPrefix}-utilities`} tabIndex={-1}>
          {error}
        </p>
      )}
      <ol ref={list} class="utility-list">
        {items.map((item, index) => {
          const id = `${idPrefix}-utility-${item.key}`;
          return (
            <li key={item.key} data-utility-row={item.key} class={item.enabled ? 'utility on' : 'utility'}>
              <span class="utility-pos" aria-hidden="true">
                {index + 1}
              </span>
              <input
                type="checkbox"
                id={id}
                checked={item.enabled}
                onChange={(e) => toggle(index, e.currentTarget.checked)}
              />
              <label for={id} class="utility-label">
                {item.label}
              </label>
              <span class="utility-buttons">
                <button
                  type="button"
                  class="btn-icon"
                  data-move="up"
                  aria-label={t.settings.moveUp(item.label)}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  class="btn-icon"
                  data-move="down"
                  aria-label={t.settings.moveDown(item.label)}
                  disabled={index === items.length - 1}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <p class="sr-only" role="status">
        {announcement}
      </p>
    </fieldset>
  );
}
