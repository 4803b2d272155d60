/**
 * npx tsx bench/ingest-cpu.ts <files...> — Node's side of an ingest without a database: read, frame, parse,
 * validate, price and encode each file's rows as the loader's COPY text (lib/ingest/load.ts), timed by
 * process.cpuUsage (less sensitive to a busy machine than wall time). Prints per file the rows, CPU seconds and
 * a sha256 of the COPY text: the text is what gets stored, so an unchanged digest means unchanged stored values.
 * --repeat n parses each file n times and reports the fastest. --rollups adds the loader's batch rollups.
 */
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { BatchRollups, LoadIds } from '../lib/ingest/batch-rollups';
import { CsvBatch, costCsvLine, eventCsvLine, outcomeCsvLine } from '../lib/ingest/csv-row';
import { parseInput } from '../lib/ingest/pipeline';
import { listCost } from '../lib/pricing';

const RUN_ID = 1;
/** --rollups: also sum each batch's length cells and task days as the loader does (lib/ingest/batch-rollups.ts). */
const ROLLUPS = process.argv.includes('--rollups');
/** Quarter octaves by V8's logarithm: the same work as the database's thresholds, not necessarily the same buckets. */
const bucketOf = (n: number) => Math.floor((4 * Math.log(n + 1)) / Math.LN2);

async function encodeFile(file: string): Promise<{ rows: number; issues: number; cpuS: number; sha256: string }> {
  const started = process.cpuUsage();
  const digest = createHash('sha256');
  const parsed = await parseInput(createReadStream(file, { highWaterMark: 1 << 20 }), {
    file,
    fileMtime: new Date('2026-01-01T00:00:00Z'),
  });
  let events = new CsvBatch();
  let rows = 0;
  let issues = 0;
  const ids = new LoadIds();
  let rollups = ROLLUPS ? new BatchRollups(bucketOf, ids) : null;
  const flush = () => {
    for (const c of events.finish()) digest.update(c);
    events = new CsvBatch();
    if (rollups) {
      for (const l of rollups.cellLines()) digest.update(l);
      for (const l of rollups.taskLines(1)) digest.update(l);
      rollups = new BatchRollups(bucketOf, ids);
    }
  };
  for await (const run of parsed.batches)
    for (const item of run) {
      if (item.kind === 'issue') issues++;
      else if (item.kind === 'event') {
        const price = listCost(item.event, []);
        rollups?.add(item.event, price.costUsd, price.outputPerMtokUsd);
        events.push(
          eventCsvLine(item.event, {
            source: parsed.source.id,
            runId: RUN_ID,
            listCostUsd: price.costUsd,
            priceSource: price.priceSource,
            outputPerMtokUsd: price.outputPerMtokUsd,
          }),
        );
        rows++;
        if (events.rows >= 50_000) flush();
      } else if (item.kind === 'outcome') {
        digest.update(outcomeCsvLine(item.outcome, rows++));
      } else if (item.kind === 'cost') {
        digest.update(costCsvLine(item.cost, parsed.source.id, RUN_ID));
        rows++;
      }
    }
  flush();
  const u = process.cpuUsage(started);
  return { rows, issues, cpuS: (u.user + u.system) / 1e6, sha256: digest.digest('hex') };
}

async function main() {
  const i = process.argv.indexOf('--repeat');
  const repeat = i > 0 ? Number(process.argv[i + 1]) : 1;
  const files = process.argv.slice(2).filter((a, k, all) => !a.startsWith('--') && all[k - 1] !== '--repeat');
  for (const f of files) {
    let best: Awaited<ReturnType<typeof encodeFile>> | null = null;
    for (let r = 0; r < repeat; r++) {
      const x = await encodeFile(f).catch((e: Error) => ({ rows: 0, issues: 0, cpuS: 0, sha256: `error: ${e.message.slice(0, 60)}` }));
      if (!best || x.cpuS < best.cpuS) best = x;
    }
    const mb = statSync(f).size / 1e6;
    console.log(
      JSON.stringify({
        file: f,
        mb: +mb.toFixed(1),
        ...best,
        cpuS: +best!.cpuS.toFixed(2),
        usPerRow: +((best!.cpuS * 1e6) / Math.max(1, best!.rows)).toFixed(2),
      }),
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
