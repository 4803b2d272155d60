/**
 * What every dashboard page needs first: the connection, the data extent and the resolved filters.
 * Returns a discriminated result so the page can render "unavailable" or "empty" states itself.
 */
import type { Connection, Db } from '@/db/client';
import { parseFilters, type ResolvedFilters, resolveFilters, type SearchParamsRecord } from '@/lib/filters';
import { loadDataExtent, openPageConnection, todayUtc } from './connection';

export type PageContext =
  | { kind: 'unavailable'; message: string }
  | { kind: 'empty' }
  | { kind: 'ready'; conn: Connection; db: Db; filters: ResolvedFilters; sp: SearchParamsRecord };

export async function loadPageContext(searchParams: Promise<SearchParamsRecord>): Promise<PageContext> {
  const [sp, c] = await Promise.all([searchParams, openPageConnection()]);
  if (!c.ok) return { kind: 'unavailable', message: c.message };
  const extent = await loadDataExtent(c.conn);
  if (!extent.lastDay) return { kind: 'empty' };
  return { kind: 'ready', conn: c.conn, db: c.conn.db, filters: resolveFilters(parseFilters(sp), extent.lastDay, todayUtc()), sp };
}
