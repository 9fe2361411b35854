import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // kuromoji costs ~370 MB and 0.7 s per process; forks keep native modules (better-sqlite3) isolated.
    pool: 'forks',
    maxWorkers: 2,
  },
});
