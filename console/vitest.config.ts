import { defineConfig } from 'vitest/config';

/** Unit tests of the console's pure logic (no DOM): `npx vitest run --config console/vitest.config.ts`. */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
