import { defineConfig } from 'vitest/config';

// Each file starts its own server process and browser; two files at a time on two cores.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
