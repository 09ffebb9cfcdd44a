import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ZALO_ERRORS } from './errors.js';
import { fakeToken as token, FakeZaloOa, zaloErr as err } from './fake-oa.js';
import { appSecretProof, zaloWebhookSignature } from './signature.js';

/**
 * A Zalo stand-in on a real HTTP port for tests: the graph API (profile, phone and location
 * exchange), OA token refresh, OA messages and ZNS, with the request and response shapes of
 * DESIGN.md §4. Tests arrange users and tokens through its methods, inject Zalo errors or outages,
 * and assert on `requests`. Point every Zalo base URL of the config at `url`.
 *
 * Where §4 names no code the fake has to pick one, and says so: a wrong `appsecret_proof` answers
 * -216 (the token is not valid for this app), a used, unknown or stale phone/location token answers
 * -201 (invalid parameter), a wrong `secret_key` answers -104 (the ZNS table's "App secret key
 * invalid"), and OAuth v4 refusals use its longer `error_name`/`error_description` shape.
 */
export interface FakeZaloUser {
  id: string;
  name: string;
  pictureUrl?: string | null;
  /** As Zalo returns it: `84…`. */
  phone?: string;
  location?: { latitude: string; longitude: string; provider: string };
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
}

export type FakeOutage = 'http-503' | 'hang' | 'not-json' | null;

const USER_TOKEN_TTL_MS = 60 * 60_000;
const INFO_TOKEN_TTL_MS = 2 * 60_000;

export class FakeZaloServer {
  readonly appId: string;
  readonly appSecret: string;
  readonly oaSecret: string;
  readonly requests: RecordedRequest[] = [];
  url = '';

  private server: Server | undefined;
  private clockOffsetMs = 0;
  private readonly users = new Map<string, FakeZaloUser>();
  private readonly userTokens = new Map<string, { userId: string; expiresAt: number }>();
  private readonly infoTokens = new Map<
    string,
    { userId: string; kind: 'phone' | 'location'; expiresAt: number; used: boolean }
  >();
  private injected: { path: string | undefined; error: number; message: string; remaining: number }[] = [];
  private outage: FakeOutage = null;
  /** Every answer waits this long (a slow provider); 0 answers at once. */
  latencyMs = 0;
  /** Off for load runs: `requests` would hold every body. Counters and `oa` records stay on. */
  recordRequests = true;
  /** OA tokens, followers and ZNS templates: `fake.oa.issueTokens()`, `fake.oa.addFollower()`, … */
  readonly oa: FakeZaloOa;

  constructor(
    options: { appId?: string; appSecret?: string; oaSecret?: string; recordRequests?: boolean } = {},
  ) {
    this.recordRequests = options.recordRequests ?? true;
    this.appId = options.appId ?? 'fake-app-id';
    this.appSecret = options.appSecret ?? 'fake-app-secret';
    this.oaSecret = options.oaSecret ?? 'fake-oa-secret';
    this.oa = new FakeZaloOa(this, () => this.now());
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const parsed = new URL(req.url ?? '/', 'http://fake');
        const recorded: RecordedRequest = {
          method: req.method ?? 'GET',
          path: parsed.pathname,
          query: Object.fromEntries(parsed.searchParams),
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        if (this.recordRequests) this.requests.push(recorded);
        if (this.latencyMs > 0) setTimeout(() => this.handle(recorded, res), this.latencyMs);
        else this.handle(recorded, res);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ---- arranging -------------------------------------------------------------------------

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Moves the fake's clock forward, e.g. past a phone token's two minutes. */
  advanceTime(ms: number): void {
    this.clockOffsetMs += ms;
  }

  /** Registers a user and returns a fresh user access token for them. */
  addUser(user: FakeZaloUser): { accessToken: string } {
    this.users.set(user.id, user);
    return { accessToken: this.issueAccessToken(user.id) };
  }

  issueAccessToken(userId: string, ttlMs = USER_TOKEN_TTL_MS): string {
    const value = token('uat');
    this.userTokens.set(value, { userId, expiresAt: this.now() + ttlMs });
    return value;
  }

  /** An access token Zalo still recognizes but reports as expired (-220). */
  issueExpiredAccessToken(userId: string): string {
    return this.issueAccessToken(userId, -1000);
  }

  /** What `getPhoneNumber()` hands the mini app: one use, two minutes. */
  issuePhoneToken(userId: string): string {
    return this.issueInfoToken(userId, 'phone');
  }

  issueLocationToken(userId: string): string {
    return this.issueInfoToken(userId, 'location');
  }

  /** The next `times` calls (to `path`, or to any path) answer `{ error, message }` with HTTP 200. */
  failNext(error: number, options: { path?: string; message?: string; times?: number } = {}): void {
    this.injected.push({
      path: options.path,
      error,
      message: options.message ?? 'Injected error',
      remaining: options.times ?? 1,
    });
  }

  setOutage(mode: FakeOutage): void {
    this.outage = mode;
  }

  /** The `X-ZEvent-Signature` Zalo would send with this webhook body. */
  signWebhook(rawBody: string, timestamp: string): string {
    return zaloWebhookSignature({ appId: this.appId, rawBody, timestamp, oaSecret: this.oaSecret });
  }

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  // ---- serving ---------------------------------------------------------------------------

  private handle(req: RecordedRequest, res: ServerResponse): void {
    if (this.outage === 'hang') return;
    if (this.outage === 'http-503') {
      res.writeHead(503, { 'content-type': 'text/html' }).end('<html>Service Unavailable</html>');
      return;
    }
    if (this.outage === 'not-json') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
      return;
    }
    const injected = this.injected.find((i) => i.remaining > 0 && (!i.path || i.path === req.path));
    if (injected) {
      this.oa.recordRefusal(req.path);
      injected.remaining -= 1;
      this.injected = this.injected.filter((i) => i.remaining > 0);
      return send(res, { error: injected.error, message: injected.message });
    }
    const key = `${req.method} ${req.path}`;
    if (key === 'GET /v2.0/me') return send(res, this.profile(req));
    if (key === 'GET /v2.0/me/info') return send(res, this.userInfo(req));
    if (key === 'POST /v4/oa/access_token') return send(res, this.oa.refresh(req));
    const oa = /^\/v3\.0\/oa\/message\/(cs|transaction|promotion)$/.exec(req.path);
    if (req.method === 'POST' && oa) return send(res, this.oa.message(req, oa[1]!));
    if (key === 'POST /message/template') return send(res, this.oa.zns(req));
    // Not Zalo's: what the fake saw, for a benchmark running it in another process.
    if (key === 'GET /__fake/stats') return send(res, this.oa.stats());
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
  }

  private userFor(accessToken: string | string[] | undefined): { userId: string } | object {
    const entry = typeof accessToken === 'string' ? this.userTokens.get(accessToken) : undefined;
    if (!entry) return err(ZALO_ERRORS.INVALID_TOKEN, 'Access token is invalid');
    if (entry.expiresAt <= this.now()) return err(ZALO_ERRORS.EXPIRED_TOKEN, 'Access token has expired');
    return { userId: entry.userId };
  }

  private profile(req: RecordedRequest): object {
    const accessToken = req.headers.access_token;
    const found = this.userFor(accessToken);
    if (!('userId' in found)) return found;
    const proof = req.headers.appsecret_proof;
    if (typeof proof !== 'string' || proof !== appSecretProof(this.appSecret, accessToken as string)) {
      return err(ZALO_ERRORS.INVALID_TOKEN, 'Invalid appsecret_proof');
    }
    const user = this.users.get(found.userId);
    if (!user) return err(ZALO_ERRORS.INVALID_TOKEN, 'Access token is invalid');
    const fields = (req.query.fields ?? 'id').split(',');
    const body: Record<string, unknown> = {};
    if (fields.includes('id')) body.id = user.id;
    if (fields.includes('name')) body.name = user.name;
    if (fields.includes('picture')) body.picture = { data: { url: user.pictureUrl ?? '' } };
    return body;
  }

  private userInfo(req: RecordedRequest): object {
    const found = this.userFor(req.headers.access_token);
    if (!('userId' in found)) return found;
    if (req.headers.secret_key !== this.appSecret)
      return err(ZALO_ERRORS.APP_SECRET_INVALID, 'App secret key invalid');
    const code = req.headers.code;
    const entry = typeof code === 'string' ? this.infoTokens.get(code) : undefined;
    if (!entry || entry.used || entry.expiresAt <= this.now() || entry.userId !== found.userId) {
      return err(ZALO_ERRORS.INVALID_PARAMETER, 'Invalid code');
    }
    entry.used = true;
    const user = this.users.get(entry.userId);
    if (entry.kind === 'phone') {
      if (!user?.phone) return err(ZALO_ERRORS.INVALID_PARAMETER, 'Invalid code');
      return { data: { number: user.phone }, error: 0, message: 'Success' };
    }
    const location = user?.location ?? { latitude: '11.3101', longitude: '106.0983', provider: 'gps' };
    return { data: { ...location, timestamp: String(this.now()) }, error: 0, message: 'Success' };
  }

  private issueInfoToken(userId: string, kind: 'phone' | 'location'): string {
    const value = token(kind);
    this.infoTokens.set(value, { userId, kind, expiresAt: this.now() + INFO_TOKEN_TTL_MS, used: false });
    return value;
  }
}

function send(res: ServerResponse, body: object): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
