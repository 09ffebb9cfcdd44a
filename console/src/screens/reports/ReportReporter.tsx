import type { PublicCategory, ReportDetail } from '../../api/reports-types';
import { rt } from '../../lib/reports-text';

/** "Có"/"Không", a list, or the text of an extra-field answer. */
function answerText(value: unknown, options?: { value: string; label?: string }[]): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? rt.yes : rt.no;
  if (Array.isArray(value)) return value.map((v) => answerText(v, options)).join(', ');
  const option = options?.find((o) => o.value === value);
  if (option?.label) return option.label;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * Who reported it and how to reach them (personal data: officers only, never the public feed),
 * and the answers to the category's extra fields.
 */
export function ReportReporter({
  report,
  category,
}: {
  report: ReportDetail;
  category: PublicCategory | null;
}) {
  const fields = category?.form?.fields ?? [];
  const data = report.data ?? {};
  const extra =
    fields.length > 0
      ? fields.map((f) => [f.label ?? f.name, answerText(data[f.name], f.options)])
      : Object.entries(data).map(([k, v]) => [k, answerText(v)]);
  return (
    <>
      <section class="panel" aria-labelledby="reporter-title">
        <h2 id="reporter-title">{rt.reporterTitle}</h2>
        <p class="muted small">{rt.reporterAudited}</p>
        <dl class="fields">
          {(
            [
              [rt.reporterName, report.reporter.name],
              [rt.reporterPhone, report.reporter.phone],
              [rt.reporterEmail, report.reporter.email],
              [rt.showName, report.reporter.showName ? rt.yes : rt.no],
            ] as const
          ).map(([label, value]) => (
            <div class="field-row" key={label}>
              <dt>{label}</dt>
              <dd>{value || '—'}</dd>
            </div>
          ))}
        </dl>
      </section>
      {extra.length > 0 && (
        <section class="panel" aria-labelledby="extra-title">
          <h2 id="extra-title">{rt.extraFields}</h2>
          <dl class="fields">
            {extra.map(([label, value]) => (
              <div class="field-row" key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </>
  );
}
