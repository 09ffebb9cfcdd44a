import type { ReportListItem } from '../../api/reports-types';
import { SlaBadge } from '../../components/SlaBadge';
import { escalationText, reportDeadline } from '../../lib/reports';

/**
 * A report's countdown (the shared SLA badge: amber past 80 %, red when late) and, beside it, the
 * escalation it has reached. A finished report shows a dash: there is nothing left to count.
 */
export function ReportSlaBadge({
  report,
}: {
  report: Pick<ReportListItem, 'state' | 'submittedAt' | 'dueAt' | 'stateDueAt' | 'inTriage' | 'late'>;
}) {
  const deadline = reportDeadline(report);
  if (!deadline) return <span class="muted">—</span>;
  return <SlaBadge start={deadline.start} due={deadline.due} />;
}

export function EscalationMark({ level }: { level: number }) {
  const text = escalationText(level);
  if (!text) return null;
  return (
    <span class={level >= 2 ? 'badge badge-off' : 'badge badge-wait'} data-escalation={level}>
      {text}
    </span>
  );
}
