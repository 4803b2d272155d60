/**
 * The transactional loader (DESIGN.md): one transaction per file. Parsed rows stream through COPY
 * into temp staging tables in batches, then INSERT ... ON CONFLICT DO NOTHING moves them into the
 * fact tables and folds the inserted rows into usage_daily. Any invalid record rolls the whole file
 * back unless skipInvalid is set. Every attempt is recorded in ingest_runs, failed ones included.
 * This is the one lib/ file allowed to import db/.
 */
import { createHash } from 'node:crypto';
import type { Connection, RawTx } from '../../db/client';
import {
  COST_COLUMNS,
  createIngestRun,
  createStaging,
  EVENT_COLUMNS,
  finishIngestRun,
  listPriceOverrides,
  mergeStagedCosts,
  mergeStagedEvents,
  rollupCopiedSpan,
  spanHasEvents,
  truncateStaging,
} from '../../db/queries/ingest';
import { outcomeStep } from '../../db/queries/outcomes';
import { splitDefaultPartition } from '../../db/queries/partitions';
import { nextEventId, quarterOctaveBuckets, stageBatchRollups } from '../../db/queries/staged-rollups';
import { readEnv } from '../env';
import { listCost, type PriceOverrideRule } from '../pricing';
import { BatchRollups, LoadIds } from './batch-rollups';
import { CsvBatch, costCsvLine, eventCsvLine, outcomeCsvLine, type StageContext } from './csv-row';
import { DEFAULT_DECOMPRESSION, type DecompressionLimits } from './gunzip';
import type { ColumnMapping } from './mapping';
import { parseInput } from './pipeline';
import { IngestFileError, type IngestIssue, type SourceId } from './types';

export interface IngestFileOptions {
  /** Display name (path for the CLI, file name for uploads). */
  file: string;
  input: AsyncIterable<Buffer>;
  fileMtime: Date;
  source?: SourceId;
  /** Read the file as CSV through this column mapping (lib/ingest/mapping.ts) instead of detecting its source. */
  mapping?: ColumnMapping;
  at?: Date;
  /** Offset of zone-less timestamps (LiteLLM exports), as parseUtcOffset returns it; default UTC. */
  naiveOffset?: string;
  /** Load the valid records and list the rejected ones instead of rejecting the file. */
  skipInvalid?: boolean;
  /** Called with bytes read so far (for progress bars). */
  onProgress?: (bytesRead: number) => void;
  /** Bounds for gzip input; default from ITEMIZED_MAX_DECOMPRESSED_MB and ITEMIZED_MAX_DECOMPRESSION_RATIO. */
  decompression?: DecompressionLimits;
}

/** The gzip bounds the environment sets (lib/env.ts). */
export function decompressionLimits(): DecompressionLimits {
  const env = readEnv();
  return {
    ...DEFAULT_DECOMPRESSION,
    maxBytes: Math.round(env.ITEMIZED_MAX_DECOMPRESSED_MB * 1024 * 1024),
    maxRatio: env.ITEMIZED_MAX_DECOMPRESSION_RATIO,
  };
}

export interface IngestResult {
  runId: number;
  file: string;
  source: string | null;
  status: 'succeeded' | 'failed' | 'partial';
  rowsRead: number;
  rowsInserted: number;
  rowsDuplicate: number;
  rowsRejected: number;
  issues: IngestIssue[];
  durationMs: number;
  timeInferred: boolean;
  /** Why a failed run failed: invalid records, a whole-file problem (format, framing, unreadable), or an internal error. */
  failure?: 'records' | 'file' | 'internal';
  /** For failure 'file': the IngestFileError code (e.g. 'decompression_limit', 'bad_gzip'). */
  failureCode?: string;
}

/**
 * Rows per COPY + merge batch: bounds memory (two batches of CSV text in flight, each also capped by BATCH_BYTES).
 * 25k beat 10k by ~12% in the ingest bench; 50k beat 25k by ~6% (fewer rollup rows updated across batches).
 */
const BATCH_ROWS = 50000;
/**
 * The first batch is small so the database starts working while we parse the rest (it idles until then); each next
 * one is up to 4x larger (2k, 8k, 32k, then BATCH_ROWS), so the database waits a short batch's parse each time rather
 * than a whole BATCH_ROWS batch's (~0.5 s idle at the start of every load).
 */
const FIRST_BATCH_ROWS = 2_000;
/** ...or this many bytes of COPY text, whichever comes first, so wide rows cannot inflate memory. */
const BATCH_BYTES = 16 * 1024 * 1024;
const MAX_STORED_ISSUES = 1_000;
/** Longest stretch of parsing (ms) before letting pending I/O callbacks run. */
const YIELD_MS = 2;

class RejectFile extends Error {}

export async function ingestFile(conn: Connection, opts: IngestFileOptions): Promise<IngestResult> {
  const started = Date.now();
  const runId = await createIngestRun(conn, opts.file);
  const hash = createHash('sha256');
  let bytes = 0;
  async function* hashed(): AsyncIterable<Buffer> {
    for await (const chunk of opts.input) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      hash.update(b);
      bytes += b.length;
      opts.onProgress?.(bytes);
      yield b;
    }
  }
  const overrides: PriceOverrideRule[] = (await listPriceOverrides(conn)).map((o) => ({ ...o }));
  const issues: IngestIssue[] = [];
  const rejectedRecords = new Set<string>();
  let source: string | null = null;
  let framing: string | null = null;
  let valid = 0;
  let sourceDuplicates = 0;
  let inserted = 0;
  let timeInferred = false;

  const result = (status: IngestResult['status']): IngestResult => ({
    runId,
    file: opts.file,
    source,
    status,
    rowsRead: valid + sourceDuplicates + rejectedRecords.size,
    rowsInserted: status === 'failed' ? 0 : inserted,
    rowsDuplicate: status === 'failed' ? 0 : valid - inserted + sourceDuplicates,
    rowsRejected: rejectedRecords.size,
    issues,
    durationMs: Date.now() - started,
    timeInferred,
  });

  let outcome: IngestResult;
  try {
    const parsed = await parseInput(hashed(), {
      file: opts.file,
      source: opts.source,
      mapping: opts.mapping,
      at: opts.at,
      naiveOffset: opts.naiveOffset,
      fileMtime: opts.fileMtime,
      decompression: opts.decompression ?? decompressionLimits(),
    });
    source = parsed.source.id;
    framing = parsed.framing;
    await conn.transaction(async (tx) => {
      await createStaging(tx);
      // The bucket thresholds of the loader's own length-cell sums (null: every batch folds in SQL).
      const bucketOf = await quarterOctaveBuckets(tx);
      // Outcomes join usage whenever either arrives (db/queries/outcomes.ts).
      const outcomesJoin = outcomeStep(tx, runId);
      let events = new CsvBatch();
      let costs: string[] = [];
      let outcomes: string[] = [];
      let span = new EventSpan();
      const rollupIds = new LoadIds();
      let rollups = new BatchRollups(bucketOf, rollupIds);
      let batchBytes = 0;
      let batchRows = FIRST_BATCH_ROWS;
      // Double buffering: the database copies batch k while we parse batch k+1 (two cores at work).
      let inFlight: Promise<void> = Promise.resolve();
      const flush = async () => {
        await inFlight;
        const [e, c, o, sp, r] = [events, costs, outcomes, span, rollups];
        rollups = new BatchRollups(bucketOf, rollupIds);
        events = new CsvBatch();
        costs = [];
        outcomes = [];
        span = new EventSpan();
        batchBytes = 0;
        batchRows = Math.min(BATCH_ROWS, batchRows * 4);
        // Once a record is rejected (and not skipping), the file will roll back: stop writing, keep reporting.
        if (issues.length && !opts.skipInvalid) return;
        inFlight = (async () => {
          // New data (the usual case): no stored outcome to apply, no key repeated within the batch, and nothing
          // stored in its time span (under the lock, so it stays so) means no row can conflict: COPY it straight
          // into usage_events and roll up exactly those rows. About half the database work of staging + merge.
          const direct = e.rows > 0 && !sp.repeats && !(await outcomesJoin.anyStored()) && !(await spanHasEvents(tx, sp.minMs, sp.maxMs));
          if (direct) {
            // The length cells and task days summed here while parsing (batch-rollups.ts) when the ids they assumed
            // hold; else the fold aggregates the copied events in SQL.
            const firstId = r.exact ? await nextEventId(tx) : 0;
            await tx.copyCsv('usage_events', [...EVENT_COLUMNS], iter(e.finish()));
            const staged = r.exact && (await stageBatchRollups(tx, r, firstId, e.rows));
            await rollupCopiedSpan(tx, e.rows, sp.minMs, sp.maxMs, staged);
            inserted += e.rows;
          } else if (e.rows) await tx.copyCsv('staging_events', [...EVENT_COLUMNS], iter(e.finish()));
          if (c.length) await copyLines(tx, 'staging_costs', [...COST_COLUMNS], c);
          if (e.rows && !direct) await outcomesJoin.applyStoredOutcomes();
          // Merging per batch lets the database insert while we parse on; still one transaction.
          if (e.rows && !direct) inserted += await mergeStagedEvents(tx);
          if (c.length) inserted += await mergeStagedCosts(tx);
          if (o.length) inserted += await outcomesJoin.storeOutcomes(o);
          if ((e.rows && !direct) || c.length) await truncateStaging(tx);
        })();
        inFlight.catch(() => {}); // surfaced by the next await
      };
      const stage: StageContext = { source: parsed.source.id, runId, listCostUsd: null, priceSource: null, outputPerMtokUsd: null };
      let yielded = performance.now();
      let seen = 0;
      for await (const run of parsed.batches)
        for (const item of run) {
          // Runs are parsed synchronously: now and then let the database's replies in, so its next statement
          // goes out without waiting for the end of the run.
          if ((++seen & 127) === 0 && performance.now() - yielded > YIELD_MS) {
            await new Promise((r) => setImmediate(r));
            yielded = performance.now();
          }
          if (item.kind === 'issue') {
            if (issues.length < MAX_STORED_ISSUES) issues.push(item.issue);
            rejectedRecords.add(`${item.issue.line ?? ''}|${item.issue.record ?? ''}`);
            if (!opts.skipInvalid) continue; // keep reading to report every problem in the file
          } else if (item.kind === 'duplicate') {
            sourceDuplicates++;
          } else if (item.kind === 'event') {
            const e = item.event;
            timeInferred ||= e.timeInferred;
            const price = listCost(e, overrides);
            // One context object for the file, refilled per event: eventCsvLine reads it and keeps nothing.
            stage.listCostUsd = price.costUsd;
            stage.priceSource = price.priceSource;
            stage.outputPerMtokUsd = price.outputPerMtokUsd;
            const csv = eventCsvLine(e, stage);
            events.push(csv);
            rollups.add(e, price.costUsd, price.outputPerMtokUsd);
            span.add(e.dedupeKey, e.occurredAt.getTime());
            batchBytes += csv.length;
            valid++;
          } else if (item.kind === 'outcome') {
            const csv = outcomeCsvLine(item.outcome, valid);
            outcomes.push(csv);
            batchBytes += csv.length;
            valid++;
          } else {
            const csv = costCsvLine(item.cost, parsed.source.id, runId);
            costs.push(csv);
            batchBytes += csv.length;
            valid++;
          }
          if (events.rows + costs.length + outcomes.length >= batchRows || batchBytes >= BATCH_BYTES) await flush();
        }
      if (issues.length && !opts.skipInvalid) {
        await inFlight.catch(() => {});
        throw new RejectFile();
      }
      await flush();
      await inFlight;
    });
    outcome = result(rejectedRecords.size ? 'partial' : 'succeeded');
  } catch (e) {
    if (e instanceof IngestFileError) issues.push(e.issue);
    else if (!(e instanceof RejectFile)) issues.push({ file: opts.file, message: truncate(e instanceof Error ? e.message : String(e)) });
    outcome = {
      ...result('failed'),
      failure: e instanceof IngestFileError ? 'file' : e instanceof RejectFile ? 'records' : 'internal',
      ...(e instanceof IngestFileError ? { failureCode: e.code } : {}),
    };
  }
  await finishIngestRun(conn, runId, {
    sha256: outcome.status === 'failed' ? null : hash.digest('hex'),
    bytes,
    source,
    framing,
    status: outcome.status,
    rowsRead: outcome.rowsRead,
    rowsInserted: outcome.rowsInserted,
    rowsDuplicate: outcome.rowsDuplicate,
    rowsRejected: outcome.rowsRejected,
    timeInferred,
    durationMs: outcome.durationMs,
    errors: issues.slice(0, MAX_STORED_ISSUES),
  });
  if (outcome.rowsInserted) await splitDefaultPartition(conn); // rows of months without a partition (db/queries/partitions.ts)
  return outcome;
}

async function copyLines(tx: RawTx, table: string, columns: string[], lines: string[]): Promise<void> {
  async function* chunks() {
    // ~1 MB chunks: large enough for throughput, small enough to keep memory flat.
    let buf = '';
    for (const l of lines) {
      buf += l;
      if (buf.length > 1_000_000) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  await tx.copyCsv(table, columns, chunks());
}

/**
 * A batch's time span (epoch ms) and whether two of its events share a dedupe key and a time, i.e. would collide
 * on usage_events' unique key (dedupe_key, occurred_at): such a batch goes through the merge, any other can be
 * copied straight in. Events are looked up by time first (a number hashes far cheaper than a key string: the
 * lookup by key was ~1 us an event, 1 s of a 1M-line load), and keys are compared only among events of one time.
 */
export class EventSpan {
  minMs = Number.POSITIVE_INFINITY;
  maxMs = Number.NEGATIVE_INFINITY;
  repeats = false;
  /** The first event's time: times are keyed as offsets from it, small integers within ±12 days (no heap number). */
  private base = Number.NaN;
  /** Per time (offset from base, ms): the key seen at it, or the set of keys once several events share it. */
  private byTime = new Map<number, string | Set<string>>();
  add(key: string, ms: number) {
    if (ms < this.minMs) this.minMs = ms;
    if (ms > this.maxMs) this.maxMs = ms;
    // Once a key repeats the batch goes through the merge whatever follows: nothing more to record.
    if (this.repeats) return;
    if (Number.isNaN(this.base)) this.base = ms;
    const at = ms - this.base;
    const seen = this.byTime.get(at);
    if (seen === undefined) this.byTime.set(at, key);
    else if (typeof seen === 'string') {
      if (seen === key) this.repeats = true;
      else this.byTime.set(at, new Set([seen, key]));
    } else {
      const before = seen.size;
      if (seen.add(key).size === before) this.repeats = true;
    }
  }
}

async function* iter(chunks: string[]): AsyncIterable<string> {
  yield* chunks;
}

/** Driver errors can carry whole SQL statements (~1 MB): keep messages readable. */
function truncate(s: string): string {
  return s.length > 500 ? `${s.slice(0, 500)}…` : s;
}
