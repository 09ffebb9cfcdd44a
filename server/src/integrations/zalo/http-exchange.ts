import http from 'node:http';
import https from 'node:https';

/**
 * One HTTP request with keep-alive connections, for the Zalo client. Node's fetch costs several
 * times the CPU of node:http per call (web streams, abort signals, transferables), which a broadcast
 * of 200,000 OA messages turns into the bottleneck; the calls here are small JSON exchanges that
 * need none of it. Fails like fetch does: a TimeoutError after `timeoutMs`, any other Error for
 * the network.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

export class HttpTimeoutError extends Error {
  constructor() {
    super('request timed out');
    this.name = 'TimeoutError';
  }
}

export function httpExchange(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  return exchangeOnce(url, init, timeoutMs).catch((error: unknown) => {
    // A kept-alive socket that the server closed while it sat idle fails at once with ECONNRESET
    // or EPIPE and no answer (Node's documentation of `reusedSocket` recommends this very retry).
    // A server closes an idle connection without reading a request from it, so one retry on a new
    // connection does not send the message twice.
    if (error instanceof StaleSocketError) return exchangeOnce(url, init, timeoutMs, true);
    throw error;
  });
}

/** The request went out on a reused keep-alive socket that the server had already closed. */
class StaleSocketError extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
  }
}

function exchangeOnce(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  timeoutMs: number,
  freshSocket = false,
): Promise<{ status: number; text: string }> {
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : http;
  const agent = target.protocol === 'https:' ? agents['https:'] : agents['http:'];
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = Buffer.byteLength(init.body);
    // A retry after a stale socket opens its own connection rather than risking another stale one.
    const options = { method: init.method, headers, agent: freshSocket ? false : agent };
    let answered = false;
    const req = transport.request(target, options, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', fail);
    });
    const timer = setTimeout(() => req.destroy(new HttpTimeoutError()), timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      const code = (error as NodeJS.ErrnoException).code;
      const stale = req.reusedSocket && !answered && (code === 'ECONNRESET' || code === 'EPIPE');
      reject(stale ? new StaleSocketError(error) : error);
    }
    req.on('error', fail);
    req.end(init.body);
  });
}
