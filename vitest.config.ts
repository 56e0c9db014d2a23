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
    // The pinned AWS SDK runs on Node 20; its notice about future versions is noise in test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
