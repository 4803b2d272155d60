/**
 * Browser tests against a production build on throwaway embedded databases. The chromium and demo
 * projects run in demo mode (sign-in off); the auth project has sign-in on, with users made by the CLI.
 * workers: 1 because the embedded database (PGlite) has one owner process and tests share it.
 * Playwright only cleans outputDir (test-results/playwright); the database folder is wiped by the
 * webServer command itself, and screenshots are kept in test-results/screenshots/.
 */
import { defineConfig, devices } from '@playwright/test';
import { AUTH_USERS } from './e2e/auth-users';

const PORT = Number(process.env.E2E_PORT ?? 3217);
/** A fake OpenAI admin API that e2e/sources.spec.ts serves, so the chromium server's pulls stay on this machine. */
const VENDOR_PORT = Number(process.env.E2E_VENDOR_PORT ?? PORT + 60);
const DATA_DIR = 'test-results/e2e-db';
/** A second server on the demo organisation (scale 0.3) for the audit pages; the upload spec keeps its empty database. */
const DEMO_PORT = Number(process.env.E2E_DEMO_PORT ?? 3218);
const DEMO_DIR = 'test-results/e2e-demo-db';
/** Sign-in on: its own server, port and database (a small demo organisation plus one user per role). */
const AUTH_PORT = Number(process.env.E2E_AUTH_PORT ?? 3257);
const AUTH_DIR = 'test-results/e2e-auth-db';
const createUsers = Object.entries(AUTH_USERS)
  .map(
    ([role, u]) =>
      `printf %s '${u.password}' | env -u DATABASE_URL node bin/itemized.mjs users create --email ${u.email} --role ${role} >/dev/null`,
  )
  .join(' && ');

const chromium = {
  ...devices['Desktop Chrome'],
  viewport: { width: 1440, height: 1000 },
  launchOptions: {
    // Debian's chromium (apt-get install -y chromium): Playwright's own download is unreachable here.
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
};

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 1000 },
  },
  projects: [
    // Specs named demo-*.spec.ts (and the audit pages' spec) run against the demo organisation, auth-*.spec.ts
    // against the server with sign-in on; the rest against an empty database in demo mode.
    { name: 'chromium', testIgnore: /reasoning-accuracy|\/demo-[^/]*$|\/auth-[^/]*$/, use: chromium },
    { name: 'demo', testMatch: /reasoning-accuracy|\/demo-[^/]*$/, use: { ...chromium, baseURL: `http://127.0.0.1:${DEMO_PORT}` } },
    { name: 'auth', testMatch: /\/auth-[^/]*\.spec\.ts$/, use: { ...chromium, baseURL: `http://127.0.0.1:${AUTH_PORT}` } },
  ],
  webServer: [
    {
      // next is started directly (not through npx) so that stopping it stops the server; DATABASE_URL is
      // unset so that the embedded database is used even when the shell points at a Postgres server.
      command: `rm -rf ${DATA_DIR} && node_modules/.bin/next build && env -u DATABASE_URL node_modules/.bin/next start -p ${PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${PORT}/api/health`,
      env: {
        ITEMIZED_DATA_DIR: DATA_DIR,
        ITEMIZED_AUTH: 'off',
        NEXT_TELEMETRY_DISABLED: '1',
        ITEMIZED_OPENAI_BASE_URL: `http://127.0.0.1:${VENDOR_PORT}`,
      },
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The demo is loaded before the server opens the folder (the embedded database has one owner). The build is shared:
      // this command waits for the first server's build by polling its health URL.
      command: `rm -rf ${DEMO_DIR} && env -u DATABASE_URL node bin/itemized.mjs demo --scale 0.3 --end 2026-11-01 >/dev/null && until curl -sf http://127.0.0.1:${PORT}/api/health >/dev/null; do sleep 1; done && env -u DATABASE_URL node_modules/.bin/next start -p ${DEMO_PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${DEMO_PORT}/api/health`,
      env: { ITEMIZED_DATA_DIR: DEMO_DIR, ITEMIZED_AUTH: 'off', NEXT_TELEMETRY_DISABLED: '1' },
      reuseExistingServer: false,
      timeout: 300_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // Users and data go in before the server owns the folder; then it waits for the shared build like the demo server.
      command: `rm -rf ${AUTH_DIR} && ${createUsers} && env -u DATABASE_URL node bin/itemized.mjs demo --scale 0.1 --end 2026-11-01 >/dev/null && until curl -sf http://127.0.0.1:${PORT}/api/health >/dev/null; do sleep 1; done && env -u DATABASE_URL node_modules/.bin/next start -p ${AUTH_PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${AUTH_PORT}/api/health`,
      env: {
        ITEMIZED_DATA_DIR: AUTH_DIR,
        ITEMIZED_AUTH: 'on',
        ITEMIZED_MAX_UPLOAD_MB: '1',
        ITEMIZED_AUTH_SECRET: 'e2e-only-cookie-secret-0123456789abcdefghijklmnop',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      reuseExistingServer: false,
      timeout: 300_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
