import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `appsecret_proof` binds a user access token to our app: without the app secret, a token stolen
 * from another mini app cannot be replayed against the graph API in our name.
 */
export function appSecretProof(appSecret: string, accessToken: string): string {
  return createHmac('sha256', appSecret).update(accessToken).digest('hex');
}

/** `X-ZEvent-Signature` of an OA webhook call: hex SHA-256(appId + rawBody + timestamp + OA secret). */
export function zaloWebhookSignature(input: {
  appId: string;
  rawBody: string;
  timestamp: string;
  oaSecret: string;
}): string {
  return createHash('sha256')
    .update(input.appId + input.rawBody + input.timestamp + input.oaSecret)
    .digest('hex');
}

/**
 * Checks a webhook call. The signature covers the raw bytes, so verify before parsing and
 * re-serializing the body. Zalo prefixes the header value with `mac=`; both forms are accepted.
 */
export function verifyZaloWebhookSignature(input: {
  appId: string;
  rawBody: string;
  timestamp: string;
  oaSecret: string;
  signature: string | undefined;
}): boolean {
  if (!input.signature) return false;
  const sent = input.signature
    .trim()
    .replace(/^mac\s*=\s*/i, '')
    .toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(sent)) return false;
  const expected = zaloWebhookSignature(input);
  return timingSafeEqual(Buffer.from(sent, 'hex'), Buffer.from(expected, 'hex'));
}
