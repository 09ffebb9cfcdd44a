import type { ComponentChildren } from 'preact';

/** A record's fields as a description list, with the record's actions in the heading row. */

export interface DetailField {
  label: string;
  value: ComponentChildren;
}

interface DetailViewProps {
  title: string;
  fields: DetailField[];
  actions?: ComponentChildren;
  children?: ComponentChildren;
}

export function DetailView({ title, fields, actions, children }: DetailViewProps) {
  return (
    <section class="panel detail" aria-labelledby="detail-title">
      <div class="panel-head">
        <h2 id="detail-title">{title}</h2>
        {actions && <div class="actions">{actions}</div>}
      </div>
      <dl class="fields">
        {fields.map((field) => (
          <div class="field-row" key={field.label}>
            <dt>{field.label}</dt>
            <dd>{field.value}</dd>
          </div>
        ))}
      </dl>
      {children}
    </section>
  );
}
