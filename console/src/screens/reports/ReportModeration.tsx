import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { ReportDetail } from '../../api/reports-types';
import { toast } from '../../components/Toast';
import { rt } from '../../lib/reports-text';
import { asApiError } from '../../lib/use-api';

type Flag = 'publicHidden' | 'descriptionHidden' | 'answerHidden';

const FLAGS: { flag: Flag; label: string }[] = [
  { flag: 'publicHidden', label: rt.hideReport },
  { flag: 'descriptionHidden', label: rt.hideDescription },
  { flag: 'answerHidden', label: rt.hideAnswer },
];

/** What the public feed and Open311 may show of this report; each change is saved (and audited) at once. */
export function ReportModeration({
  report,
  allowed,
  onChange,
}: {
  report: ReportDetail;
  /** Supervisors and the coordination centre moderate; others see the settings read-only. */
  allowed: boolean;
  onChange: (updated: ReportDetail) => void;
}) {
  const [busy, setBusy] = useState(false);
  const save = async (flag: Flag, value: boolean) => {
    setBusy(true);
    try {
      const updated = await api<ReportDetail>(
        `/api/admin/reports/${encodeURIComponent(report.id)}/moderation`,
        { method: 'PATCH', body: { [flag]: value } },
      );
      toast(rt.moderationSaved);
      onChange(updated);
    } catch (error) {
      toast(asApiError(error).message, 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="panel moderation" aria-labelledby="moderation-title">
      <h2 id="moderation-title">{rt.moderationTitle}</h2>
      <p class="hint">{rt.moderationHint}</p>
      {!allowed && <p class="muted small">{rt.moderationNotAllowed}</p>}
      {FLAGS.map(({ flag, label }) => (
        <label key={flag}>
          <input
            type="checkbox"
            checked={report[flag] === true}
            disabled={busy || !allowed}
            data-moderation={flag}
            onChange={(e) => void save(flag, e.currentTarget.checked)}
          />
          {label}
        </label>
      ))}
    </section>
  );
}
