import { defineConfig } from 'vitest/config';

// One vitest run covers every package. Integration tests start real servers
// (local gateway, dynalite, DynamoDB Local, Chromium), so they get generous timeouts.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
