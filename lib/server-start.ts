/**
 * Runs once when the Next.js server starts (instrumentation.ts), in the server process:
 * - demo mode (ITEMIZED_AUTH=off) stops the server unless it listens on a loopback address only;
 * - scheduled vendor pulls (ITEMIZED_PULL_EVERY) run here, in the process that owns the database
 *   (the embedded one cannot be opened by a second process).
 */
import { boundHost, demoModeRefusal } from './auth/settings';
import { readEnv } from './env';

export async function onServerStart(): Promise<void> {
  const env = readEnv();
  if (env.ITEMIZED_AUTH === 'off') {
    const refusal = demoModeRefusal(boundHost(process.argv, env));
    if (refusal) {
      console.error(`\nitemized: ${refusal}\n`);
      process.exit(1);
    }
  }
  const every = process.env.ITEMIZED_PULL_EVERY;
  if (!every) return;
  const [{ startPullSchedule }, { getConnection }] = await Promise.all([import('./pull/schedule'), import('../db/client')]);
  startPullSchedule(every, getConnection);
}
