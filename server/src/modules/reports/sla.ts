import type { WorkingCalendar } from '../../platform/calendar/working-days.js';
import type { ReportStateSla } from './workflow-definition.js';

/**
 * Deadlines of a report. The resolution deadline (`due_at`) is the category's SLA in working hours
 * (office hours on working days) or working days (as for dossiers), counted from submission and
 * again from a reopening. A state may carry its own SLA (the triage queue's 8 working hours), kept in
 * `state_due_at`; `'category'` there means the state shares the resolution deadline.
 */
export interface CategorySla {
  sla_value: number;
  sla_unit: 'hours' | 'days';
}

export function slaDeadline(calendar: WorkingCalendar, sla: CategorySla, start: Date): Date {
  return sla.sla_unit === 'hours'
    ? calendar.addWorkingHours(start, sla.sla_value)
    : calendar.addWorkingDays(start, sla.sla_value);
}

/** The deadline of a state entered at `start`; null when the state has no clock (resolved, closed…). */
export function stateDeadline(
  calendar: WorkingCalendar,
  sla: ReportStateSla | undefined,
  start: Date,
  dueAt: Date | null,
): Date | null {
  if (sla === undefined) return null;
  if (sla === 'category') return dueAt;
  return 'hours' in sla
    ? calendar.addWorkingHours(start, sla.hours)
    : calendar.addWorkingDays(start, sla.days);
}

/** Late = past the resolution or the state deadline while the report is open. */
export function isLate(
  r: { due_at: Date | null; state_due_at: Date | null },
  open: boolean,
  now: Date,
): boolean {
  if (!open) return false;
  const t = now.getTime();
  return (
    (r.due_at !== null && t > r.due_at.getTime()) || (r.state_due_at !== null && t > r.state_due_at.getTime())
  );
}

/** The instant at which `fraction` of the time from `start` to `due` has passed. */
export function fractionPoint(start: Date, due: Date, fraction: number): Date {
  return new Date(start.getTime() + (due.getTime() - start.getTime()) * fraction);
}
