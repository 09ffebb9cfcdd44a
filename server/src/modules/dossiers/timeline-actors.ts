import type { Db } from '../../db/connection.js';
import type { DossierActor } from './types.js';

/** Who took a step, as the console's timeline shows it. */
export type TimelineActor = { type: DossierActor['type']; name: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Names for the actors of a console timeline: the officer's full name, the one-stop system's name,
 * fixed words for the citizen and the system. Only the console calls this: the citizen's and the
 * public lookup's timelines name no officer (Decree 13/2023: an officer's name is their personal
 * data too, and the citizen deals with the agency, not a person).
 */
export async function timelineActors(
  db: Db,
  tenantId: string,
  events: readonly { actor_type: string; actor_id: string | null }[],
): Promise<(event: { actor_type: string; actor_id: string | null }) => TimelineActor | null> {
  const ids = (type: string) => [
    ...new Set(
      events
        .filter((e) => e.actor_type === type && e.actor_id && UUID.test(e.actor_id))
        .map((e) => e.actor_id!),
    ),
  ];
  const officerIds = ids('officer');
  const integrationIds = ids('integration');
  const [officers, integrations] = await Promise.all([
    officerIds.length === 0
      ? []
      : db
          .selectFrom('officers')
          .select(['id', 'full_name as name'])
          .where('tenant_id', '=', tenantId)
          .where('id', 'in', officerIds)
          .execute(),
    integrationIds.length === 0
      ? []
      : db
          .selectFrom('one_stop_integrations')
          .select(['id', 'name'])
          .where('tenant_id', '=', tenantId)
          .where('id', 'in', integrationIds)
          .execute(),
  ]);
  const names = new Map([...officers, ...integrations].map((r) => [r.id, r.name]));
  return (e) => {
    const named = e.actor_id ? names.get(e.actor_id) : undefined;
    switch (e.actor_type) {
      case 'officer':
        return { type: 'officer', name: named ?? 'Cán bộ' };
      case 'integration':
        return { type: 'integration', name: named ?? 'Hệ thống một cửa' };
      case 'citizen':
        return { type: 'citizen', name: 'Công dân' };
      case 'system':
        return { type: 'system', name: 'Hệ thống' };
      default:
        return null;
    }
  };
}
