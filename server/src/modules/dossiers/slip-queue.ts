import type { Db } from '../../db/connection.js';
import type { SlipForm } from '../../db/schema.js';
import { enqueue } from '../../platform/jobs/queue.js';
import { SLIP_QUEUE } from './types.js';

export interface SlipJobPayload {
  [key: string]: unknown;
  dossierId: string;
  form: SlipForm;
  /** The timeline entry the slip documents (its reason, items, new appointment). */
  eventId?: number;
  /** A notice to send once the slip exists (for callers that want the PDF linked first). */
  notifyType?: string;
}

/** Rendering a PDF is slow and may fail: it runs as a job enqueued with the action's transaction. */
export async function enqueueSlip(
  tx: Db,
  o: { tenantId: string; dossierId: string; form: SlipForm; eventId?: number; notifyType?: string },
): Promise<void> {
  const payload: SlipJobPayload = { dossierId: o.dossierId, form: o.form };
  if (o.eventId !== undefined) payload.eventId = o.eventId;
  if (o.notifyType) payload.notifyType = o.notifyType;
  await enqueue(tx, { queue: SLIP_QUEUE, tenantId: o.tenantId, payload, maxAttempts: 8, backoffSeconds: 30 });
}
