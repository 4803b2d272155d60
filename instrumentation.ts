/**
 * Next.js start-up hook: scheduled vendor pulls (ITEMIZED_PULL_EVERY) run inside the server process,
 * which owns the database (the embedded one cannot be opened by a second process).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || !process.env.ITEMIZED_PULL_EVERY) return;
  const [{ startPullSchedule }, { getConnection }] = await Promise.all([import('./lib/pull/schedule'), import('./db/client')]);
  startPullSchedule(process.env.ITEMIZED_PULL_EVERY, getConnection);
}
