import { defineConfig } from 'vitest/config';

// `npm run stress`: the long runs (20 kill -9 restarts, repeated storms with memory checks, 20 folder swaps, rounds of full disk).
export default defineConfig({
  test: {
    include: [
      'stress/**/*.test.ts',
      'tests/e2e/crash.test.ts',
      'tests/e2e/storm.test.ts',
      'tests/e2e/root-swap.test.ts',
      'tests/e2e/store-faults.test.ts',
    ],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
    pool: 'forks',
    execArgv: ['--expose-gc'],
  },
});
