/**
 * `itemized pull`: reads a vendor's admin usage and cost APIs incrementally and loads every page
 * through the same transactional ingest as files (one ingest run per endpoint and window, all or
 * nothing). Only complete UTC days are requested: the window ends at today's midnight, so a bucket is
 * never stored half-filled, and the cursor moves to that end only when the load succeeded.
 */

import type { Connection } from '../../db/client';
import { getPullState, savePullState } from '../../db/queries/pull-state';
import { ingestFile } from '../ingest/load';
import { type ConnectionDef, getConnectionDef, nextPageOf, type Window } from './connections';
import { fetchJsonWithRetry, type RetryOptions } from './http';
import { storedPullKey } from './keys';

const DAY_MS = 86_400_000;
/** First pull without a cursor reaches back this many days unless --since says otherwise. */
export const DEFAULT_BACKFILL_DAYS = 30;
/** A vendor that keeps returning has_more is cut off here rather than looping forever. */
const MAX_PAGES = 10_000;

export interface PullOptions {
  /** Overrides the key from the environment or Settings (tests). */
  key?: string;
  /** The auth secret stored keys are encrypted under (tests; default lib/auth/settings.ts authSecret). */
  secret?: string;
  baseUrl?: string;
  /** First day to pull when there is no cursor (UTC midnight). */
  since?: Date;
  /** "Now" (tests); the window ends at this day's UTC midnight. */
  now?: Date;
  retry?: RetryOptions;
  onPage?: (info: { endpoint: string; page: number }) => void;
  env?: Record<string, string | undefined>;
}

export interface EndpointResult {
  id: string;
  status: 'succeeded' | 'failed' | 'up_to_date';
  window: { from: string; to: string } | null;
  pages: number;
  rowsInserted: number;
  rowsDuplicate: number;
  runId: number | null;
  error: string | null;
  /** Set when the window was shortened to what the API keeps (days before it could not be pulled). */
  note?: string;
}

const utcMidnight = (d: Date) => new Date(Math.floor(d.getTime() / DAY_MS) * DAY_MS);
const day = (d: Date) => d.toISOString().slice(0, 10);

export class MissingKeyError extends Error {}

/** The key to pull with: opts.key, else the environment variable, else the key stored in Settings › Sources. */
export async function resolveKey(conn: Connection, def: ConnectionDef, opts: PullOptions): Promise<string> {
  const key = opts.key ?? (opts.env ?? process.env)[def.keyEnv] ?? (await storedPullKey(conn, def.id, opts.secret));
  if (!key) throw new MissingKeyError(`no key for ${def.id}: set ${def.keyEnv} or store an admin key in Settings › Sources`);
  return key;
}

export async function pullConnection(conn: Connection, connectionId: string, opts: PullOptions = {}): Promise<EndpointResult[]> {
  const def = getConnectionDef(connectionId);
  const key = await resolveKey(conn, def, opts);
  const env = opts.env ?? process.env;
  const base = (opts.baseUrl ?? env[def.baseUrlEnv] ?? def.defaultBaseUrl).replace(/\/+$/, '');
  const end = utcMidnight(opts.now ?? new Date());
  const results: EndpointResult[] = [];
  for (const ep of def.endpoints) {
    const id = `${def.id}/${ep.id}`;
    const state = await getPullState(conn, id);
    let start = state?.cursor ?? utcMidnight(opts.since ?? new Date(end.getTime() - DEFAULT_BACKFILL_DAYS * DAY_MS));
    let note: string | undefined;
    const oldest = ep.maxBackfillDays ? new Date(end.getTime() - ep.maxBackfillDays * DAY_MS) : null;
    if (oldest && start < oldest) {
      note = `${id} keeps only the last ${ep.maxBackfillDays} completed days: ${day(start)}..${day(new Date(oldest.getTime() - DAY_MS))} could not be pulled`;
      start = oldest;
    }
    const attemptAt = new Date();
    if (start >= end) {
      await savePullState(conn, {
        id,
        connection: def.id,
        endpoint: ep.id,
        cursor: start,
        lastAttemptAt: attemptAt,
        lastStatus: 'up_to_date',
        lastError: null,
        lastRowsInserted: 0,
      });
      results.push({ id, status: 'up_to_date', window: null, pages: 0, rowsInserted: 0, rowsDuplicate: 0, runId: null, error: null });
      continue;
    }
    const window: Window = { start, end };
    let pages = 0;
    // The ingest's framing wraps errors thrown mid-stream ("not valid JSON (...)"): keep the original to report.
    let fetchError: Error | null = null;
    // Day by day for APIs that answer one day per request; else the whole window, following page cursors.
    const windows: Window[] = ep.perDay
      ? Array.from({ length: Math.round((end.getTime() - start.getTime()) / DAY_MS) }, (_, i) => ({
          start: new Date(start.getTime() + i * DAY_MS),
          end: new Date(start.getTime() + (i + 1) * DAY_MS),
        }))
      : [window];
    async function* pageBytes(): AsyncIterable<Buffer> {
      try {
        for (const w of windows) yield* windowPages(w);
      } catch (e) {
        fetchError = e as Error;
        throw e;
      }
    }
    async function* windowPages(w: Window): AsyncIterable<Buffer> {
      let page: string | null = null;
      const seen = new Set<string>();
      do {
        const { text, json } = await fetchJsonWithRetry(`${base}${ep.path(w, page)}`, { headers: def.headers(key) }, opts.retry);
        pages++;
        opts.onPage?.({ endpoint: id, page: pages });
        // One page per line (JSONL): the ingest reads them as one paged export. Re-serialising keeps every value the
        // ingest would read (it parses the same JSON) and stops a compact first page from framing pretty ones as lines.
        yield Buffer.from(`${json === undefined ? text : JSON.stringify(json)}\n`);
        page = nextPageOf(json);
        if (page !== null && seen.has(page))
          throw new Error(`${id}: the API returned page cursor ${JSON.stringify(page)} twice (a paging loop)`);
        if (page !== null) seen.add(page);
        if (pages >= MAX_PAGES && page) throw new Error(`${id}: more than ${MAX_PAGES} pages; pull a shorter window with --since`);
      } while (page);
    }
    const r = await ingestFile(conn, {
      file: `pull:${id} ${day(start)}..${day(new Date(end.getTime() - DAY_MS))}`,
      input: pageBytes(),
      fileMtime: attemptAt,
      source: ep.source,
    });
    const failure = fetchError ? (fetchError as Error).message : r.issues.map((i) => i.message).join('; ');
    const error = r.status === 'failed' ? redact(failure, key) : null;
    await savePullState(conn, {
      id,
      connection: def.id,
      endpoint: ep.id,
      cursor: r.status === 'failed' ? (state?.cursor ?? null) : end,
      lastAttemptAt: attemptAt,
      lastSuccessAt: r.status === 'failed' ? (state?.lastSuccessAt ?? null) : attemptAt,
      lastStatus: r.status === 'failed' ? 'failed' : 'succeeded',
      lastError: error,
      lastRowsInserted: r.rowsInserted,
      lastIngestRunId: r.runId,
    });
    results.push({
      id,
      status: r.status === 'failed' ? 'failed' : 'succeeded',
      window: { from: day(start), to: day(new Date(end.getTime() - DAY_MS)) },
      pages,
      rowsInserted: r.rowsInserted,
      rowsDuplicate: r.rowsDuplicate,
      runId: r.runId,
      error,
      ...(note ? { note } : {}),
    });
  }
  return results;
}

/** Belt and braces: the HTTP layer never puts headers in messages, but a vendor could echo the key. */
export function redact(message: string, key: string): string {
  return key.length >= 8 ? message.split(key).join('[redacted]') : message;
}
