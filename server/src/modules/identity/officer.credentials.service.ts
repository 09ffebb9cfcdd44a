import type { Db } from '../../db/connection.js';
import { withTx } from '../../db/transaction-guard.js';
import { appendAudit, type AuditEntry } from '../../platform/audit/audit.js';
import type { OfficerPrincipal } from '../../platform/auth/access.js';
import { hashPassword, isStrongPassword } from '../../platform/auth/passwords.js';
import { AppError } from '../../platform/errors/app-error.js';
import { consumeTotpStep, revokeOtherSessions } from './officer.repository.js';
import { checkOfficerPassword, currentOfficer, failAttempt } from './officer.service.js';
import { matchTotpStep, newTotpSecret, openTotpSecret, otpauthUrl, sealTotpSecret } from './totp.js';

/** Password change and the second factor: everything an officer does to their own credentials. */

function auditOf(actor: OfficerPrincipal, action: string, data?: Record<string, unknown>): AuditEntry {
  return {
    tenantId: actor.tenantId,
    actor: { type: 'officer', id: actor.id },
    action,
    entityType: 'officer',
    entityId: actor.id,
    ...(data ? { data } : {}),
  };
}

/**
 * Changing the password signs out every other session: if the old password leaked, whoever used it
 * loses access now, while the officer making the change stays signed in.
 */
export async function changeOfficerPassword(opts: {
  db: Db;
  actor: OfficerPrincipal;
  currentPassword: string;
  newPassword: string;
  now?: Date;
}): Promise<void> {
  const now = opts.now ?? new Date();
  const officer = await currentOfficer(opts.db, opts.actor);
  if (!isStrongPassword(opts.newPassword)) throw new AppError('PASSWORD_TOO_WEAK');
  await checkOfficerPassword({
    db: opts.db,
    officer,
    password: opts.currentPassword,
    wrongCode: 'PASSWORD_INCORRECT',
    now,
  });
  if (opts.newPassword === opts.currentPassword) throw new AppError('PASSWORD_UNCHANGED');
  // argon2 takes tens of milliseconds: hash before the transaction, which must stay short.
  const passwordHash = await hashPassword(opts.newPassword);
  await withTx(opts.db, async (tx) => {
    await tx
      .updateTable('officers')
      .set({
        password_hash: passwordHash,
        password_changed_at: now,
        must_change_password: false,
        failed_logins: 0,
        locked_until: null,
      })
      .where('id', '=', officer.id)
      .execute();
    const revokedSessions = await revokeOtherSessions(tx, officer.id, opts.actor.sessionId);
    await appendAudit(tx, auditOf(opts.actor, 'officer.password_changed', { revokedSessions }));
  });
}

/**
 * Starts enrolment: a fresh secret is stored but not enabled until the officer proves, with a code,
 * that their app holds it. Starting again replaces a pending secret; an enabled one must be
 * disabled first, which needs the password and a code.
 */
export async function setupOfficerTotp(opts: {
  db: Db;
  actor: OfficerPrincipal;
  totpKey: Buffer;
}): Promise<{ secret: string; otpauthUrl: string }> {
  const officer = await currentOfficer(opts.db, opts.actor);
  if (officer.totp_enabled) throw new AppError('TOTP_ALREADY_ENABLED');
  const secret = newTotpSecret();
  await withTx(opts.db, async (tx) => {
    await tx
      .updateTable('officers')
      // Steps used with an earlier secret say nothing about this one: without the reset, an officer
      // who disables and re-enrols within a minute would see their first new code refused.
      .set({ totp_secret: sealTotpSecret(secret, opts.totpKey), totp_enabled: false, totp_last_step: null })
      .where('id', '=', officer.id)
      .execute();
    await appendAudit(tx, auditOf(opts.actor, 'officer.totp_setup'));
  });
  return { secret, otpauthUrl: otpauthUrl(secret, `${officer.username}@${officer.tenant_id}`) };
}

export async function enableOfficerTotp(opts: {
  db: Db;
  actor: OfficerPrincipal;
  password: string;
  code: string;
  totpKey: Buffer;
  now?: Date;
}): Promise<void> {
  const officer = await currentOfficer(opts.db, opts.actor);
  if (officer.totp_enabled) throw new AppError('TOTP_ALREADY_ENABLED');
  if (!officer.totp_secret) throw new AppError('TOTP_NOT_SET_UP');
  // Without this, someone holding a stolen session could enrol their own app and lock the officer out.
  await checkOfficerPassword({
    db: opts.db,
    officer,
    password: opts.password,
    wrongCode: 'PASSWORD_INCORRECT',
    now: opts.now ?? new Date(),
  });
  // A typo while enrolling is not a guess at anyone's credentials, so it is not counted.
  const secret = openTotpSecret(officer.totp_secret, opts.totpKey);
  const step = matchTotpStep(secret, opts.code, opts.now ?? new Date());
  if (step === null) throw new AppError('TOTP_INVALID');
  await withTx(opts.db, async (tx) => {
    // Spent here too, so the code that switched TOTP on cannot then open a session.
    if (!(await consumeTotpStep(tx, officer.id, step))) throw new AppError('TOTP_INVALID');
    await tx.updateTable('officers').set({ totp_enabled: true }).where('id', '=', officer.id).execute();
    await appendAudit(tx, auditOf(opts.actor, 'officer.totp_enabled'));
  });
}

/** Needs both factors, so a borrowed session alone cannot strip the second one. */
export async function disableOfficerTotp(opts: {
  db: Db;
  actor: OfficerPrincipal;
  password: string;
  code: string;
  totpKey: Buffer;
  now?: Date;
}): Promise<void> {
  const now = opts.now ?? new Date();
  const officer = await currentOfficer(opts.db, opts.actor);
  if (!officer.totp_enabled || !officer.totp_secret) throw new AppError('TOTP_NOT_ENABLED');
  await checkOfficerPassword({
    db: opts.db,
    officer,
    password: opts.password,
    wrongCode: 'PASSWORD_INCORRECT',
    now,
  });
  const step = matchTotpStep(openTotpSecret(officer.totp_secret, opts.totpKey), opts.code, now);
  if (step === null) return failAttempt({ db: opts.db, officer, now, code: 'TOTP_INVALID' });
  const disabled = await withTx(opts.db, async (tx) => {
    // A code already used (say, the one just typed at login, seen over a shoulder) cannot strip
    // the second factor; it is refused like a wrong code, and counted below.
    if (!(await consumeTotpStep(tx, officer.id, step))) return false;
    await tx
      .updateTable('officers')
      // totp_last_step stays: it keeps a racing second request with the same code refused, and
      // setup clears it together with the new secret.
      .set({ totp_enabled: false, totp_secret: null, failed_logins: 0, locked_until: null })
      .where('id', '=', officer.id)
      .execute();
    await appendAudit(tx, auditOf(opts.actor, 'officer.totp_disabled'));
    return true;
  });
  if (!disabled) await failAttempt({ db: opts.db, officer, now, code: 'TOTP_INVALID' });
}
