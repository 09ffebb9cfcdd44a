import type { Hotline } from '../api/types';
import { FieldShell, type FormState } from '../components/Form';
import { t } from '../i18n';

/** Hotlines shown on the mini app (label + number), added, edited and removed in place. */
export function HotlinesEditor<T extends { hotlines: Hotline[] }>({ form }: { form: FormState<T> }) {
  const hotlines = form.values.hotlines;
  const update = (next: Hotline[]) => form.set('hotlines', next);
  const text = (index: number, key: keyof Hotline, label: string, type: 'text' | 'tel') => (
    <FieldShell form={form as FormState<unknown>} name={`hotlines.${index}.${key}`} label={label} required>
      {(control) => (
        <input
          {...control}
          type={type}
          value={hotlines[index]![key]}
          autoComplete="off"
          onInput={(e) =>
            update(hotlines.map((h, i) => (i === index ? { ...h, [key]: e.currentTarget.value } : h)))
          }
        />
      )}
    </FieldShell>
  );
  return (
    <fieldset class="hotlines">
      <legend>{t.settings.hotlines}</legend>
      {hotlines.length === 0 && <p class="muted">{t.settings.noHotlines}</p>}
      {hotlines.map((_, index) => (
        <fieldset class="hotline" key={index}>
          <legend class="sr-only">{t.settings.hotlineRow(index + 1)}</legend>
          {text(index, 'label', t.settings.hotlineLabel, 'text')}
          {text(index, 'phone', t.settings.hotlinePhone, 'tel')}
          <button
            type="button"
            class="btn btn-quiet"
            aria-label={t.settings.hotlineRemove(index + 1)}
            onClick={() => update(hotlines.filter((__, i) => i !== index))}
          >
            ×
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        class="btn"
        onClick={() => {
          update([...hotlines, { label: '', phone: '' }]);
          requestAnimationFrame(() =>
            document.getElementById(`${form.id}-hotlines-${hotlines.length}-label`)?.focus(),
          );
        }}
      >
        {t.settings.hotlineAdd}
      </button>
    </fieldset>
  );
}
