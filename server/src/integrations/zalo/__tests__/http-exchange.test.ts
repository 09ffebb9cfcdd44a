import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpExchange } from '../http-exchange.js';

/**
 * A raw HTTP server that answers the first request of each connection and then, like a server
 * whose keep-alive timer fired just as our next request arrived, drops the connection without an
 * answer. `dropFirst` drops even the first request of a connection (a server that is really down).
 */
function flakyServer(options: { dropFirst?: boolean } = {}) {
  const seen: string[] = [];
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    let requests = 0;
    socket.on('data', (chunk) => {
      requests += 1;
      seen.push(chunk.toString('utf8').split('\r\n')[0]!);
      if (requests > 1 || options.dropFirst) {
        socket.destroy();
        return;
      }
      const body = '{"error":0}';
      socket.write(
        `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n` +
          `Connection: keep-alive\r\n\r\n${body}`,
      );
    });
  });
  return {
    seen,
    connections: () => connections,
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => {
          const { port } = server.address() as net.AddressInfo;
          resolve(`http://127.0.0.1:${port}/v3.0/oa/message/cs`);
        }),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const post = (url: string) =>
  httpExchange(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }, 2000);

describe('httpExchange', () => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it('retries once on a new connection when a reused keep-alive socket turns out closed', async () => {
    const server = flakyServer();
    close = server.close;
    const url = await server.listen();
    expect(await post(url)).toEqual({ status: 200, text: '{"error":0}' });
    // The second request goes out on the kept-alive socket, which the server drops.
    expect(await post(url)).toEqual({ status: 200, text: '{"error":0}' });
    expect(server.seen).toHaveLength(3);
    expect(server.connections()).toBe(2);
  });

  it('does not retry a connection that fails on its first request', async () => {
    const server = flakyServer({ dropFirst: true });
    close = server.close;
    const url = await server.listen();
    await expect(post(url)).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(server.seen).toHaveLength(1);
  });
});
