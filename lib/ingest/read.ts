/**
 * Framing: turns a byte stream into records without knowing the source. Gzip is detected by its
 * magic bytes; JSON arrays, concatenated/paged JSON documents, JSONL and CSV are detected from the
 * first bytes. Everything streams: memory stays flat whatever the file size.
 */

import { isAscii } from 'node:buffer';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse as parseCsv } from 'csv-parse';
import { boundedGunzip, DEFAULT_DECOMPRESSION, type DecompressionLimits } from './gunzip';
import { type FramedRecord, type Framing, IngestFileError } from './types';

/** A record the framing could not decode (a bad JSONL line); the pipeline turns it into an issue. */
export interface BadRecord {
  line?: number;
  record?: number;
  message: string;
}

export type ReaderItem = FramedRecord | { bad: BadRecord };

export interface OpenedFile {
  framing: Framing;
  /** The first good record, for source detection; undefined when the file has none. */
  first: FramedRecord | undefined;
  /**
   * Every item, the first included, in file order and in runs (JSONL: the lines of one read chunk). Runs
   * spare the hot path an async hop per record; consume either batches or items, not both.
   */
  batches: AsyncIterable<ReaderItem[]>;
  /** The same items one by one. */
  items: AsyncIterable<ReaderItem>;
}

/** Flattens runs into single items (for consumers that want one record at a time). */
export async function* flatten<T>(batches: AsyncIterable<T[]>): AsyncIterable<T> {
  for await (const b of batches) yield* b;
}

const HEAD_BYTES = 64 * 1024;

/**
 * Arrays/objects nested deeper than this are refused as bad records: the parsers, content hashing and
 * JSON.stringify all recurse, and a 10k-deep line would overflow the stack. Real exports nest a few dozen levels.
 */
export const MAX_DEPTH = 1000;

/** True when v nests arrays/objects deeper than MAX_DEPTH. Iterative, so it cannot overflow itself. */
export function tooDeep(v: unknown): boolean {
  const values: unknown[] = [v];
  const depths: number[] = [1];
  while (values.length) {
    const x = values.pop();
    const d = depths.pop()!;
    if (typeof x !== 'object' || x === null) continue;
    if (d > MAX_DEPTH) return true;
    for (const c of Array.isArray(x) ? x : Object.values(x))
      if (typeof c === 'object' && c !== null) {
        values.push(c);
        depths.push(d + 1);
      }
  }
  return false;
}

const TOO_DEEP = `nested deeper than ${MAX_DEPTH} levels`;

/** Characters one CSV record may hold. */
export const MAX_CSV_RECORD = 1024 * 1024;

/** Reads up to n bytes off the front of a stream and gives back a stream of the whole. */
async function peek(source: AsyncIterable<Buffer>, n: number): Promise<{ head: Buffer; all: Readable }> {
  const it = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < n) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    const b = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
    chunks.push(b);
    size += b.length;
  }
  const head = Buffer.concat(chunks);
  async function* whole() {
    yield head;
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value as Buffer;
    }
  }
  return { head, all: Readable.from(whole(), { objectMode: false }) };
}

function decideFraming(headText: string): Framing | 'empty' | 'binary' {
  const t = headText.replace(/^\uFEFF/, '').trimStart();
  if (t.length === 0) return 'empty';
  if (/[\u0000-\u0008\u000E-\u001F]/.test(t.slice(0, 512))) return 'binary';
  if (t[0] === '[') return 'json';
  if (t[0] === '{') {
    const nl = t.indexOf('\n');
    if (nl < 0) return 'json';
    try {
      JSON.parse(t.slice(0, nl));
      return 'jsonl';
    } catch {
      return 'json';
    }
  }
  return 'csv';
}

export async function openRecords(
  input: AsyncIterable<Buffer>,
  file: string,
  limits: DecompressionLimits = DEFAULT_DECOMPRESSION,
): Promise<OpenedFile> {
  let { head, all } = await peek(input, HEAD_BYTES);
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    const unzipped = boundedGunzip(all, file, limits);
    ({ head, all } = await peek(unzipped, HEAD_BYTES).catch((e: Error) => {
      if (e instanceof IngestFileError) throw e;
      throw new IngestFileError('bad_gzip', { file, message: `gzip stream is corrupt or truncated (${e.message})` });
    }));
    // Later gunzip errors (a truncated tail) surface while iterating below.
  }
  const framing = decideFraming(head.toString('utf8'));
  if (framing === 'empty') throw new IngestFileError('empty', { file, message: 'file is empty: expected JSON, JSONL or CSV records' });
  if (framing === 'binary')
    throw new IngestFileError('not_text', { file, message: 'not a text file: expected JSON, JSONL or CSV (gzip is accepted)' });

  const it = frame(framing, all, file)[Symbol.asyncIterator]();
  // Read runs until one holds a good record (for detection), giving up after 1000 bad ones.
  const buffered: ReaderItem[][] = [];
  let first: FramedRecord | undefined;
  let seen = 0;
  while (!first && seen <= 1000) {
    const r = await it.next();
    if (r.done) break;
    buffered.push(r.value);
    seen += r.value.length;
    first = r.value.find((x): x is FramedRecord => !('bad' in x));
  }
  async function* rest(): AsyncIterable<ReaderItem[]> {
    yield* buffered;
    buffered.length = 0;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  }
  const batches = rest();
  return { framing, first, batches, items: flatten(batches) };
}

function streamError(file: string, e: unknown): IngestFileError {
  if (e instanceof IngestFileError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (/unexpected end of file|incorrect header check|invalid (block|stored|distance)/i.test(msg))
    return new IngestFileError('bad_gzip', { file, message: `gzip stream is corrupt or truncated (${msg})` });
  return new IngestFileError('unreadable', { file, message: msg });
}

async function* frame(framing: Framing, all: Readable, file: string): AsyncIterable<ReaderItem[]> {
  try {
    if (framing === 'jsonl') yield* frameJsonl(all);
    else if (framing === 'json') for await (const item of frameJson(all, file)) yield [item];
    else for await (const item of frameCsv(all, file)) yield [item];
  } catch (e) {
    throw streamError(file, e);
  }
}

/** Lines per run at most, so a huge read chunk (a whole uploaded file) is still parsed a bounded run at a time. */
const RUN_LINES = 256;

/** Splits on newlines by hand: several times faster than node:readline on large files. Runs follow read chunks. */
async function* frameJsonl(all: Readable): AsyncIterable<ReaderItem[]> {
  const decoder = new StringDecoder('utf8');
  /** Whether the decoder may hold the start of a character split across chunks. */
  let pending = false;
  /** The unfinished last line of the text so far. */
  let carry = '';
  let line = 0;
  function* lines(text: string, final: boolean): Generator<ReaderItem[]> {
    let out: ReaderItem[] = [];
    let start = 0;
    if (carry !== '') {
      // Finish the carried line on its own rather than prepend it to the whole chunk (a copy of it).
      const nl = text.indexOf('\n');
      if (nl < 0) {
        carry += text; // a line longer than the chunk: keep gathering it
        start = text.length;
      } else {
        one(carry + text.slice(0, nl), out);
        carry = '';
        start = nl + 1;
      }
    }
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      one(text.slice(start, nl), out);
      start = nl + 1;
      if (out.length >= RUN_LINES) {
        yield out;
        out = [];
      }
    }
    carry += text.slice(start);
    if (final && carry !== '') {
      one(carry, out);
      carry = '';
    }
    if (out.length) yield out;
  }
  function one(raw: string, out: ReaderItem[]): void {
    line++;
    let t = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === 1) t = t.replace(/^\uFEFF/, '');
    if (t === '' || (t.charCodeAt(0) <= 32 && t.trim() === '')) return;
    try {
      const value = JSON.parse(t);
      // Nesting depth d needs at least 2d characters: short lines skip the walk (the hot path).
      if (t.length > 2 * MAX_DEPTH && tooDeep(value)) out.push({ bad: { line, message: TOO_DEEP } });
      else out.push({ value, line });
    } catch (e) {
      out.push({ bad: { line, message: `not valid JSON (${(e as Error).message})` } });
    }
  }
  for await (const chunk of all) {
    const b = chunk as Buffer;
    // ASCII (the usual log) decodes as latin1, a plain copy, ~4x cheaper than UTF-8 decoding; any other
    // chunk, or one after a chunk that ended inside a multi-byte character, goes through the decoder.
    const ascii = !pending && isAscii(b);
    yield* lines(ascii ? b.toString('latin1') : decoder.write(b), false);
    if (!ascii) pending = b.length > 0 && b[b.length - 1] >= 0x80;
  }
  yield* lines(decoder.end(), true);
}

async function* frameJson(all: Readable, file: string): AsyncIterable<ReaderItem> {
  // Peek at the first significant byte again: arrays stream element by element,
  // anything else is one or more concatenated documents (e.g. several API pages).
  const { head, all: again } = await peek(all, 1024);
  const isArray = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('[');
  // Loaded on first use (~50 ms): JSONL and CSV files never need the streaming JSON parser.
  const parser = isArray
    ? (await import('stream-json/streamers/stream-array.js')).default.withParserAsStream()
    : (await import('stream-json/streamers/stream-values.js')).default.withParserAsStream({ jsonStreaming: true });
  again.on('error', (e) => parser.destroy(e));
  const stream = again.pipe(parser);
  let n = 0;
  try {
    for await (const item of stream as AsyncIterable<{ key: number; value: unknown }>) {
      n++;
      if (tooDeep(item.value)) yield { bad: { record: n, message: TOO_DEEP } };
      else yield { value: item.value, record: n };
    }
  } catch (e) {
    const base = streamError(file, e);
    if (base.code === 'bad_gzip' || base.code === 'decompression_limit') throw base;
    throw new IngestFileError('bad_json', { file, record: n + 1, message: `not valid JSON (${base.issue.message})` });
  }
}

async function* frameCsv(all: Readable, file: string): AsyncIterable<ReaderItem> {
  // max_record_size: real exports' rows are a few KB (the largest sample row: 1.8 KB); a 1 MiB row is not an export,
  // and csv-parse reads one unbroken field at only ~2 MB/s, so an unbounded one (a gzip bomb of '0's) would stall.
  const parser = parseCsv({ columns: true, bom: true, info: true, skip_empty_lines: true, trim: true, max_record_size: MAX_CSV_RECORD });
  all.on('error', (e) => parser.destroy(e));
  const stream = all.pipe(parser);
  try {
    for await (const row of stream as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield { value: row.record, line: row.info.lines };
    }
  } catch (e) {
    const base = streamError(file, e);
    if (base.code === 'bad_gzip' || base.code === 'decompression_limit') throw base;
    throw new IngestFileError('bad_csv', { file, message: `not valid CSV (${base.issue.message})` });
  }
}
