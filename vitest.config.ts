import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['test/**/*.test.ts', 'lib/**/*.test.ts', 'db/**/*.test.ts', 'cli/**/*.test.ts', 'app/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // A fixed cookie secret, so tests never write one into the working folder's .itemized/.
    env: { ITEMIZED_AUTH_SECRET: 'vitest-only-secret-0123456789abcdefghijklmnopqrstuvwxyz' },
  },
});
