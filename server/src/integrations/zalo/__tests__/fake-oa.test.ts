import { afterAll, beforeAll, expect, it, describe } from 'vitest';
import { HttpZaloClient, ZALO_ERRORS, ZaloApiError, ZaloUnavailableError } from '../client.js';
import { FakeZaloServer } from '../fake-server.js';

/** The fake's load-test and failure features the notification tests rely on. */
const fake = new FakeZaloServer();
let client: HttpZaloClient;
let token: string;

beforeAll(async () => {
  const url = await fake.start();
  client = new HttpZaloClient({
    appId: fake.appId,
    appSecret: fake.appSecret,
    oaSecret: fake.oaSecret,
    graphUrl: url,
    oauthUrl: url,
    openApiUrl: url,
    businessUrl: url,
    timeoutMs: 300,
  });
  token = fake.oa.issueTokens().accessToken;
  fake.oa.addTemplate('100200');
  fake.oa.addFollower('u-1');
});
afterAll(() => fake.close());

describe('fake Zalo OA and ZNS', () => {
  const zns = (trackingId: string) =>
    client.sendZns(token, {
      phone: '0987654321',
      templateId: '100200',
      templateData: { ma: 'HS-1' },
      trackingId,
    });

  it('answers a repeated ZNS tracking_id with the first message, sending nothing twice', async () => {
    const first = await zns('delivery-1');
    const again = await zns('delivery-1');
    const other = await zns('delivery-2');
    expect(again.msgId).toBe(first.msgId);
    expect(other.msgId).not.toBe(first.msgId);
    expect(fake.oa.znsReceived.get('84987654321')).toBe(2);
    expect(fake.oa.znsDuplicatesRefused).toBe(1);
    // Quota fields as Zalo sends them (strings); the repeat did not use quota.
    expect(first.quota).toEqual({ dailyQuota: '500', remainingQuota: '499' });
    expect(again.quota).toEqual({ dailyQuota: '500', remainingQuota: '499' });
  });

  it('reports the documented codes on demand, counts refused calls in the rate, and can be slow', async () => {
    fake.failNext(ZALO_ERRORS.NO_RECENT_INTERACTION, { path: '/v3.0/oa/message/cs' });
    const refused = await client.sendOaMessage('cs', token, 'u-1', 'Xin chào').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ZaloApiError);
    expect((refused as ZaloApiError).code).toBe(-230);
    const notFollower = await client
      .sendOaMessage('transaction', token, 'u-2', 'Xin chào')
      .catch((e: unknown) => e);
    expect((notFollower as ZaloApiError).code).toBe(-213);
    const sent = await client.sendOaMessage('transaction', token, 'u-1', 'Xin chào');
    expect(sent.quota).toEqual({ quota_type: 'transaction', remain: expect.any(String), total: '1000' });
    // Three ZNS calls and three OA calls so far, refusals included, all within a minute.
    expect(fake.oa.maxPerMinute()).toBe(6);
    fake.latencyMs = 1000;
    try {
      const slow = await client.sendOaMessage('transaction', token, 'u-1', 'Chậm').catch((e: unknown) => e);
      expect(slow).toBeInstanceOf(ZaloUnavailableError);
    } finally {
      fake.latencyMs = 0;
    }
  });
});
