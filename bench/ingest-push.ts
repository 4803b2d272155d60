/**
 * npm run bench:ingest-push — the push path against the file path, on the same generated log lines (default 200,000):
 *  - file: `itemized ingest` of the JSONL into a fresh Postgres database (a child process, as users run it);
 *  - push: the same lines in batches (default 2,000 lines a request) POSTed over real HTTP, `--concurrency` at a
 *    time (default 4), with a bearer token, to POST /api/ingest served by node:http in this process (the thin
 *    adapter of app/v1/traces/otel-sdk.test.ts; the same route handler `next start` runs) into another fresh
 *    Postgres database. The client shares this process: its cost is counted against the push path.
 * Prints requests/s, rows/s and the push:file ratio; writes bench/results/ingest-push.json.
 * Flags: --rows N --batch LINES --concurrency C.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { makeToken, useConnection as pointRoutesAt } from '../app/api/_push/testing';
import { POST } from '../app/api/ingest/route';
import { postgresTestDatabase } from '../db/testing';
import { buildCli } from '../scripts/build-cli.mjs';
import { generateLines } from './gen-lines';
import { measure } from './proc';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const N = arg('rows', 200_000);
const BATCH = arg('batch', 2_000);
const CONCURRENCY = arg('concurrency', 4);
const admin = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const work = path.join(os.tmpdir(), 'itemized-bench-push');
const ROOT = path.resolve(import.meta.dirname, '..');

async function filePath(file: string) {
  const db = postgresTestDatabase(admin);
  await (await db.open()).close(); // create + migrate
  try {
    const r = await measure(process.execPath, [path.join(ROOT, 'bin/itemized.mjs'), 'ingest', '--json', file], { DATABASE_URL: db.url });
    if (r.code !== 0) throw new Error(`ingest failed: ${r.stderr.slice(0, 2000)}`);
    return { seconds: r.seconds, inserted: JSON.parse(r.stdout).totals.rows_inserted as number };
  } finally {
    await db.dispose();
  }
}

/** Node request -> Web Request (streamed) -> the route handler -> Node response. */
function serve(): Promise<{ url: string; close: () => void }> {
  const server = createServer(async (req, res) => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
    const init = { method: req.method, headers, body, duplex: 'half' } as RequestInit;
    const r = await POST(new Request(`http://127.0.0.1${req.url}`, init));
    res.writeHead(r.status, Object.fromEntries(r.headers.entries()));
    res.end(Buffer.from(await r.arrayBuffer()));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/ingest`, close: () => server.close() }),
    ),
  );
}

async function pushPath(lines: string[]) {
  process.env.ITEMIZED_PUSH_RATE = '0'; // measure throughput, not the limiter
  const db = postgresTestDatabase(admin);
  const conn = await db.open();
  pointRoutesAt(conn);
  const token = await makeToken(conn, 'bench');
  const { url, close } = await serve();
  const batches: string[] = [];
  for (let i = 0; i < lines.length; i += BATCH) batches.push(`${lines.slice(i, i + BATCH).join('\n')}\n`);
  let next = 0;
  let inserted = 0;
  const latencies: number[] = [];
  const t0 = process.hrtime.bigint();
  async function worker() {
    while (next < batches.length) {
      const body = batches[next++];
      const s = process.hrtime.bigint();
      const r = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
        body,
      });
      const j = (await r.json()) as { rowsInserted?: number; error?: string };
      if (r.status !== 200) throw new Error(`push failed: ${r.status} ${j.error}`);
      inserted += j.rowsInserted ?? 0;
      latencies.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  close();
  await conn.close();
  await db.dispose();
  latencies.sort((a, b) => a - b);
  return {
    seconds,
    inserted,
    requests: batches.length,
    p50: latencies[Math.floor(latencies.length / 2)],
    p95: latencies[Math.floor(latencies.length * 0.95)],
  };
}

async function main() {
  // The CLI as installed runs precompiled (npm ci's prepare); build it from the current sources so that is measured.
  const cli = await buildCli();
  console.log(`CLI precompiled from ${cli.inputs} source files (scripts/build-cli.mjs)`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const file = path.join(work, `lines-${N}.jsonl`);
  console.log(`generating ${N.toLocaleString()} log lines in ${work} ...`);
  await generateLines(N, file);
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);

  const f = await filePath(file);
  const p = await pushPath(lines);
  if (f.inserted !== N || p.inserted !== N) throw new Error(`rows stored: file ${f.inserted}, push ${p.inserted}, expected ${N}`);
  const fileRate = f.inserted / f.seconds;
  const pushRate = p.inserted / p.seconds;
  const results = {
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.cpus()[0]?.model ?? ''}, node ${process.version}`,
    /** 1-minute load average when the run ended: other work on the machine slows both paths alike. */
    load_avg_1m: +os.loadavg()[0].toFixed(1),
    rows: N,
    database: 'postgres',
    file_path: { seconds: +f.seconds.toFixed(2), rows_per_s: Math.round(fileRate) },
    push_path: {
      batch_lines: BATCH,
      concurrency: CONCURRENCY,
      requests: p.requests,
      seconds: +p.seconds.toFixed(2),
      requests_per_s: +(p.requests / p.seconds).toFixed(1),
      rows_per_s: Math.round(pushRate),
      latency_ms_p50: Math.round(p.p50),
      latency_ms_p95: Math.round(p.p95),
      ratio_to_file: +(pushRate / fileRate).toFixed(3),
    },
  };
  console.table({
    'itemized ingest (file)': {
      requests: 1,
      seconds: results.file_path.seconds,
      'req/s': '',
      'rows/s': results.file_path.rows_per_s,
      ratio: 1,
    },
    [`POST /api/ingest (${BATCH}/req, ${CONCURRENCY} at a time)`]: {
      requests: p.requests,
      seconds: results.push_path.seconds,
      'req/s': results.push_path.requests_per_s,
      'rows/s': results.push_path.rows_per_s,
      ratio: results.push_path.ratio_to_file,
    },
  });
  mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench/results/ingest-push.json'), `${JSON.stringify(results, null, 2)}\n`);
  rmSync(work, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
