import type { DossierListItem } from '../api/types';
import { t } from '../i18n';
import { dossierSla } from '../lib/dossier';
import { formatDate } from '../lib/format';
import { SlaBadge } from './SlaBadge';

/**
 * A dossier's deadline: time left once received (amber past 80 %, red when late), "Tạm dừng" while
 * the citizen is asked for documents, nothing yet before receipt, and the outcome once closed.
 */
export function DossierSlaBadge({
  dossier,
}: {
  dossier: Pick<DossierListItem, 'status' | 'receivedAt' | 'dueAt' | 'pausedAt'> & { late?: boolean };
}) {
  const sla = dossierSla(dossier);
  switch (sla.kind) {
    case 'not_received':
      return <span class="muted">{t.dossiers.notReceived}</span>;
    case 'paused':
      return (
        <span class="sla sla-paused" title={t.dossiers.pausedHint} data-level="paused">
          <span aria-hidden="true">⏸ </span>
          {t.dossiers.paused}
          <span class="sr-only">. {t.dossiers.pausedHint}</span>
        </span>
      );
    case 'running':
      return <SlaBadge start={sla.start} due={sla.due} />;
    case 'closed':
      return (
        <span class={sla.late ? 'badge badge-off' : 'badge'}>
          {sla.late ? t.dossiers.closedLate : t.dossiers.closedOnTime}
          {sla.due && ` · ${formatDate(sla.due)}`}
        </span>
      );
  }
}
