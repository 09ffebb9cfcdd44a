import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function startServer(dataDir: string, port: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collect(child: ChildProcess): { out: () => string } {
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { out: () => text };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('server process', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctic-start-'));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('starts on the embedded database, refuses a second start on the same folder, stops cleanly', async () => {
    const first = startServer(dataDir, port);
    const firstOutput = collect(first);
    const firstExit = exitOf(first);
    await waitFor(() => firstOutput.out().includes('is running'), 'the first server to start');

    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(await ready.json()).toMatchObject({ status: 'ready' });

    const second = startServer(dataDir, port + 1);
    const secondOutput = collect(second);
    expect(await exitOf(second)).not.toBe(0);
    expect(secondOutput.out()).toMatch(/is in use by process \d+/);
    expect(secondOutput.out()).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace

    first.kill('SIGTERM');
    expect(await firstExit).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'server.lock'))).toBe(false);
  }, 180_000);
});
