import type { Config, Environment } from '../../config.js';
import { AppError } from '../../platform/errors/app-error.js';
import { maskPersonalData } from '../../platform/logging/redact.js';
import { isCanonicalPhone, toE164 } from './phone.js';

/**
 * Text messages to Vietnamese mobiles. Production talks to an SMS gateway over a small JSON
 * contract: POST {gatewayUrl}/messages, `Authorization: Bearer <apiKey>`, body
 * `{ to: "+84…", text, sender }`, answer 2xx `{ id }`. Any other outcome is SMS_UNAVAILABLE, so a
 * caller never believes a code was delivered when it was not.
 *
 * Without a gateway (development and test only; config refuses production without one) messages go
 * to the log. The number is masked there like everywhere else, but the text is kept whole: in
 * development that is how a developer reads the one-time code to sign in.
 */
export interface SmsMessage {
  /** Canonical Vietnamese mobile number (0xxxxxxxxx). */
  to: string;
  text: string;
  /**
   * Our idempotency key (the delivery id), sent as `reference`: a gateway that has already accepted
   * a message with this reference answers with the same id instead of sending it again, so a retry
   * after a lost answer cannot text the citizen twice.
   */
  reference?: string;
}

/**
 * SMS_UNAVAILABLE for the caller, with the gateway's HTTP status for the notification worker: a 4xx
 * other than 408/429 means this message will never be accepted (retrying is pointless), anything
 * else may pass later. 0 means no answer at all.
 */
export class SmsGatewayError extends AppError {
  constructor(readonly httpStatus: number) {
    super('SMS_UNAVAILABLE');
  }

  get permanent(): boolean {
    return (
      this.httpStatus >= 400 && this.httpStatus < 500 && this.httpStatus !== 408 && this.httpStatus !== 429
    );
  }
}

export interface SmsSender {
  /** Resolves with the gateway's message id once the gateway has accepted the message. */
  send(message: SmsMessage): Promise<{ id: string }>;
}

export interface SmsLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export class HttpSmsSender implements SmsSender {
  constructor(
    private readonly settings: { gatewayUrl: string; apiKey: string | undefined; sender: string },
    private readonly logger?: SmsLogger,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(message: SmsMessage): Promise<{ id: string }> {
    assertCanonical(message.to);
    let status = 0;
    let body: unknown;
    try {
      const response = await fetch(`${this.settings.gatewayUrl}/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.settings.apiKey ? { authorization: `Bearer ${this.settings.apiKey}` } : {}),
        },
        body: JSON.stringify({
          to: toE164(message.to),
          text: message.text,
          sender: this.settings.sender,
          ...(message.reference ? { reference: message.reference } : {}),
        }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      body = await response.json().catch(() => undefined);
    } catch (error) {
      this.fail(message.to, error instanceof Error ? error.name : 'network error', 0);
    }
    const id = (body as { id?: unknown } | undefined)?.id;
    if (status < 200 || status >= 300 || (typeof id !== 'string' && typeof id !== 'number')) {
      this.fail(message.to, `HTTP ${status}`, status >= 200 && status < 300 ? 502 : status);
    }
    return { id: String(id) };
  }

  private fail(to: string, reason: string, httpStatus: number): never {
    this.logger?.error({ to: maskPersonalData(to), reason }, 'SMS gateway refused or unreachable');
    throw new SmsGatewayError(httpStatus);
  }
}

export class LogSmsSender implements SmsSender {
  private seq = 0;
  constructor(private readonly logger: SmsLogger) {}

  async send(message: SmsMessage): Promise<{ id: string }> {
    assertCanonical(message.to);
    this.seq += 1;
    const id = `log-${this.seq}`;
    this.logger.info(
      { to: maskPersonalData(message.to), text: maskPersonalData(message.text), smsId: id },
      'SMS not sent (no SMS_GATEWAY_URL); text logged for development',
    );
    return { id };
  }
}

export function createSmsSender(
  config: { env: Environment; sms: Config['sms'] },
  logger: SmsLogger,
): SmsSender {
  const { gatewayUrl, apiKey, sender } = config.sms;
  if (gatewayUrl) return new HttpSmsSender({ gatewayUrl, apiKey, sender }, logger);
  // config.ts already refuses this; the check here keeps the rule true if someone builds a Config by hand.
  if (config.env === 'production') throw new Error('SMS_GATEWAY_URL is required in production');
  return new LogSmsSender(logger);
}

function assertCanonical(phone: string): void {
  if (!isCanonicalPhone(phone)) throw new AppError('PHONE_INVALID');
}
