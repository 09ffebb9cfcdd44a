import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';

/*
 * Filters above a table. Text and dates apply with the "Tìm" button (or Enter), so a slow network
 * is not hit on every keystroke; a select applies as soon as it changes.
 */

export type FilterDef =
  | { kind: 'search'; name: string; label: string; placeholder?: string }
  | { kind: 'select'; name: string; label: string; options: { value: string; label: string }[] }
  | { kind: 'date'; name: string; label: string };

interface FilterBarProps {
  idPrefix: string;
  filters: FilterDef[];
  values: Record<string, string>;
  onApply: (values: Record<string, string>) => void;
}

export function FilterBar({ idPrefix, filters, values, onApply }: FilterBarProps) {
  const [draft, setDraft] = useState(values);
  // A back/forward navigation changes the applied filters: show them. Only the values set count, so
  // a filter appearing once its options have loaded does not wipe what the officer is typing.
  const key = JSON.stringify(Object.entries(values).filter(([, value]) => value !== ''));
  useEffect(() => setDraft(values), [key]);

  const update = (name: string, value: string) => setDraft((d) => ({ ...d, [name]: value }));
  const submit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(draft);
  };
  const hasValues = filters.some((f) => values[f.name]);

  return (
    <form class="filter-bar" role="search" aria-label={t.table.filters} onSubmit={submit}>
      {filters.map((filter) => {
        const id = `${idPrefix}-${filter.name}`;
        const value = draft[filter.name] ?? '';
        return (
          <div class={`filter filter-${filter.kind}`} key={filter.name}>
            <label for={id}>{filter.label}</label>
            {filter.kind === 'select' ? (
              <select
                id={id}
                value={value}
                onChange={(event) => {
                  const next = { ...draft, [filter.name]: event.currentTarget.value };
                  setDraft(next);
                  onApply(next);
                }}
              >
                <option value="">{t.table.all}</option>
                {filter.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                type={filter.kind === 'date' ? 'date' : 'search'}
                value={value}
                placeholder={filter.kind === 'search' ? filter.placeholder : undefined}
                onInput={(event) => update(filter.name, event.currentTarget.value)}
              />
            )}
          </div>
        );
      })}
      <div class="filter-actions">
        <button type="submit" class="btn btn-primary">
          {t.table.searchButton}
        </button>
        {hasValues && (
          <button
            type="button"
            class="btn"
            onClick={() => {
              const cleared = Object.fromEntries(filters.map((f) => [f.name, '']));
              setDraft(cleared);
              onApply(cleared);
            }}
          >
            {t.table.clear}
          </button>
        )}
      </div>
    </form>
  );
}
