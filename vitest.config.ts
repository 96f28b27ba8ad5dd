import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // nock refuses every non-local host in every test file (tests/setup/no-network.ts).
    setupFiles: ['tests/setup/no-network.ts'],
    testTimeout: 20_000,
  },
});
