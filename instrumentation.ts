/**
 * Next.js start-up hook. The work is Node-only (process.argv, process.exit, the database), so it lives
 * in lib/server-start.ts and is imported only in the Node.js runtime.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') await (await import('./lib/server-start')).onServerStart();
}
