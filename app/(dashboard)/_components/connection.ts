/**
 * Opens the process-wide database connection for a page. A database that cannot be opened (most
 * often: the embedded folder is owned by another process, e.g. a running `itemized ingest`) is
 * returned as a message for the page to show, because production error boundaries hide messages.
 */
import { cache } from 'react';
import { type Connection, getConnection } from '@/db/client';
import { getDataExtent } from '@/db/queries/overview';

export type ConnectionResult = { ok: true; conn: Connection } | { ok: false; message: string };

export async function openPageConnection(): Promise<ConnectionResult> {
  try {
    return { ok: true, conn: await getConnection() };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** Today's UTC calendar day (the default period falls back to it when there is no data). */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The data extent, read once per request (layout and page both need it). */
export const loadDataExtent = cache(async (conn: Connection) => getDataExtent(conn.db));
