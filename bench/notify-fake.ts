/**
 * The fake Zalo server of bench/notify.ts, in its own process so its CPU is not counted as ours.
 * Registers `FOLLOWERS` followers b-000001 … and prints one JSON line: { url, refreshToken }.
 * Stops when its parent closes stdin.
 */
import { FakeZaloServer } from '../server/src/integrations/zalo/fake-server.js';

const followers = Number(process.argv[2] ?? 0);
const fake = new FakeZaloServer({ recordRequests: false });
const url = await fake.start();
for (let i = 1; i <= followers; i++) fake.oa.addFollower(`b-${String(i).padStart(7, '0')}`);
const { refreshToken } = fake.oa.issueTokens();
process.stdout.write(
  `${JSON.stringify({ url, refreshToken, appId: fake.appId, appSecret: fake.appSecret })}\n`,
);
process.stdin.resume();
process.stdin.on('end', () => {
  void fake.close().then(() => process.exit(0));
});
