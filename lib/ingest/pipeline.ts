/**
 * Bytes -> records -> source parser -> validated items. Pure apart from the stream handed in.
 * Detection uses the first record's content; --source forces one.
 */
import type { DecompressionLimits } from './gunzip';
import { mappedCsvSource } from './mapped-csv';
import type { ColumnMapping } from './mapping';
import { type BadRecord, flatten, openRecords } from './read';
import { detectSource, getSource, listSources } from './registry';
import { type FramedRecord, type Framing, IngestFileError, type IngestSource, type ParsedItem, type SourceId } from './types';
import { checkEvent } from './validate';

export interface ParseOptions {
  file: string;
  /** Force a source instead of detecting it. */
  source?: SourceId;
  /** Time for records without one; else fileMtime is used and the run records the inference. */
  at?: Date;
  fileMtime: Date;
  /** Read the file as CSV through this column mapping (overrides detection and `source`). */
  mapping?: ColumnMapping;
  /** Bounds for gzip input (default: lib/ingest/gunzip.ts DEFAULT_DECOMPRESSION). */
  decompression?: DecompressionLimits;
  /** Offset of zone-less timestamps (LiteLLM exports), as parseUtcOffset returns it; default UTC. */
  naiveOffset?: string;
}

export interface ParsedFile {
  source: IngestSource;
  framing: Framing;
  /** Validated items in runs (see OpenedFile.batches); consume either batches or items, not both. */
  batches: AsyncIterable<ParsedItem[]>;
  /** The same items one by one. */
  items: AsyncIterable<ParsedItem>;
}

/** Items per run when a source parses a stream (no recordParser): bounds what one run holds. */
const RUN_ITEMS = 512;

export async function parseInput(input: AsyncIterable<Buffer>, opts: ParseOptions): Promise<ParsedFile> {
  const opened = await openRecords(input, opts.file, opts.decompression);
  if (!opened.first)
    throw new IngestFileError('no_records', { file: opts.file, message: 'no readable records: expected JSON, JSONL or CSV' });
  const source = opts.mapping
    ? mappedCsvSource(opts.mapping)
    : opts.source
      ? getSource(opts.source)
      : detectSource(opened.first.value, opts.file);
  if (!source) {
    const names = listSources()
      .map((s) => s.id)
      .join(', ');
    const what =
      opened.framing === 'csv'
        ? `CSV columns ${JSON.stringify(Object.keys((opened.first.value as object) ?? {}).slice(0, 8))} match`
        : `${opened.framing.toUpperCase()} content matches`;
    const near = listSources()
      .map((s) => s.nearMiss?.(opened.first!.value))
      .find(Boolean);
    throw new IngestFileError('unknown_format', {
      file: opts.file,
      line: opened.first.line,
      record: opened.first.record,
      message: near
        ? `unrecognised format: ${what} no supported source; it ${near}`
        : `unrecognised format: ${what} no supported source (supported: ${names}). If this file is one of those in an unusual shape, --source forces it; other formats are not read yet`,
    });
  }
  // A one-line JSONL file without a trailing newline frames as a single JSON document: same records.
  const jsonAsJsonl = opened.framing === 'json' && source.framings.includes('jsonl');
  if (!source.framings.includes(opened.framing) && !jsonAsJsonl)
    throw new IngestFileError('wrong_framing', {
      file: opts.file,
      message: `source ${source.id} reads ${source.framings.join('/')}, but this file is ${opened.framing}`,
    });
  const ctx = {
    file: opts.file,
    framing: opened.framing,
    fallbackTime: opts.at ?? opts.fileMtime,
    fallbackIsMtime: !opts.at,
    naiveOffset: opts.naiveOffset ?? 'Z',
  };
  const file = opts.file;
  const prefix = `${source.id}:`;
  /** Checks an item and namespaces its dedupe key by source; invalid events become issues. */
  const accept = (item: ParsedItem, out: ParsedItem[]): void => {
    if (item.kind === 'event') {
      const problems = checkEvent(item.event);
      if (problems.length) {
        for (const p of problems)
          out.push({ kind: 'issue', issue: { file, line: item.line, record: item.record, field: p.field, message: p.message } });
        return;
      }
      item.event.dedupeKey = prefix + item.event.dedupeKey;
    } else if (item.kind === 'cost') {
      item.cost.dedupeKey = prefix + item.cost.dedupeKey;
    }
    out.push(item);
  };
  const badIssue = (bad: BadRecord): ParsedItem => ({ kind: 'issue', issue: { file, ...bad } });

  // Record-by-record sources: a whole run of records per step, synchronously, in file order.
  async function* perRecord(parseOne: (rec: FramedRecord) => Iterable<ParsedItem>): AsyncIterable<ParsedItem[]> {
    for await (const run of opened.batches) {
      const out: ParsedItem[] = [];
      for (const it of run) {
        if ('bad' in it) out.push(badIssue(it.bad));
        else for (const item of parseOne(it)) accept(item, out);
      }
      if (out.length) yield out;
    }
  }

  // Stream sources: records one by one through source.parse; framing problems surface at the next item.
  const pendingBad: ParsedItem[] = [];
  async function* goodRecords(): AsyncIterable<FramedRecord> {
    for await (const it of flatten(opened.batches)) {
      if ('bad' in it) pendingBad.push(badIssue(it.bad));
      else yield it;
    }
  }
  async function* streamed(): AsyncIterable<ParsedItem[]> {
    let out: ParsedItem[] = [];
    for await (const item of source!.parse(goodRecords(), ctx)) {
      out.push(...pendingBad.splice(0));
      accept(item, out);
      if (out.length >= RUN_ITEMS) {
        yield out;
        out = [];
      }
    }
    out.push(...pendingBad.splice(0));
    if (out.length) yield out;
  }

  const batches = source.recordParser ? perRecord(source.recordParser(ctx)) : streamed();
  return { source, framing: opened.framing, batches, items: flatten(batches) };
}
