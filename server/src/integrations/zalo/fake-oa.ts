import { randomBytes } from 'node:crypto';
import { ZALO_ERRORS } from './errors.js';

/**
 * The Official Account half of the fake Zalo server: OA token refresh, OA messages and ZNS, with the
 * shapes of DESIGN.md §4. Tests arrange it through `fake.oa`.
 */
export interface FakeRequest {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const OA_TOKEN_TTL_MS = 25 * 60 * 60_000;
const MINUTE_MS = 60_000;
const ZNS_DAILY_QUOTA = 500;

export const fakeToken = (prefix: string) => `${prefix}-${randomBytes(18).toString('base64url')}`;

export function zaloErr(error: number, message: string): object {
  return { error, message };
}

/** OAuth v4 refuses in a longer shape than the other APIs. */
function oauthErr(error: number, description: string): object {
  return { error, error_name: description, error_reason: '', error_description: description, ref_doc: '' };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export class FakeZaloOa {
  private readonly accessTokens = new Map<string, { expiresAt: number }>();
  private readonly refreshTokens = new Set<string>();
  private readonly followers = new Set<string>();
  private readonly inactive = new Set<string>();
  private readonly templates = new Set<string>();
  private sent = 0;
  /** Arrival times (fake clock, ms) of OA message and ZNS calls, refused ones included. */
  readonly arrivals: number[] = [];
  /** Accepted OA messages per user id and ZNS messages per phone: duplicates show as counts > 1. */
  readonly oaReceived = new Map<string, number>();
  readonly znsReceived = new Map<string, number>();
  /** ZNS tracking ids already accepted, with the answer given. */
  private readonly znsByTrackingId = new Map<string, { msgId: string; sentTime: string }>();
  znsDuplicatesRefused = 0;
  refreshCount = 0;

  constructor(
    private readonly app: { appId: string; appSecret: string },
    private readonly now: () => number,
  ) {}

  issueTokens(): { accessToken: string; refreshToken: string } {
    const accessToken = fakeToken('oat');
    const refreshToken = fakeToken('ort');
    this.accessTokens.set(accessToken, { expiresAt: this.now() + OA_TOKEN_TTL_MS });
    this.refreshTokens.add(refreshToken);
    return { accessToken, refreshToken };
  }

  expireToken(accessToken: string): void {
    const entry = this.accessTokens.get(accessToken);
    if (entry) entry.expiresAt = this.now() - 1;
  }

  addFollower(userId: string): void {
    this.followers.add(userId);
  }

  /** A follower who has not interacted within 7 days: consultation messages are refused (-230). */
  markInactive(userId: string): void {
    this.inactive.add(userId);
  }

  addTemplate(templateId: string): void {
    this.templates.add(templateId);
  }

  /** An injected error still counts against the rate: Zalo counts requests, not successes. */
  recordRefusal(path: string): void {
    if (path.startsWith('/v3.0/oa/message/') || path === '/message/template') this.arrivals.push(this.now());
  }

  /** The most message calls seen within any 60-second window (sliding, not calendar minutes). */
  maxPerMinute(): number {
    const times = [...this.arrivals].sort((a, b) => a - b);
    let best = 0;
    let start = 0;
    for (let end = 0; end < times.length; end++) {
      while (times[end]! - times[start]! >= MINUTE_MS) start++;
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  /** Totals for a load run: messages accepted, recipients, duplicates and the peak 60-second rate. */
  stats(): object {
    let duplicates = 0;
    for (const times of this.oaReceived.values()) duplicates += times - 1;
    for (const times of this.znsReceived.values()) duplicates += times - 1;
    return {
      requests: this.arrivals.length,
      accepted: this.sent,
      oaRecipients: this.oaReceived.size,
      znsRecipients: this.znsReceived.size,
      duplicates,
      maxPerMinute: this.maxPerMinute(),
    };
  }

  refresh(req: FakeRequest): object {
    const form = new URLSearchParams(req.body);
    if (req.headers.secret_key !== this.app.appSecret || form.get('app_id') !== this.app.appId) {
      return oauthErr(-14002, 'Invalid app_id or secret_key');
    }
    const refreshToken = form.get('refresh_token');
    if (form.get('grant_type') !== 'refresh_token' || !refreshToken) {
      return oauthErr(-14001, 'Invalid parameter');
    }
    // Single use: a second refresh with the same token fails, which is why the caller must store
    // the new pair before doing anything else.
    if (!this.refreshTokens.delete(refreshToken)) return oauthErr(-14014, 'Invalid refresh token');
    this.refreshCount += 1;
    const pair = this.issueTokens();
    return {
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken,
      expires_in: String(OA_TOKEN_TTL_MS / 1000),
    };
  }

  message(req: FakeRequest, kind: string): object {
    this.arrivals.push(this.now());
    const denied = this.auth(req);
    if (denied) return denied;
    const body = parseJson(req.body) as { recipient?: { user_id?: unknown }; message?: { text?: unknown } };
    const userId = body?.recipient?.user_id;
    const text = body?.message?.text;
    if (typeof userId !== 'string' || typeof text !== 'string' || text.length === 0 || text.length > 2000) {
      return zaloErr(ZALO_ERRORS.INVALID_PARAMETER, 'Invalid parameter');
    }
    if (!this.followers.has(userId)) return zaloErr(ZALO_ERRORS.NOT_FOLLOWER, 'User is not a follower');
    if (kind === 'cs' && this.inactive.has(userId)) {
      return zaloErr(ZALO_ERRORS.NO_RECENT_INTERACTION, 'User has not interacted with the OA in 7 days');
    }
    this.sent += 1;
    this.oaReceived.set(userId, (this.oaReceived.get(userId) ?? 0) + 1);
    return {
      data: {
        message_id: randomBytes(16).toString('hex'),
        user_id: userId,
        sent_time: String(this.now()),
        quota: kind === 'cs' ? null : { quota_type: kind, remain: String(1000 - this.sent), total: '1000' },
      },
      error: 0,
      message: 'Success',
    };
  }

  zns(req: FakeRequest): object {
    this.arrivals.push(this.now());
    const denied = this.auth(req);
    if (denied) return denied;
    const body = parseJson(req.body) as {
      phone?: unknown;
      template_id?: unknown;
      template_data?: unknown;
      tracking_id?: unknown;
    };
    if (!body) return zaloErr(ZALO_ERRORS.INVALID_PARAMETER, 'Invalid parameter');
    if (typeof body.phone !== 'string' || !/^84\d{9}$/.test(body.phone)) {
      return zaloErr(ZALO_ERRORS.INVALID_PHONE, 'Phone number invalid');
    }
    if (typeof body.template_id !== 'string' || !this.templates.has(body.template_id)) {
      return zaloErr(ZALO_ERRORS.INVALID_TEMPLATE, 'Template ID invalid');
    }
    const data = body.template_data;
    if (!data || typeof data !== 'object' || Object.keys(data).length === 0) {
      return zaloErr(ZALO_ERRORS.TEMPLATE_DATA_EMPTY, 'Template data empty');
    }
    if (Object.values(data).some((v) => typeof v !== 'string' && typeof v !== 'number')) {
      return zaloErr(ZALO_ERRORS.TEMPLATE_DATA_INVALID, 'Template data invalid');
    }
    if (typeof body.tracking_id !== 'string' || body.tracking_id.length > 48) {
      return zaloErr(ZALO_ERRORS.INVALID_PARAMETER, 'Invalid parameter');
    }
    const quota = () => ({
      dailyQuota: String(ZNS_DAILY_QUOTA),
      remainingQuota: String(Math.max(ZNS_DAILY_QUOTA - this.sent, 0)),
    });
    /*
     * Zalo documents tracking_id as the partner's own reference for reconciliation; it does not
     * document that a repeated tracking_id is refused or de-duplicated. Our delivery worker reuses the
     * tracking id when it retries an attempt whose answer it never recorded, and relies on the
     * provider answering the first message again instead of sending a second one. This fake does
     * exactly that, so tests hold the worker to its side of the bargain; against the real ZNS the
     * residual risk is a duplicate after a crash in that short window (see docs in delivery.ts).
     */
    const known = this.znsByTrackingId.get(body.tracking_id);
    if (known) {
      this.znsDuplicatesRefused += 1;
      return {
        error: 0,
        message: 'Success',
        data: { msg_id: known.msgId, sent_time: known.sentTime, quota: quota() },
      };
    }
    this.sent += 1;
    this.znsReceived.set(body.phone, (this.znsReceived.get(body.phone) ?? 0) + 1);
    const answer = { msgId: randomBytes(16).toString('hex'), sentTime: String(this.now()) };
    if (body.tracking_id !== '') this.znsByTrackingId.set(body.tracking_id, answer);
    return {
      error: 0,
      message: 'Success',
      data: { msg_id: answer.msgId, sent_time: answer.sentTime, quota: quota() },
    };
  }

  private auth(req: FakeRequest): object | undefined {
    const accessToken = req.headers.access_token;
    const entry = typeof accessToken === 'string' ? this.accessTokens.get(accessToken) : undefined;
    if (!entry) return zaloErr(ZALO_ERRORS.INVALID_TOKEN, 'Access token is invalid');
    if (entry.expiresAt <= this.now()) return zaloErr(ZALO_ERRORS.EXPIRED_TOKEN, 'Access token has expired');
    return undefined;
  }
}
