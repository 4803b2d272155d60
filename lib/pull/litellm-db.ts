/**
 * `itemized pull litellm --database-url URL`: reads a LiteLLM proxy's own Postgres (the
 * "LiteLLM_SpendLogs" table, one row per request) read-only and incrementally, and loads the rows
 * through the litellm source like an exported spend-log file (FORMATS.md 4a).
 *
 * Incremental: the cursor is the latest "startTime" loaded. LiteLLM writes spend logs in batches, so
 * a row can land after later-starting rows were read: each pull re-reads LOOKBACK before the cursor
 * and dedupe (request_id) keeps that free of double counting.
 */
import postgres from 'postgres';
import type { Connection } from '../../db/client';
import { getPullState, savePullState } from '../../db/queries/pull-state';
import { ingestFile } from '../ingest/load';
import type { EndpointResult } from './run';

export const LITELLM_STATE_ID = 'litellm/spend_logs';
/** How far before the cursor each pull starts again (late-written rows), in ms. */
const LOOKBACK_MS = 60 * 60 * 1000;
/** Rows fetched per round trip from the LiteLLM database. */
const FETCH_ROWS = 2_000;
/** Bodies the parser does not read; they can be megabytes per row. */
const DROPPED_COLUMNS = ['messages', 'response', 'proxy_server_request'];

export interface LitellmPullOptions {
  databaseUrl: string;
  /** First day when there is no cursor (default: everything). */
  since?: Date;
  now?: Date;
}

/** postgres://user:secret@host/db -> postgres://user@host/db (for messages). */
export function safeDbUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return '(unparseable database URL)';
  }
}

export async function pullLitellmDatabase(conn: Connection, opts: LitellmPullOptions): Promise<EndpointResult> {
  const state = await getPullState(conn, LITELLM_STATE_ID);
  const from = state?.cursor ? new Date(state.cursor.getTime() - LOOKBACK_MS) : (opts.since ?? new Date(0));
  const until = opts.now ?? new Date();
  const src = postgres(opts.databaseUrl, {
    max: 1,
    onnotice: () => {},
    // Read-only at the session level: nothing Itemized sends can change the proxy's database.
    connection: { default_transaction_read_only: true, application_name: 'itemized-pull' },
  });
  let latest: Date | null = null;
  let rows = 0;
  let readError: Error | null = null;
  const iso = (d: Date) => d.toISOString().replace('Z', '');
  async function* lines(): AsyncIterable<Buffer> {
    try {
      const [t] = await src`SELECT to_regclass('"LiteLLM_SpendLogs"') IS NOT NULL AS ok`;
      if (!t.ok) throw new Error(`no "LiteLLM_SpendLogs" table in ${safeDbUrl(opts.databaseUrl)}: is this a LiteLLM proxy database?`);
      // startTime is a naive timestamp written in UTC by the proxy; compared as such.
      const cursor = src
        .unsafe(
          `SELECT (to_jsonb(s) ${DROPPED_COLUMNS.map((c) => `- '${c}'`).join(' ')})::text AS line, to_char("startTime", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS started
           FROM "LiteLLM_SpendLogs" s
           WHERE "startTime" >= $1::timestamp AND "startTime" < $2::timestamp
           ORDER BY "startTime", request_id`,
          [iso(from), iso(until)],
        )
        .cursor(FETCH_ROWS);
      for await (const batch of cursor) {
        let chunk = '';
        for (const r of batch as unknown as { line: string; started: string }[]) {
          chunk += `${r.line}\n`;
          rows++;
          // Formatted in SQL with a Z: the proxy writes UTC into a naive column.
          const started = new Date(r.started);
          if (!latest || started > latest) latest = started;
        }
        yield Buffer.from(chunk);
      }
    } catch (e) {
      readError = e as Error;
      throw e;
    }
  }
  const attemptAt = new Date();
  try {
    const r = await ingestFile(conn, {
      file: `pull:${LITELLM_STATE_ID} ${safeDbUrl(opts.databaseUrl)} from ${from.toISOString()}`,
      input: lines(),
      fileMtime: attemptAt,
      source: 'litellm',
    });
    // No rows at all is a success with nothing new (the ingest reports an empty input as a failure).
    const empty = rows === 0 && !readError;
    const failed = r.status === 'failed' && !empty;
    const error = failed ? (readError ? (readError as Error).message : r.issues.map((i) => i.message).join('; ')) : null;
    const cursor: Date | null = failed ? (state?.cursor ?? null) : (latest ?? state?.cursor ?? null);
    await savePullState(conn, {
      id: LITELLM_STATE_ID,
      connection: 'litellm',
      endpoint: 'spend_logs',
      cursor,
      lastAttemptAt: attemptAt,
      lastSuccessAt: failed ? (state?.lastSuccessAt ?? null) : attemptAt,
      lastStatus: failed ? 'failed' : empty ? 'up_to_date' : 'succeeded',
      lastError: error,
      lastRowsInserted: empty ? 0 : r.rowsInserted,
      lastIngestRunId: r.runId,
    });
    return {
      id: LITELLM_STATE_ID,
      status: failed ? 'failed' : empty ? 'up_to_date' : 'succeeded',
      window: { from: from.toISOString().slice(0, 10), to: until.toISOString().slice(0, 10) },
      pages: 0,
      rowsInserted: empty ? 0 : r.rowsInserted,
      rowsDuplicate: empty ? 0 : r.rowsDuplicate,
      runId: r.runId,
      error,
    };
  } finally {
    await src.end();
  }
}
