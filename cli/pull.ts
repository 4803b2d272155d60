/** `itemized pull openai|anthropic|openrouter ...`: incremental pulls of vendor admin APIs (lib/pull). */
import type { Connection } from '../db/client';
import { CONNECTIONS } from '../lib/pull/connections';
import { pullLitellmDatabase } from '../lib/pull/litellm-db';
import { type EndpointResult, MissingKeyError, pullConnection } from '../lib/pull/run';

export interface PullCliOptions {
  since?: string;
  baseUrl?: string;
  /** LiteLLM proxy database (pull litellm); also LITELLM_DATABASE_URL. */
  databaseUrl?: string;
  json?: boolean;
}

export async function runPull(conn: Connection, names: string[], o: PullCliOptions): Promise<number> {
  const litellmUrl = o.databaseUrl ?? process.env.LITELLM_DATABASE_URL;
  const ids = names.length
    ? names
    : [...CONNECTIONS.filter((c) => process.env[c.keyEnv]).map((c) => c.id), ...(litellmUrl ? ['litellm'] : [])];
  if (!ids.length) {
    process.stderr.write(
      `nothing to pull: set ${[...CONNECTIONS.map((c) => c.keyEnv), 'LITELLM_DATABASE_URL'].join(' or ')}, or name a connection\n`,
    );
    return 2;
  }
  const out: Record<string, unknown>[] = [];
  let failed = 0;
  for (const id of ids) {
    try {
      if (id === 'litellm' && !litellmUrl)
        throw new MissingKeyError("litellm: give --database-url or set LITELLM_DATABASE_URL (the proxy's Postgres)");
      const results: EndpointResult[] =
        id === 'litellm'
          ? [await pullLitellmDatabase(conn, { databaseUrl: litellmUrl!, since: o.since ? new Date(`${o.since}T00:00:00Z`) : undefined })]
          : await pullConnection(conn, id, {
              since: o.since ? new Date(`${o.since}T00:00:00Z`) : undefined,
              baseUrl: o.baseUrl,
              retry: {
                onRetry: ({ attempt, status, delayMs, url }) =>
                  process.stderr.write(`${url}: ${status ?? 'network error'}, retry ${attempt} in ${(delayMs / 1000).toFixed(1)} s\n`),
              },
              onPage: ({ endpoint, page }) => {
                if (!o.json) process.stderr.write(`${endpoint}: page ${page}\n`);
              },
            });
      for (const r of results) {
        if (r.status === 'failed') failed++;
        out.push({
          endpoint: r.id,
          status: r.status,
          from: r.window?.from ?? null,
          to: r.window?.to ?? null,
          pages: r.pages,
          rows_inserted: r.rowsInserted,
          rows_duplicate: r.rowsDuplicate,
          run_id: r.runId,
          error: r.error,
          ...(r.note ? { note: r.note } : {}),
        });
        if (r.note && !o.json) process.stderr.write(`${r.note}\n`);
        if (!o.json)
          process.stdout.write(
            r.status === 'up_to_date'
              ? `${r.id}: up to date\n`
              : r.status === 'failed'
                ? `${r.id}: FAILED ${r.error}\n`
                : `${r.id}: ${r.window?.from}..${r.window?.to}${r.pages ? `, ${r.pages} pages` : ''}, ${r.rowsInserted} rows added, ${r.rowsDuplicate} already there\n`,
          );
      }
    } catch (e) {
      if (!(e instanceof MissingKeyError) && !(e instanceof Error && e.message.startsWith('unknown connection'))) throw e;
      failed++;
      out.push({ endpoint: id, status: 'failed', error: e.message });
      if (!o.json) process.stderr.write(`${id}: ${e.message}\n`);
    }
  }
  if (o.json) process.stdout.write(`${JSON.stringify({ pulls: out }, null, 2)}\n`);
  return failed ? 1 : 0;
}
