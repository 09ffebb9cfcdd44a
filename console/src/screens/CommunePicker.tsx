import { useState } from 'preact/hooks';
import type { AdminUnit } from '../api/types';
import { t } from '../i18n';

/** Folds Vietnamese marks so "tan an" finds "Tân An" (đ → d as the server's search does). */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();
}

interface CommunePickerProps {
  idPrefix: string;
  communes: AdminUnit[];
  selected: string[];
  error?: string | undefined;
  onChange: (ids: string[]) => void;
}

/**
 * The communes and wards an agency serves: a filterable checkbox list (a province has up to a
 * hundred or so), with the count chosen always in view.
 */
export function CommunePicker({ idPrefix, communes, selected, error, onChange }: CommunePickerProps) {
  const [filter, setFilter] = useState('');
  const chosen = new Set(selected);
  const wanted = fold(filter.trim());
  const shown = wanted
    ? communes.filter((c) => fold(c.name).includes(wanted) || c.code.includes(wanted))
    : communes;
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected, id] : selected.filter((s) => s !== id));
  return (
    <fieldset class="commune-picker" aria-describedby={`${idPrefix}-communes-count`}>
      <legend>{t.agencies.communes}</legend>
      {error && (
        <p class="field-error" id={`${idPrefix}-communeIds`} tabIndex={-1}>
          {error}
        </p>
      )}
      <label for={`${idPrefix}-commune-filter`}>{t.agencies.communeFilter}</label>
      <input
        id={`${idPrefix}-commune-filter`}
        type="search"
        value={filter}
        onInput={(e) => setFilter(e.currentTarget.value)}
      />
      <p id={`${idPrefix}-communes-count`} class="muted" aria-live="polite">
        {selected.length === 0 ? t.agencies.communesAll : t.agencies.communesChosen(selected.length)}
      </p>
      <ul class="checklist" tabIndex={0} aria-label={t.agencies.communes}>
        {shown.map((c) => {
          const id = `${idPrefix}-commune-${c.id}`;
          return (
            <li key={c.id}>
              <input
                type="checkbox"
                id={id}
                checked={chosen.has(c.id)}
                onChange={(e) => toggle(c.id, e.currentTarget.checked)}
              />
              <label for={id}>
                {c.name} <span class="muted">({c.code})</span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
