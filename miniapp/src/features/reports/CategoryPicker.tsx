import { isVisible } from '@forms/validate';
import { FormField, type FieldContext } from '../dossiers/FormFields';
import type { Category } from './api';
import { r } from './strings';

/**
 * The field of the report as big choices with their names and what they cover, then the chosen
 * field's extra questions through the same form renderer as the dossier forms.
 */
export function CategoryPicker(props: {
  categories: Category[];
  categoryId: string;
  onCategory(id: string): void;
  error: string | null;
  data: Record<string, unknown>;
  fieldErrors: Record<string, string>;
  onData(name: string, value: unknown): void;
}) {
  const category = props.categories.find((c) => c.id === props.categoryId);
  const ctx: FieldContext = {
    errors: props.fieldErrors,
    communes: null,
    files: {},
    onFiles: () => undefined,
    onBlur: () => undefined,
  };
  return (
    <>
      <fieldset
        class={props.error ? 'field field-invalid choices' : 'field choices'}
        id="report-category"
        tabIndex={-1}
      >
        <legend>{r('new.category')}</legend>
        <div class="report-categories">
          {props.categories.map((c) => (
            <div class="choice" key={c.id}>
              <input
                type="radio"
                name="category"
                id={`cat-${c.code}`}
                value={c.id}
                checked={props.categoryId === c.id}
                onChange={() => props.onCategory(c.id)}
              />
              <label for={`cat-${c.code}`}>
                <span>{c.name}</span>
                {c.description && <span class="muted">{c.description}</span>}
              </label>
            </div>
          ))}
        </div>
        {props.error && (
          <p class="field-error" role="alert">
            <strong>!</strong> {props.error}
          </p>
        )}
      </fieldset>
      {(category?.form?.fields ?? [])
        .filter((field) => isVisible(field, props.data))
        .map((field) => (
          <FormField
            key={field.name}
            field={field}
            path={field.name}
            top={field.name}
            value={props.data[field.name]}
            onChange={(value) => props.onData(field.name, value)}
            ctx={ctx}
          />
        ))}
    </>
  );
}
