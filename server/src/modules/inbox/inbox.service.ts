import type { Db } from '../../db/connection.js';
import { withTx } from '../../db/transaction-guard.js';
import { normalizeVietnamesePhone } from '../../integrations/sms/phone.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { OfficerPrincipal } from '../../platform/auth/access.js';
import { AppError } from '../../platform/errors/app-error.js';
import { writeInboxMessage } from '../../platform/notify/inbox.js';
import type { AdminMessageBody } from './inbox.schemas.js';

export const OFFICER_MESSAGE = 'officer_message';

/**
 * An officer writes to one citizen of the province (an answer that does not fit a dossier, a
 * reminder to collect a result). The recipient is named by id or by phone number; either way it must
 * be a citizen of the officer's own tenant, or the answer is the same 404 as for a stranger.
 */
export async function sendOfficerMessage(opts: {
  db: Db;
  actor: OfficerPrincipal;
  input: AdminMessageBody;
}): Promise<{ id: string; citizenId: string }> {
  const { db, actor, input } = opts;
  let phone: string | undefined;
  if (input.phone !== undefined) {
    phone = normalizeVietnamesePhone(input.phone);
    if (!phone) throw new AppError('PHONE_INVALID', { field: 'phone' });
  }
  return withTx(db, async (tx) => {
    let query = tx.selectFrom('citizens').select('id').where('tenant_id', '=', actor.tenantId);
    if (phone) query = query.where('phone', '=', phone);
    else if (input.citizenId) query = query.where('id', '=', input.citizenId);
    else throw new AppError('VALIDATION_FAILED', { fields: [{ path: '/citizenId', rule: 'oneOf' }] });
    const citizen = await query.executeTakeFirst();
    if (!citizen) throw new AppError('CITIZEN_NOT_FOUND');
    const message = await writeInboxMessage({
      tx,
      tenantId: actor.tenantId,
      citizenId: citizen.id,
      type: OFFICER_MESSAGE,
      title: input.title,
      body: input.body,
      link: input.link ?? null,
      createdByOfficerId: actor.id,
    });
    // The body stays out of the log: it may carry personal details the citizen can later have erased.
    await appendAudit(tx, {
      tenantId: actor.tenantId,
      actor: { type: 'officer', id: actor.id },
      action: 'citizen.message_sent',
      entityType: 'citizen',
      entityId: citizen.id,
      data: {
        messageId: message.id,
        type: OFFICER_MESSAGE,
        title: input.title,
        linkPage: input.link?.page ?? null,
        by: phone ? 'phone' : 'citizenId',
      },
    });
    return { id: message.id, citizenId: citizen.id };
  });
}
