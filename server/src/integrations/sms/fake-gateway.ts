import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An SMS gateway stand-in on a real HTTP port, speaking the contract HttpSmsSender uses
 * (see client.ts). It records what was accepted so tests can read a one-time code, and can be told
 * to refuse or to fail so tests see SMS_UNAVAILABLE.
 */
export interface FakeSms {
  id: string;
  to: string;
  text: string;
  sender: string;
  reference: string | null;
}

export class FakeSmsGateway {
  readonly messages: FakeSms[] = [];
  url = '';
  private server: Server | undefined;
  private failures: number[] = [];
  private readonly byReference = new Map<string, FakeSms>();
  /** Calls answered from `byReference` instead of sending again (our retries after a lost answer). */
  duplicatesRefused = 0;
  /** Every call is answered after this many milliseconds. */
  latencyMs = 0;

  constructor(readonly apiKey = 'fake-sms-key') {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const reply = (status: number, body: object) => {
          const write = () =>
            res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
          if (this.latencyMs > 0) setTimeout(write, this.latencyMs);
          else write();
        };
        if (req.method !== 'POST' || req.url !== '/messages') return reply(404, { error: 'not found' });
        if (req.headers.authorization !== `Bearer ${this.apiKey}`)
          return reply(401, { error: 'unauthorized' });
        const failure = this.failures.shift();
        if (failure !== undefined) return reply(failure, { error: 'injected failure' });
        let body: { to?: unknown; text?: unknown; sender?: unknown; reference?: unknown };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
        } catch {
          return reply(400, { error: 'invalid json' });
        }
        if (typeof body.to !== 'string' || !/^\+84\d{9}$/.test(body.to) || typeof body.text !== 'string') {
          return reply(422, { error: 'invalid message' });
        }
        // The gateway contract (client.ts): a known reference is answered with the first message's id.
        const reference = typeof body.reference === 'string' ? body.reference : null;
        const known = reference ? this.byReference.get(reference) : undefined;
        if (known) {
          this.duplicatesRefused += 1;
          return reply(202, { id: known.id });
        }
        const message: FakeSms = {
          id: `sms-${this.messages.length + 1}`,
          to: body.to,
          text: body.text,
          sender: String(body.sender ?? ''),
          reference,
        };
        this.messages.push(message);
        if (reference) this.byReference.set(reference, message);
        return reply(202, { id: message.id });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next call answers this HTTP status without accepting the message. */
  failNext(status = 503): void {
    this.failures.push(status);
  }

  /** Messages to a number given in any form (0…, 84…, +84…). */
  messagesTo(phone: string): FakeSms[] {
    const e164 = `+84${phone.replace(/^\+?84|^0/, '')}`;
    return this.messages.filter((m) => m.to === e164);
  }

  /** The last 6-digit code sent to this number. */
  lastCodeTo(phone: string): string | undefined {
    const last = this.messagesTo(phone).at(-1);
    return last ? /\b(\d{6})\b/.exec(last.text)?.[1] : undefined;
  }
}
