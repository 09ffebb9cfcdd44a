import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { FakeSmsGateway } from '../../../integrations/sms/fake-gateway.js';
import { FakeZaloServer } from '../../../integrations/zalo/fake-server.js';

/** Fakes for both outside systems on real ports, and the environment that points the app at them. */
export async function startCitizenFakes() {
  const zalo = new FakeZaloServer({
    appId: 'mini-app-1',
    appSecret: 'zalo-secret-1',
    oaSecret: 'oa-secret-1',
  });
  const sms = new FakeSmsGateway('sms-key-1');
  await Promise.all([zalo.start(), sms.start()]);
  const env: Record<string, string> = {
    ZALO_APP_ID: zalo.appId,
    ZALO_APP_SECRET: zalo.appSecret,
    ZALO_GRAPH_URL: zalo.url,
    ZALO_OAUTH_URL: zalo.url,
    ZALO_OPENAPI_URL: zalo.url,
    ZALO_BUSINESS_URL: zalo.url,
    SMS_GATEWAY_URL: sms.url,
    SMS_API_KEY: sms.apiKey,
    SMS_SENDER: 'TAYNINH',
    // Tests send many requests from one address; the per-client limit is not what they test.
    RATE_LIMIT_MAX: '100000',
  };
  return {
    zalo,
    sms,
    env,
    close: () => Promise.all([zalo.close(), sms.close()]),
  };
}

export function call(
  app: FastifyInstance,
  tenant: string,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  options: { body?: object; token?: string } = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: {
      'x-tenant-id': tenant,
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    ...(options.body ? { payload: options.body } : {}),
  });
}

export function errorCode(response: LightMyRequestResponse): string | undefined {
  return (response.json() as { error?: { code?: string } }).error?.code;
}
