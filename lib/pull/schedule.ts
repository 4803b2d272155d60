/**
 * Scheduled pulls while the dashboard runs (ITEMIZED_PULL_EVERY, e.g. "1h", "30m", "1d"): every
 * connection whose admin key is set is pulled in turn; runs never overlap; a failure is recorded in
 * pull_state (shown on Settings > Sources) and logged in one line without the key.
 */
import type { Connection } from '../../db/client';
import { CONNECTIONS } from './connections';
import { keyOrigins } from './keys';
import { pullLitellmDatabase } from './litellm-db';
import { pullConnection } from './run';

const UNITS_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** The shortest interval accepted: vendor APIs are daily buckets; hammering them helps nobody. */
const MIN_INTERVAL_MS = 60_000;

/** "90m" -> 5,400,000 ms; null when the text is not a positive count and one of s, m, h, d. */
export function parseInterval(text: string): number | null {
  const m = /^\s*(\d+)\s*([smhd])\s*$/i.exec(text);
  if (!m) return null;
  const ms = Number(m[1]) * UNITS_MS[m[2].toLowerCase()];
  return ms > 0 ? ms : null;
}

/** Connections with a key in the environment or stored in Settings › Sources, and litellm when its URL is set. */
export async function configuredConnections(conn: Connection, env: Record<string, string | undefined> = process.env): Promise<string[]> {
  const origins = await keyOrigins(conn, CONNECTIONS, env);
  return [
    ...CONNECTIONS.filter((c) => origins.get(c.id)?.from !== 'none').map((c) => c.id),
    ...(env.LITELLM_DATABASE_URL ? ['litellm'] : []),
  ];
}

export function startPullSchedule(every: string, open: () => Promise<Connection>, log: (line: string) => void = console.log) {
  const interval = parseInterval(every);
  if (interval === null || interval < MIN_INTERVAL_MS) {
    log(`itemized: ITEMIZED_PULL_EVERY=${JSON.stringify(every)} ignored: expected a duration of at least 1m such as 30m, 1h or 1d`);
    return null;
  }
  let running = false;
  let first = true;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const conn = await open();
      const ids = await configuredConnections(conn);
      if (first) log(`itemized: pulling ${ids.join(', ') || 'nothing yet (no admin key set)'} every ${every}`);
      first = false;
      for (const id of ids) {
        try {
          const results =
            id === 'litellm'
              ? [await pullLitellmDatabase(conn, { databaseUrl: process.env.LITELLM_DATABASE_URL! })]
              : await pullConnection(conn, id);
          for (const r of results)
            log(`itemized pull ${r.id}: ${r.status}${r.error ? ` (${r.error})` : r.rowsInserted ? `, ${r.rowsInserted} rows` : ''}`);
        } catch (e) {
          log(`itemized pull ${id}: ${(e as Error).message}`);
        }
      }
    } catch (e) {
      log(`itemized pull: database unavailable (${(e as Error).message})`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, interval);
  timer.unref();
  void tick();
  return timer;
}
