import type { Config } from '../../config.js';
import { AppError } from '../../platform/errors/app-error.js';
import { normalizeVietnamesePhone, toZaloPhone } from '../sms/phone.js';
import { ZALO_ERRORS, ZaloApiError, ZaloUnavailableError, type ZaloOperation } from './errors.js';
import { httpExchange } from './http-exchange.js';
import { appSecretProof } from './signature.js';

export { ZaloApiError, ZaloUnavailableError, ZALO_ERRORS, zaloErrorToAppError } from './errors.js';
export { appSecretProof, verifyZaloWebhookSignature, zaloWebhookSignature } from './signature.js';

/**
 * Client for the Zalo server-side APIs, exactly as DESIGN.md §4 describes them. Every method either
 * returns the documented success shape or throws a ZaloApiError (Zalo refused) or a
 * ZaloUnavailableError (network, timeout, 5xx, unreadable answer). Base URLs come from the
 * configuration so tests point them at the fake server.
 */
export interface ZaloProfile {
  id: string;
  name: string;
  pictureUrl: string | null;
}

export interface ZaloLocation {
  latitude: number;
  longitude: number;
  provider: string;
  /** Milliseconds since the epoch, as Zalo reports it. */
  timestamp: number;
}

export interface OaTokens {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
}

export type OaMessageKind = 'cs' | 'transaction' | 'promotion';
export const OA_MESSAGE_MAX_LENGTH = 2000;
export const ZNS_TRACKING_ID_MAX_LENGTH = 48;

export interface OaMessageResult {
  messageId: string;
  userId: string;
  sentTime: string | null;
  quota: unknown;
}

export interface ZnsRequest {
  /** Any accepted Vietnamese form; sent as `84…`. */
  phone: string;
  templateId: string;
  templateData: Record<string, string | number>;
  trackingId: string;
}

export interface ZnsResult {
  msgId: string;
  sentTime: string;
  quota: { dailyQuota: string; remainingQuota: string } | null;
}

export interface ZaloClient {
  /** App id and secret are set: the mini app sign-in can work. */
  readonly configured: boolean;
  getProfile(accessToken: string): Promise<ZaloProfile>;
  /** Exchanges a one-use phone token; returns the number as Zalo gives it (`84…`). */
  getPhoneNumber(accessToken: string, code: string): Promise<string>;
  getLocation(accessToken: string, code: string): Promise<ZaloLocation>;
  /** The refresh token is single-use: persist the returned pair before using the access token. */
  refreshOaToken(refreshToken: string): Promise<OaTokens>;
  sendOaMessage(
    kind: OaMessageKind,
    accessToken: string,
    userId: string,
    text: string,
  ): Promise<OaMessageResult>;
  sendZns(accessToken: string, request: ZnsRequest): Promise<ZnsResult>;
}

export type ZaloClientSettings = Config['zalo'] & { timeoutMs?: number };

type Json = Record<string, unknown>;

export class HttpZaloClient implements ZaloClient {
  private readonly timeoutMs: number;

  constructor(private readonly settings: ZaloClientSettings) {
    this.timeoutMs = settings.timeoutMs ?? 10_000;
  }

  get configured(): boolean {
    return Boolean(this.settings.appId && this.settings.appSecret);
  }

  async getProfile(accessToken: string): Promise<ZaloProfile> {
    const secret = this.appSecret();
    const url = `${this.settings.graphUrl}/v2.0/me?fields=id,name,picture`;
    const body = await this.call('profile', url, {
      method: 'GET',
      headers: { access_token: accessToken, appsecret_proof: appSecretProof(secret, accessToken) },
    });
    const id = body.id;
    if (typeof id !== 'string' && typeof id !== 'number') throw unexpected('profile', 'no id');
    const picture = (body.picture as { data?: { url?: unknown } } | undefined)?.data?.url;
    return {
      id: String(id),
      name: typeof body.name === 'string' ? body.name : '',
      pictureUrl: typeof picture === 'string' && picture !== '' ? picture : null,
    };
  }

  async getPhoneNumber(accessToken: string, code: string): Promise<string> {
    const data = await this.userInfo('phone', accessToken, code);
    const number = data.number;
    if (typeof number !== 'string' && typeof number !== 'number') throw unexpected('phone', 'no number');
    return String(number);
  }

  async getLocation(accessToken: string, code: string): Promise<ZaloLocation> {
    const data = await this.userInfo('location', accessToken, code);
    // Zalo sends every field as a string.
    const latitude = Number(data.latitude);
    const longitude = Number(data.longitude);
    if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) {
      throw unexpected('location', 'no coordinates');
    }
    return {
      latitude,
      longitude,
      provider: typeof data.provider === 'string' ? data.provider : '',
      timestamp: Number(data.timestamp) || 0,
    };
  }

  async refreshOaToken(refreshToken: string): Promise<OaTokens> {
    const appId = this.settings.appId;
    if (!appId) throw new AppError('ZALO_NOT_CONFIGURED');
    const form = new URLSearchParams({
      app_id: appId,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
    const body = await this.call('oa-token', `${this.settings.oauthUrl}/v4/oa/access_token`, {
      method: 'POST',
      headers: { secret_key: this.appSecret(), 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    if (typeof body.access_token !== 'string' || typeof body.refresh_token !== 'string') {
      throw unexpected('oa-token', 'no tokens');
    }
    return {
      accessToken: body.access_token,
      refreshToken: body.refresh_token,
      expiresInSeconds: Number(body.expires_in) || 0,
    };
  }

  async sendOaMessage(
    kind: OaMessageKind,
    accessToken: string,
    userId: string,
    text: string,
  ): Promise<OaMessageResult> {
    if (text.length === 0 || text.length > OA_MESSAGE_MAX_LENGTH) {
      throw new RangeError(`OA message text must be 1-${OA_MESSAGE_MAX_LENGTH} characters`);
    }
    const body = await this.call('oa-message', `${this.settings.openApiUrl}/v3.0/oa/message/${kind}`, {
      method: 'POST',
      headers: { access_token: accessToken, 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: { user_id: userId }, message: { text } }),
    });
    const data = (body.data ?? {}) as Json;
    if (data.message_id === undefined) throw unexpected('oa-message', 'no message_id');
    return {
      messageId: String(data.message_id),
      userId: String(data.user_id ?? userId),
      sentTime: data.sent_time === undefined ? null : String(data.sent_time),
      quota: data.quota ?? null,
    };
  }

  async sendZns(accessToken: string, request: ZnsRequest): Promise<ZnsResult> {
    if (request.trackingId.length === 0 || request.trackingId.length > ZNS_TRACKING_ID_MAX_LENGTH) {
      throw new RangeError(`ZNS tracking_id must be 1-${ZNS_TRACKING_ID_MAX_LENGTH} characters`);
    }
    const canonical = normalizeVietnamesePhone(request.phone);
    if (!canonical) throw new AppError('PHONE_INVALID');
    const body = await this.call('zns', `${this.settings.businessUrl}/message/template`, {
      method: 'POST',
      headers: { access_token: accessToken, 'content-type': 'application/json' },
      body: JSON.stringify({
        phone: toZaloPhone(canonical),
        template_id: request.templateId,
        template_data: request.templateData,
        tracking_id: request.trackingId,
      }),
    });
    const data = (body.data ?? {}) as Json;
    if (data.msg_id === undefined) throw unexpected('zns', 'no msg_id');
    const quota = data.quota as { dailyQuota?: unknown; remainingQuota?: unknown } | undefined;
    return {
      msgId: String(data.msg_id),
      sentTime: String(data.sent_time ?? ''),
      quota: quota
        ? { dailyQuota: String(quota.dailyQuota ?? ''), remainingQuota: String(quota.remainingQuota ?? '') }
        : null,
    };
  }

  private appSecret(): string {
    const secret = this.settings.appSecret;
    if (!secret) throw new AppError('ZALO_NOT_CONFIGURED');
    return secret;
  }

  private async userInfo(operation: 'phone' | 'location', accessToken: string, code: string) {
    const body = await this.call(operation, `${this.settings.graphUrl}/v2.0/me/info`, {
      method: 'GET',
      headers: { access_token: accessToken, code, secret_key: this.appSecret() },
    });
    const data = body.data;
    if (!data || typeof data !== 'object') throw unexpected(operation, 'no data');
    return data as Json;
  }

  /** One HTTP exchange; turns every way it can fail into one of the two Zalo error types. */
  private async call(
    operation: ZaloOperation,
    url: string,
    init: { method: string; headers: Record<string, string>; body?: string },
  ): Promise<Json> {
    let status: number;
    let text: string;
    try {
      ({ status, text } = await httpExchange(url, init, this.timeoutMs));
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network error';
      throw new ZaloUnavailableError(operation, reason);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const json = body as Json;
      const code = typeof json.error === 'string' ? Number(json.error) : json.error;
      if (typeof code === 'number' && Number.isFinite(code) && code !== 0) {
        const message = json.message ?? json.error_description ?? json.error_name ?? '';
        throw new ZaloApiError(operation, code, String(message), status);
      }
      if (status >= 200 && status < 300) return json;
    }
    if (status === 429) throw new ZaloApiError(operation, ZALO_ERRORS.RATE_LIMITED, 'HTTP 429', status);
    throw new ZaloUnavailableError(operation, `HTTP ${status}${body === undefined ? ', not JSON' : ''}`);
  }
}

function unexpected(operation: ZaloOperation, what: string): ZaloUnavailableError {
  return new ZaloUnavailableError(operation, `unexpected answer: ${what}`);
}
