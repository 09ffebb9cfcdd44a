import type { Db } from '../../db/connection.js';
import type { DeliveryContent, NotifyChannel } from '../../db/schema.js';
import { SmsGatewayError, type SmsSender } from '../../integrations/sms/client.js';
import { countSmsSegments } from '../../integrations/sms/segments.js';
import {
  ZALO_ERRORS,
  ZaloApiError,
  ZaloUnavailableError,
  type ZaloClient,
} from '../../integrations/zalo/client.js';
import { AppError } from '../errors/app-error.js';
import { OaNotConfiguredError, type OaTokenStore } from './oa-tokens.js';
import type { RateLimiter } from './rate-limiter.js';
import { loadSettings, type NotificationSettings } from './routing.js';

/**
 * The three outside channels behind one call: send one delivery's content and say what happened —
 * accepted (with the provider's id and the parts billed), worth retrying later, or never going to
 * work on this channel (the caller falls back to the next one). Errors that are none of these (our
 * own bugs, the database) are thrown, and the delivery stays "sending" for the retry to resolve.
 */
export interface NotifyServices {
  db: Db;
  zalo: ZaloClient;
  sms: SmsSender;
  tokens: OaTokenStore;
  limiter: RateLimiter;
  settings: SettingsCache;
  now: () => number;
  random: () => number;
}

export type SendOutcome =
  | { kind: 'sent'; providerMessageId: string; segments: number; detail?: Record<string, unknown> }
  | { kind: 'temporary' | 'permanent'; code: string };

/** Zalo's 7-day window: inside it a consultation (`cs`) message is allowed, outside only `transaction`. */
export const INTERACTION_WINDOW_MS = 7 * 24 * 3600_000;

/** A short cache of tenant settings, so a busy worker does not read them before every message. */
export class SettingsCache {
  private readonly entries = new Map<string, { at: number; value: Promise<NotificationSettings> }>();
  constructor(
    private readonly db: Db,
    private readonly ttlMs = 30_000,
  ) {}
  get(tenantId: string): Promise<NotificationSettings> {
    const hit = this.entries.get(tenantId);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = loadSettings(this.db, tenantId);
    this.entries.set(tenantId, { at: Date.now(), value });
    value.catch(() => this.entries.delete(tenantId));
    return value;
  }
  clear(): void {
    this.entries.clear();
  }
}

export class RateLimitWaitTooLong extends Error {
  constructor() {
    super('the OA rate limit leaves no room for a while');
    this.name = 'RateLimitWaitTooLong';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One grant of the tenant's OA limit, waiting a little for room; a long wait is a retry later. */
export async function takeOaGrant(s: NotifyServices, tenantId: string, maxWaitMs = 5000): Promise<void> {
  const settings = await s.settings.get(tenantId);
  const giveUpAt = s.now() + maxWaitMs;
  for (;;) {
    const grant = await s.limiter.acquire(`oa:${tenantId}`, settings.oaRatePerMinute, 1);
    if (grant.granted > 0 && Date.now() < grant.deadline) return;
    if (grant.granted === 0 && s.now() + grant.retryAfterMs > giveUpAt) throw new RateLimitWaitTooLong();
    if (grant.granted === 0) await sleep(grant.retryAfterMs);
  }
}

const isTokenError = (e: unknown) =>
  e instanceof ZaloApiError && (e.code === ZALO_ERRORS.INVALID_TOKEN || e.code === ZALO_ERRORS.EXPIRED_TOKEN);

/** Calls Zalo with the OA token; on -216/-220 refreshes once (unless another worker did) and retries once. */
export async function withOaToken<T>(
  s: NotifyServices,
  tenantId: string,
  call: (token: string) => Promise<T>,
): Promise<T> {
  const token = await s.tokens.accessToken(tenantId);
  try {
    return await call(token);
  } catch (error) {
    if (!isTokenError(error)) throw error;
    const fresh = await s.tokens.refresh(tenantId, token);
    return call(fresh);
  }
}

export async function sendContent(
  s: NotifyServices,
  input: {
    tenantId: string;
    deliveryId: string;
    channel: NotifyChannel;
    content: DeliveryContent;
    lastInteractionAt: Date | null;
  },
  /** Set once a request to the provider has started: only from then on can it have the message. */
  probe: { providerCalled: boolean } = { providerCalled: false },
): Promise<SendOutcome> {
  const { tenantId, content } = input;
  try {
    if (input.channel === 'sms') {
      const text = (content as { text: string }).text;
      probe.providerCalled = true;
      const sent = await s.sms.send({ to: content.to, text, reference: input.deliveryId });
      return { kind: 'sent', providerMessageId: sent.id, segments: countSmsSegments(text).segments };
    }
    if (input.channel === 'zns') {
      const zns = content as { templateId: string; templateData: Record<string, string> };
      const sent = await withOaToken(s, tenantId, async (token) => {
        await takeOaGrant(s, tenantId);
        probe.providerCalled = true;
        return s.zalo.sendZns(token, {
          phone: content.to,
          templateId: zns.templateId,
          templateData: zns.templateData,
          trackingId: input.deliveryId,
        });
      });
      return { kind: 'sent', providerMessageId: sent.msgId, segments: 1, detail: { quota: sent.quota } };
    }
    const text = (content as { text: string }).text;
    const recent =
      input.lastInteractionAt && s.now() - input.lastInteractionAt.getTime() < INTERACTION_WINDOW_MS;
    const sendOa = (kind: 'cs' | 'transaction') =>
      withOaToken(s, tenantId, async (token) => {
        await takeOaGrant(s, tenantId);
        probe.providerCalled = true;
        return s.zalo.sendOaMessage(kind, token, content.to, text);
      });
    let kind: 'cs' | 'transaction' = recent ? 'cs' : 'transaction';
    let sent;
    try {
      sent = await sendOa(kind);
    } catch (error) {
      // Our record of the last interaction may be behind Zalo's: outside the window, a transaction message.
      const noWindow =
        error instanceof ZaloApiError &&
        (error.code === ZALO_ERRORS.NO_RECENT_INTERACTION ||
          error.code === ZALO_ERRORS.NO_RECENT_INTERACTION_OA);
      if (kind !== 'cs' || !noWindow) throw error;
      kind = 'transaction';
      sent = await sendOa(kind);
    }
    return { kind: 'sent', providerMessageId: sent.messageId, segments: 1, detail: { oaKind: kind } };
  } catch (error) {
    const outcome = classify(error);
    if (!outcome) throw error;
    return outcome;
  }
}

const PERMANENT_ZALO = new Set<number>([
  ZALO_ERRORS.INVALID_PHONE,
  ZALO_ERRORS.INVALID_TEMPLATE,
  ZALO_ERRORS.TEMPLATE_DATA_EMPTY,
  ZALO_ERRORS.TEMPLATE_DATA_INVALID,
  ZALO_ERRORS.INVALID_PARAMETER,
  ZALO_ERRORS.NOT_FOLLOWER,
  ZALO_ERRORS.NO_RECENT_INTERACTION,
  ZALO_ERRORS.NO_RECENT_INTERACTION_OA,
]);

/** Known failures → temporary or permanent; anything else is not ours to decide here. */
export function classify(error: unknown): SendOutcome | null {
  if (error instanceof ZaloApiError) {
    const code = `zalo:${error.code}`;
    // A refused token refresh is ours to fix (a new refresh token); keep the notice meanwhile.
    if (error.operation !== 'oa-token' && PERMANENT_ZALO.has(error.code)) return { kind: 'permanent', code };
    return { kind: 'temporary', code };
  }
  if (error instanceof ZaloUnavailableError) return { kind: 'temporary', code: 'zalo:unavailable' };
  if (error instanceof SmsGatewayError) {
    return { kind: error.permanent ? 'permanent' : 'temporary', code: `sms:http-${error.httpStatus}` };
  }
  if (error instanceof AppError && error.code === 'PHONE_INVALID') {
    return { kind: 'permanent', code: 'phone' };
  }
  // No app id or secret configured: thrown before anything is sent, and no retry will change it.
  if (error instanceof AppError && error.code === 'ZALO_NOT_CONFIGURED') {
    return { kind: 'permanent', code: 'zalo:not-configured' };
  }
  if (error instanceof OaNotConfiguredError) return { kind: 'permanent', code: 'oa:not-configured' };
  if (error instanceof RateLimitWaitTooLong) return { kind: 'temporary', code: 'rate-limit' };
  if (error instanceof RangeError) return { kind: 'permanent', code: 'content' };
  return null;
}
