import { t } from '../i18n';

/**
 * An audit row's JSON details as nested key/value lists: readable for an inspector, and exact
 * (strings quoted only when they would be confused with another type).
 */
export function DetailsTree({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span class="muted">{t.none}</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span class="muted">[ ]</span>;
    return (
      <ol class="tree">
        {value.map((item, i) => (
          <li key={i}>
            <DetailsTree value={item} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === 'object') {
    return (
      <dl class="tree">
        {Object.entries(value as Record<string, unknown>).map(([key, item]) => (
          <div class="tree-row" key={key}>
            <dt>{key}</dt>
            <dd>
              <DetailsTree value={item} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  if (typeof value === 'boolean') return <span>{value ? t.yes : t.no}</span>;
  return <span class="tree-value">{String(value)}</span>;
}
