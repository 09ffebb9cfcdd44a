import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors/app-error.js';
import { createSmsSender, HttpSmsSender, LogSmsSender, type SmsLogger } from '../client.js';
import { FakeSmsGateway } from '../fake-gateway.js';
import { normalizeVietnamesePhone, toE164, toZaloPhone } from '../phone.js';

describe('Vietnamese phone numbers', () => {
  it('accepts the common ways people write a mobile number', () => {
    for (const input of [
      '0987654321',
      '0987 654 321',
      '098.765.4321',
      '+84987654321',
      '84987654321',
      '0084987654321',
      '987654321',
    ]) {
      expect(normalizeVietnamesePhone(input), input).toBe('0987654321');
    }
    expect(normalizeVietnamesePhone('0356789012')).toBe('0356789012');
  });

  it('rejects landlines, old 11-digit numbers and junk', () => {
    for (const input of ['02763822222', '01689123456', '0123456789', '12345', 'abc', '+1 415 555 0100', '']) {
      expect(normalizeVietnamesePhone(input), input).toBeUndefined();
    }
  });

  it('converts to the forms outside systems expect', () => {
    expect(toZaloPhone('0987654321')).toBe('84987654321');
    expect(toE164('0987654321')).toBe('+84987654321');
  });
});

describe('SMS gateway client', () => {
  const gateway = new FakeSmsGateway('key-1');
  beforeAll(() => gateway.start());
  afterAll(() => gateway.close());

  const sender = () => new HttpSmsSender({ gatewayUrl: gateway.url, apiKey: 'key-1', sender: 'TAYNINH' });

  it('posts {to, text, sender} with the bearer key and returns the gateway id', async () => {
    const result = await sender().send({ to: '0912345678', text: 'Xin chào' });
    expect(result.id).toMatch(/^sms-\d+$/);
    expect(gateway.messages.at(-1)).toMatchObject({
      to: '+84912345678',
      text: 'Xin chào',
      sender: 'TAYNINH',
    });
  });

  it('turns refusals, outages and unreachable gateways into SMS_UNAVAILABLE', async () => {
    gateway.failNext(503);
    await expect(sender().send({ to: '0912345678', text: 'a' })).rejects.toMatchObject({
      code: 'SMS_UNAVAILABLE',
    });
    const wrongKey = new HttpSmsSender({ gatewayUrl: gateway.url, apiKey: 'nope', sender: 'X' });
    await expect(wrongKey.send({ to: '0912345678', text: 'a' })).rejects.toMatchObject({
      code: 'SMS_UNAVAILABLE',
    });
    const nowhere = new HttpSmsSender({ gatewayUrl: 'http://127.0.0.1:9', apiKey: 'k', sender: 'X' });
    await expect(nowhere.send({ to: '0912345678', text: 'a' })).rejects.toBeInstanceOf(AppError);
  });

  it('refuses a number that is not in canonical form', async () => {
    await expect(sender().send({ to: '+84912345678', text: 'a' })).rejects.toMatchObject({
      code: 'PHONE_INVALID',
    });
  });
});

describe('SMS to the log (development)', () => {
  function recordingLogger() {
    const lines: { obj: Record<string, unknown>; msg: string }[] = [];
    const logger: SmsLogger = {
      info: (obj, msg) => lines.push({ obj: obj as Record<string, unknown>, msg }),
      error: (obj, msg) => lines.push({ obj: obj as Record<string, unknown>, msg }),
    };
    return { lines, logger };
  }

  it('masks the number but keeps the code readable', async () => {
    const { lines, logger } = recordingLogger();
    await new LogSmsSender(logger).send({ to: '0987654321', text: '123456 la ma xac thuc' });
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain('0987654321');
    expect(lines[0]!.obj.to).toBe('098*****21');
    expect(lines[0]!.obj.text).toContain('123456');
  });

  it('is chosen only without a gateway, and never in production', () => {
    const { logger } = recordingLogger();
    const base = { sender: 'X', apiKey: undefined };
    expect(
      createSmsSender({ env: 'development', sms: { ...base, gatewayUrl: undefined } }, logger),
    ).toBeInstanceOf(LogSmsSender);
    expect(
      createSmsSender({ env: 'production', sms: { ...base, gatewayUrl: 'https://sms.example' } }, logger),
    ).toBeInstanceOf(HttpSmsSender);
    expect(() =>
      createSmsSender({ env: 'production', sms: { ...base, gatewayUrl: undefined } }, logger),
    ).toThrow();
  });
});
