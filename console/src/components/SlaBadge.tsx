import { formatDateTime } from '../lib/format';
import { slaState, slaText, type SlaLevel } from '../lib/sla';
import { t } from '../i18n';

/*
 * Time left on a deadline, in words. The level is also carried by an icon and the wording
 * ("Sắp hết hạn", "Quá hạn"), never by colour alone; the exact deadline is in the tooltip and
 * for screen readers.
 */

const ICONS: Record<SlaLevel, string> = { ok: '◷', warning: '⚠', overdue: '⛔' };

export interface SlaBadgeProps {
  start: Date | string;
  due: Date | string;
  /** The moment to compare with; defaults to now (tests and lists rendered at one instant pass it). */
  now?: Date;
}

export function SlaBadge({ start, due, now }: SlaBadgeProps) {
  const dueDate = new Date(due);
  const state = slaState(new Date(start), dueDate, now ?? new Date());
  const deadline = t.sla.dueAt(formatDateTime(dueDate));
  return (
    <span class={`sla sla-${state.level}`} title={deadline} data-level={state.level}>
      <span aria-hidden="true">{ICONS[state.level]} </span>
      {slaText(state)}
      <span class="sr-only">. {deadline}</span>
    </span>
  );
}
