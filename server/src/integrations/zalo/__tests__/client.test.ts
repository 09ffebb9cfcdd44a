import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors/app-error.js';
import {
  HttpZaloClient,
  verifyZaloWebhookSignature,
  ZaloApiError,
  zaloErrorToAppError,
  ZaloUnavailableError,
  type ZaloClientSettings,
} from '../client.js';
import { FakeZaloServer } from '../fake-server.js';

const fake = new FakeZaloServer({ appId: 'app-1', appSecret: 'secret-1', oaSecret: 'oa-secret-1' });
let settings: ZaloClientSettings;
let client: HttpZaloClient;

beforeAll(async () => {
  const url = await fake.start();
  settings = {
    appId: 'app-1',
    appSecret: 'secret-1',
    oaSecret: 'oa-secret-1',
    graphUrl: url,
    oauthUrl: url,
    openApiUrl: url,
    businessUrl: url,
    timeoutMs: 300,
  };
  client = new HttpZaloClient(settings);
});
afterAll(() => fake.close());
beforeEach(() => fake.setOutage(null));

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

async function appCode(promise: Promise<unknown>): Promise<string> {
  return zaloErrorToAppError(await failure(promise)).code;
}

describe('Zalo client: profile', () => {
  it('calls /v2.0/me with the access token and its appsecret_proof', async () => {
    const { accessToken } = fake.addUser({
      id: '3368637342326461234',
      name: 'Trần Thị Bình',
      pictureUrl: 'https://s120.avatar/1.jpg',
    });
    const profile = await client.getProfile(accessToken);
    expect(profile).toEqual({
      id: '3368637342326461234',
      name: 'Trần Thị Bình',
      pictureUrl: 'https://s120.avatar/1.jpg',
    });
    const sent = fake.requestsTo('/v2.0/me').at(-1)!;
    expect(sent.method).toBe('GET');
    expect(sent.query).toEqual({ fields: 'id,name,picture' });
    expect(sent.headers.access_token).toBe(accessToken);
    expect(sent.headers.appsecret_proof).toBe(
      createHmac('sha256', 'secret-1').update(accessToken).digest('hex'),
    );
  });

  it('maps -216 (unknown token) and -220 (expired token)', async () => {
    const unknown = await failure(client.getProfile('not-a-token'));
    expect(unknown).toBeInstanceOf(ZaloApiError);
    expect((unknown as ZaloApiError).code).toBe(-216);
    expect(zaloErrorToAppError(unknown).code).toBe('ZALO_TOKEN_INVALID');
    fake.addUser({ id: 'u-exp', name: 'Hết Hạn' });
    expect(await appCode(client.getProfile(fake.issueExpiredAccessToken('u-exp')))).toBe(
      'ZALO_TOKEN_EXPIRED',
    );
  });

  it('is refused when the appsecret_proof was made with another secret', async () => {
    const { accessToken } = fake.addUser({ id: 'u-proof', name: 'Lê Văn Cường' });
    const wrong = new HttpZaloClient({ ...settings, appSecret: 'someone-elses-secret' });
    const error = await failure(wrong.getProfile(accessToken));
    expect((error as ZaloApiError).code).toBe(-216);
    expect(zaloErrorToAppError(error).code).toBe('ZALO_TOKEN_INVALID');
  });

  it('maps -32 to ZALO_RATE_LIMITED', async () => {
    const { accessToken } = fake.addUser({ id: 'u-rl', name: 'Phạm Minh' });
    fake.failNext(-32, { path: '/v2.0/me', message: 'Rate limit exceeded' });
    expect(await appCode(client.getProfile(accessToken))).toBe('ZALO_RATE_LIMITED');
    // The injected error is spent: the next call works.
    await expect(client.getProfile(accessToken)).resolves.toMatchObject({ id: 'u-rl' });
  });

  it('reports 5xx, non-JSON answers, timeouts and refused connections as unavailable', async () => {
    const { accessToken } = fake.addUser({ id: 'u-down', name: 'Võ Thị Dung' });
    for (const mode of ['http-503', 'not-json', 'hang'] as const) {
      fake.setOutage(mode);
      const error = await failure(client.getProfile(accessToken));
      expect(error, mode).toBeInstanceOf(ZaloUnavailableError);
      expect(zaloErrorToAppError(error).code).toBe('ZALO_UNAVAILABLE');
    }
    fake.setOutage(null);
    const closed = new HttpZaloClient({ ...settings, graphUrl: 'http://127.0.0.1:9' });
    expect(await failure(closed.getProfile(accessToken))).toBeInstanceOf(ZaloUnavailableError);
  });

  it('refuses to call Zalo without an app secret', async () => {
    const unconfigured = new HttpZaloClient({ ...settings, appSecret: undefined });
    expect(unconfigured.configured).toBe(false);
    const error = await failure(unconfigured.getProfile('x'));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('ZALO_NOT_CONFIGURED');
  });
});

describe('Zalo client: phone and location tokens', () => {
  it('exchanges a phone token once, with access_token, code and secret_key headers', async () => {
    const { accessToken } = fake.addUser({ id: 'u-phone', name: 'Đỗ Hùng', phone: '84987654321' });
    const code = fake.issuePhoneToken('u-phone');
    expect(await client.getPhoneNumber(accessToken, code)).toBe('84987654321');
    const sent = fake.requestsTo('/v2.0/me/info').at(-1)!;
    expect(sent.headers).toMatchObject({ access_token: accessToken, code, secret_key: 'secret-1' });
    expect(await appCode(client.getPhoneNumber(accessToken, code))).toBe('ZALO_PHONE_TOKEN_INVALID');
  });

  it('refuses a phone token after two minutes', async () => {
    const { accessToken } = fake.addUser({ id: 'u-late', name: 'Ngô Lan', phone: '84912345678' });
    const code = fake.issuePhoneToken('u-late');
    fake.advanceTime(2 * 60_000 + 1);
    try {
      expect(await appCode(client.getPhoneNumber(accessToken, code))).toBe('ZALO_PHONE_TOKEN_INVALID');
    } finally {
      fake.advanceTime(-(2 * 60_000 + 1));
    }
  });

  it('reads a location token as numbers', async () => {
    const { accessToken } = fake.addUser({
      id: 'u-loc',
      name: 'Huỳnh Tâm',
      location: { latitude: '11.3352', longitude: '106.1099', provider: 'gps' },
    });
    const location = await client.getLocation(accessToken, fake.issueLocationToken('u-loc'));
    expect(location).toMatchObject({ latitude: 11.3352, longitude: 106.1099, provider: 'gps' });
    expect(location.timestamp).toBeGreaterThan(0);
  });
});

describe('Zalo client: OA', () => {
  it('refreshes the OA token form-encoded; the old refresh token then fails', async () => {
    const { refreshToken } = fake.oa.issueTokens();
    const fresh = await client.refreshOaToken(refreshToken);
    expect(fresh.accessToken).toMatch(/^oat-/);
    expect(fresh.refreshToken).not.toBe(refreshToken);
    expect(fresh.expiresInSeconds).toBe(90_000);
    const sent = fake.requestsTo('/v4/oa/access_token').at(-1)!;
    expect(sent.headers.secret_key).toBe('secret-1');
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(sent.body))).toEqual({
      app_id: 'app-1',
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
    expect(await failure(client.refreshOaToken(refreshToken))).toBeInstanceOf(ZaloApiError);
  });

  it('sends an OA message to a follower and reports -213 for others', async () => {
    const { accessToken } = fake.oa.issueTokens();
    fake.oa.addFollower('follower-1');
    const sent = await client.sendOaMessage('transaction', accessToken, 'follower-1', 'Hồ sơ đã có kết quả.');
    expect(sent.messageId).toMatch(/^[0-9a-f]{32}$/);
    expect(sent.userId).toBe('follower-1');
    const request = fake.requestsTo('/v3.0/oa/message/transaction').at(-1)!;
    expect(request.headers.access_token).toBe(accessToken);
    expect(JSON.parse(request.body)).toEqual({
      recipient: { user_id: 'follower-1' },
      message: { text: 'Hồ sơ đã có kết quả.' },
    });
    const error = await failure(client.sendOaMessage('cs', accessToken, 'stranger', 'Xin chào'));
    expect((error as ZaloApiError).code).toBe(-213);
    await expect(client.sendOaMessage('cs', accessToken, 'follower-1', 'x'.repeat(2001))).rejects.toThrow(
      RangeError,
    );
  });

  it('sends ZNS with the phone in 84 form and reports template errors', async () => {
    const { accessToken } = fake.oa.issueTokens();
    fake.oa.addTemplate('231456');
    const result = await client.sendZns(accessToken, {
      phone: '0987654321',
      templateId: '231456',
      templateData: { ma_ho_so: 'H12.34-250101-0001', ngay_hen: '05/01/2025' },
      trackingId: 'dossier-1',
    });
    expect(result.msgId).toMatch(/^[0-9a-f]{32}$/);
    expect(result.quota).toEqual({ dailyQuota: '500', remainingQuota: expect.any(String) });
    expect(JSON.parse(fake.requestsTo('/message/template').at(-1)!.body)).toMatchObject({
      phone: '84987654321',
      template_id: '231456',
      tracking_id: 'dossier-1',
    });
    const error = await failure(
      client.sendZns(accessToken, {
        phone: '0987654321',
        templateId: 'nope',
        templateData: { a: 1 },
        trackingId: 't',
      }),
    );
    expect((error as ZaloApiError).code).toBe(-109);
    await expect(
      client.sendZns(accessToken, {
        phone: '0987654321',
        templateId: '231456',
        templateData: { a: 1 },
        trackingId: 'x'.repeat(49),
      }),
    ).rejects.toThrow(RangeError);
  });
});

describe('Zalo webhook signature', () => {
  it('accepts the signature Zalo computes and rejects a tampered body', () => {
    const rawBody = JSON.stringify({ app_id: 'app-1', event_name: 'follow', timestamp: '1735689600000' });
    const signature = fake.signWebhook(rawBody, '1735689600000');
    const input = { appId: 'app-1', rawBody, timestamp: '1735689600000', oaSecret: 'oa-secret-1' };
    expect(verifyZaloWebhookSignature({ ...input, signature })).toBe(true);
    expect(verifyZaloWebhookSignature({ ...input, signature: `mac=${signature}` })).toBe(true);
    expect(
      verifyZaloWebhookSignature({ ...input, rawBody: rawBody.replace('follow', 'unfollow'), signature }),
    ).toBe(false);
    expect(verifyZaloWebhookSignature({ ...input, signature: undefined })).toBe(false);
    expect(verifyZaloWebhookSignature({ ...input, signature: 'abc' })).toBe(false);
  });
});
