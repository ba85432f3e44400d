import { defineConfig } from 'vitest/config';

/**
 * The fast suites Stryker runs against each mutant of src/replication and src/storage
 * (`npm run mutation`, not in CI): unit tests only, no server processes.
 */
export default defineConfig({
  test: {
    include: ['test/replication/**/*.test.ts', 'test/storage/**/*.test.ts'],
    setupFiles: ['test/setup/clean-env.ts'],
    testTimeout: 20_000,
  },
});
