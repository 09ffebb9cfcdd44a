import type { AuditEntry } from '../api/types';
import { t } from '../i18n';

/** Who acted: the officer's name, else the kind of actor (system, citizen, integration). */
export function actorOf(entry: Pick<AuditEntry, 'actorName' | 'actorType'>): string {
  return entry.actorName ?? t.audit.actorTypes[entry.actorType] ?? entry.actorType;
}
