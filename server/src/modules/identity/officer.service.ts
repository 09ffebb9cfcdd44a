import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/connection.js';
import type { Officer } from '../../db/schema.js';
import { withTx } from '../../db/transaction-guard.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { OfficerPrincipal } from '../../platform/auth/access.js';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.js';
import { createSession, revokeSession, type CreatedSession } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { ErrorCode } from '../../platform/errors/codes.js';
import {
  addFailedLogin,
  clearFailedLogins,
  consumeTotpStep,
  findOfficerById,
  findOfficerByUsername,
  lockOfficer,
  officerRolesWithAgencies,
} from './officer.repository.js';
import type { OfficerProfile } from './officer.schemas.js';
import { matchTotpStep, openTotpSecret } from './totp.js';

/** Five wrong answers in a row lock the account for a quarter of an hour. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60_000;

/*
 * An unknown username still costs one argon2 verification against a throwaway hash with the same
 * parameters, so response time does not tell an attacker which usernames exist.
 */
let dummyHash: Promise<string> | undefined;
function timingDecoyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

function lockedError(until: Date, now: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError('ACCOUNT_LOCKED', { retryAfterSeconds });
}

export function assertNotLocked(officer: Officer, now: Date): void {
  if (officer.locked_until && officer.locked_until.getTime() > now.getTime()) {
    throw lockedError(officer.locked_until, now);
  }
}

/**
 * Counts one wrong password or code, locks the account on the fifth, and throws. Every place that
 * checks an officer's secret goes through here, so a stolen session cannot guess the password
 * through the password-change form either.
 */
export async function failAttempt(opts: {
  db: Db;
  officer: Officer;
  now: Date;
  code: ErrorCode;
}): Promise<never> {
  const { officer, now } = opts;
  const lockedUntil = await withTx(opts.db, async (tx) => {
    const count = await addFailedLogin(tx, officer.id);
    if (count < MAX_FAILED_LOGINS) return null;
    const until = new Date(now.getTime() + LOCK_MS);
    await lockOfficer(tx, officer.id, until);
    await appendAudit(tx, {
      tenantId: officer.tenant_id,
      actor: { type: 'system', id: null },
      action: 'officer.locked',
      entityType: 'officer',
      entityId: officer.id,
      data: { failedAttempts: count, lockedUntil: until.toISOString() },
    });
    return until;
  });
  // The attempt that locks the account says so at once, rather than one guess later.
  if (lockedUntil) throw lockedError(lockedUntil, now);
  throw new AppError(opts.code);
}

/** Checks a password under the lock-out policy; a wrong one is counted and `wrongCode` thrown. */
export async function checkOfficerPassword(opts: {
  db: Db;
  officer: Officer;
  password: string;
  wrongCode: ErrorCode;
  now: Date;
}): Promise<void> {
  assertNotLocked(opts.officer, opts.now);
  if (!(await verifyPassword(opts.officer.password_hash, opts.password))) {
    await failAttempt({ db: opts.db, officer: opts.officer, now: opts.now, code: opts.wrongCode });
  }
}

export async function officerProfile(db: Db, officer: Officer): Promise<OfficerProfile> {
  return {
    id: officer.id,
    username: officer.username,
    fullName: officer.full_name,
    totpEnabled: officer.totp_enabled,
    mustChangePassword: officer.must_change_password,
    roles: await officerRolesWithAgencies(db, officer.tenant_id, officer.id),
  };
}

export interface LoginOptions {
  db: Db;
  tenantId: string;
  username: string;
  password: string;
  totp?: string | undefined;
  tokenMode: 'cookie' | 'bearer';
  sessionTtlHours: number;
  totpKey: Buffer;
  /** Recorded in the audit row of the login: who signed in from where is a security record. */
  ip: string;
  now?: Date;
}

export async function loginOfficer(
  opts: LoginOptions,
): Promise<{ session: CreatedSession; officer: OfficerProfile }> {
  const now = opts.now ?? new Date();
  const officer = await findOfficerByUsername(opts.db, opts.tenantId, opts.username);
  if (!officer) {
    await verifyPassword(await timingDecoyHash(), opts.password);
    throw new AppError('INVALID_CREDENTIALS');
  }
  await checkOfficerPassword({
    db: opts.db,
    officer,
    password: opts.password,
    wrongCode: 'INVALID_CREDENTIALS',
    now,
  });
  // Only someone who knows the password learns that the account is disabled.
  if (officer.disabled) throw new AppError('ACCOUNT_DISABLED');
  let totpStep: number | null = null;
  if (officer.totp_enabled && officer.totp_secret) {
    if (!opts.totp) throw new AppError('TOTP_REQUIRED');
    const secret = openTotpSecret(officer.totp_secret, opts.totpKey);
    totpStep = matchTotpStep(secret, opts.totp, now);
    if (totpStep === null) await failAttempt({ db: opts.db, officer, now, code: 'TOTP_INVALID' });
  }

  const session = await withTx(opts.db, async (tx) => {
    // The code is spent in the same transaction that opens the session: a replayed code (or the
    // loser of two parallel logins with one code) gets no session and counts as a failure below.
    if (totpStep !== null && !(await consumeTotpStep(tx, officer.id, totpStep))) return null;
    const created = await createSession(tx, {
      tenantId: opts.tenantId,
      subjectType: 'officer',
      subjectId: officer.id,
      ttlHours: opts.sessionTtlHours,
    });
    await clearFailedLogins(tx, officer.id);
    await appendAudit(tx, {
      tenantId: opts.tenantId,
      actor: { type: 'officer', id: officer.id },
      action: 'officer.login',
      entityType: 'officer',
      entityId: officer.id,
      data: { tokenMode: opts.tokenMode, ip: opts.ip, totp: officer.totp_enabled },
    });
    return created;
  });
  if (!session) return failAttempt({ db: opts.db, officer, now, code: 'TOTP_INVALID' });
  return { session, officer: await officerProfile(opts.db, officer) };
}

export async function logoutOfficer(opts: { db: Db; actor: OfficerPrincipal }): Promise<void> {
  const { actor } = opts;
  await withTx(opts.db, async (tx) => {
    await revokeSession(tx, actor.sessionId);
    await appendAudit(tx, {
      tenantId: actor.tenantId,
      actor: { type: 'officer', id: actor.id },
      action: 'officer.logout',
      entityType: 'officer',
      entityId: actor.id,
    });
  });
}

/** The signed-in officer's row; a session whose officer vanished counts as signed out. */
export async function currentOfficer(db: Db, actor: OfficerPrincipal): Promise<Officer> {
  const officer = await findOfficerById(db, actor.tenantId, actor.id);
  if (!officer) throw new AppError('AUTH_REQUIRED');
  return officer;
}
