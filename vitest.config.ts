import { defineConfig } from 'vitest/config';

// One run covers every package's unit and integration tests; Playwright owns e2e/.
export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'apps/*/src/**/*.test.{ts,tsx}',
      'apps/*/test/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests start servers and child processes; two cores do not like more.
    maxWorkers: 2,
  },
});
