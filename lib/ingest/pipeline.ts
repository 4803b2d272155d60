/**
 * Bytes -> records -> source parser -> validated items. Pure apart from the stream handed in.
 * Detection uses the first record's content; --source forces one.
 */
import type { DecompressionLimits } from './gunzip';
import { openRecords, type ReaderItem } from './read';
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
  /** Bounds for gzip input (default: lib/ingest/gunzip.ts DEFAULT_DECOMPRESSION). */
  decompression?: DecompressionLimits;
}

export interface ParsedFile {
  source: IngestSource;
  framing: Framing;
  items: AsyncIterable<ParsedItem>;
}

export async function parseInput(input: AsyncIterable<Buffer>, opts: ParseOptions): Promise<ParsedFile> {
  const opened = await openRecords(input, opts.file, opts.decompression);
  if (!opened.first)
    throw new IngestFileError('no_records', { file: opts.file, message: 'no readable records: expected JSON, JSONL or CSV' });
  const source = opts.source ? getSource(opts.source) : detectSource(opened.first.value, opts.file);
  if (!source) {
    const names = listSources()
      .map((s) => s.id)
      .join(', ');
    const what =
      opened.framing === 'csv'
        ? `CSV columns ${JSON.stringify(Object.keys((opened.first.value as object) ?? {}).slice(0, 8))}`
        : `${opened.framing.toUpperCase()} content`;
    throw new IngestFileError('unknown_format', {
      file: opts.file,
      line: opened.first.line,
      record: opened.first.record,
      message: `unrecognised format: ${what} matches no supported source (supported: ${names}). If this file is one of those in an unusual shape, --source forces it; other formats are not read yet`,
    });
  }
  // A one-line JSONL file without a trailing newline frames as a single JSON document: same records.
  const jsonAsJsonl = opened.framing === 'json' && source.framings.includes('jsonl');
  if (!source.framings.includes(opened.framing) && !jsonAsJsonl)
    throw new IngestFileError('wrong_framing', {
      file: opts.file,
      message: `source ${source.id} reads ${source.framings.join('/')}, but this file is ${opened.framing}`,
    });
  const ctx = { file: opts.file, framing: opened.framing, fallbackTime: opts.at ?? opts.fileMtime, fallbackIsMtime: !opts.at };
  const pendingBad: ParsedItem[] = [];
  async function* goodRecords(items: AsyncIterable<ReaderItem>): AsyncIterable<FramedRecord> {
    for await (const it of items) {
      if ('bad' in it) pendingBad.push({ kind: 'issue', issue: { file: opts.file, ...it.bad } });
      else yield it;
    }
  }
  async function* validated(): AsyncIterable<ParsedItem> {
    for await (const item of source!.parse(goodRecords(opened.items), ctx)) {
      while (pendingBad.length) yield pendingBad.shift()!;
      if (item.kind === 'event') {
        const problems = checkEvent(item.event);
        if (problems.length) {
          for (const p of problems)
            yield { kind: 'issue', issue: { file: opts.file, line: item.line, record: item.record, field: p.field, message: p.message } };
          continue;
        }
        item.event.dedupeKey = `${source!.id}:${item.event.dedupeKey}`;
      } else if (item.kind === 'cost') {
        item.cost.dedupeKey = `${source!.id}:${item.cost.dedupeKey}`;
      }
      yield item;
    }
    while (pendingBad.length) yield pendingBad.shift()!;
  }
  return { source, framing: opened.framing, items: validated() };
}
