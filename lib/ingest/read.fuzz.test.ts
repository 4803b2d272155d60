/**
 * Issue 7: parseInput (framing + detection + parsing + validation) fuzzed on hostile bytes. The only allowed
 * rejection is an IngestFileError with a message; a TypeError, RangeError or unhandled rejection is a failure,
 * and so is any run that takes longer than its budget ("never hangs").
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseInput } from './pipeline';
import { MAX_DEPTH } from './read';
import { IngestFileError, type ParsedItem, type SourceId } from './types';
import { checkEvent } from './validate';

// A fixed seed keeps CI reproducible; FUZZ_SEED=random explores new cases, FUZZ_SEED=<n> replays one.
fc.configureGlobal({ seed: process.env.FUZZ_SEED === 'random' ? Date.now() : Number(process.env.FUZZ_SEED ?? 20261126) });

const FIXTURES = path.resolve(import.meta.dirname, '__fixtures__');
const SAMPLES = path.resolve(import.meta.dirname, '../../../shared/samples');
/** Generous for a loaded 2-core CI machine (typical runs take milliseconds); a real hang never finishes. */
const RUN_MS = 10_000;
/** FUZZ_RUNS=2000 for a deeper local search; the default keeps the suite fast. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .flatMap((d) => (d.isFile() ? [path.join(d.parentPath, d.name)] : []));
}

/** Valid inputs to corrupt: every fixture and the small real samples (read in place). */
const VALID = [...filesUnder(FIXTURES), ...filesUnder(SAMPLES)]
  .filter((f) => /\.(jsonl?|csv|txt)$/.test(f) && fs.statSync(f).size < 60_000)
  .map((f) => ({ name: path.basename(f), bytes: fs.readFileSync(f) }));
const GZIPPED = VALID.map((v) => ({ name: `${v.name}.gz`, bytes: gzipSync(v.bytes) }));

// ------------------------------------------------------------------ running

const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
const casesRun = new Map<string, number>();
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  console.log(`parseInput fuzzed: ${[...casesRun.entries()].map(([k, n]) => `${k}=${n}`).join(' ')}`);
  expect(unhandled).toEqual([]);
});

interface Outcome {
  items: ParsedItem[];
  source?: SourceId;
  error?: IngestFileError;
}

/** Splits bytes into chunks at the given cut points (stream chunk boundaries are part of the input). */
function chunked(bytes: Uint8Array, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    if (p > from) out.push(Buffer.from(bytes.subarray(from, p)));
    from = Math.max(from, p);
  }
  return out;
}

async function ingest(kind: string, bytes: Uint8Array, name: string, cuts: number[] = []): Promise<Outcome> {
  casesRun.set(kind, (casesRun.get(kind) ?? 0) + 1);
  let timer: NodeJS.Timeout | undefined;
  const started = performance.now();
  const run = (async (): Promise<Outcome> => {
    try {
      const parsed = await parseInput(Readable.from(chunked(bytes, cuts)), { file: name, fileMtime: new Date('2026-01-01T00:00:00Z') });
      const items: ParsedItem[] = [];
      for await (const i of parsed.items) items.push(i);
      return { items, source: parsed.source.id };
    } catch (e) {
      // The one allowed rejection: a whole-file problem, with a message and the file name.
      if (!(e instanceof IngestFileError)) throw e;
      expect(e.issue.file).toBe(name);
      expect(e.issue.message.length).toBeGreaterThan(0);
      expect(e.code.length).toBeGreaterThan(0);
      return { items: [], error: e };
    }
  })();
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hung: parseInput gave no result within ${RUN_MS} ms`)), RUN_MS);
  });
  try {
    const out = await Promise.race([run, hang]);
    const took = performance.now() - started;
    if (took > RUN_MS) throw new Error(`too slow: ${Math.round(took)} ms (budget ${RUN_MS} ms)`);
    checkOutcome(out, name);
    return out;
  } finally {
    clearTimeout(timer);
  }
}

/** Whatever got through is well formed: validated events, located issues. */
function checkOutcome(out: Outcome, name: string): void {
  for (const it of out.items) {
    if (it.kind === 'issue') {
      expect(it.issue.file).toBe(name);
      expect(it.issue.message.length).toBeGreaterThan(0);
    } else if (it.kind === 'event') {
      expect(checkEvent(it.event)).toEqual([]);
      expect(it.event.dedupeKey.startsWith(`${out.source}:`)).toBe(true);
    } else if (it.kind === 'cost') {
      expect(it.cost.billedCostUsd).toMatch(/^-?\d+(\.\d+)?$/);
      expect(Number.isNaN(it.cost.periodEnd.getTime())).toBe(false);
    }
  }
}

const cuts = fc.array(fc.nat(), { maxLength: 6 });
const names = fc.constantFrom(
  'input.jsonl',
  'cost_2024-11-01.csv',
  'completions_usage.csv',
  'x.json',
  'report.json.gz',
  'usage-cost.jsonl',
);

// ------------------------------------------------------------------ properties

describe('parseInput on hostile input: only IngestFileError, never hangs', () => {
  test(`arbitrary bytes (${RUNS} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), names, cuts, async (bytes, name, c) => {
        await ingest('bytes', bytes, name, c);
      }),
      { numRuns: RUNS },
    );
  });

  test(`arbitrary strings, JSON-ish and unicode (${RUNS} cases)`, async () => {
    const token = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      '"',
      ',',
      ':',
      '\n',
      '\r\n',
      ' ',
      '\uFEFF',
      'a',
      '1',
      '-',
      'e',
      '.',
      'null',
      '\\',
      '\u0000',
      '\uD800',
      '😀',
      'é',
      '"object":"page"',
      '"data":[',
      '"results":[',
      '"type":"assistant"',
      '"response":{',
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.array(token, { maxLength: 200 }).map((t) => t.join('')),
      fc.array(fc.jsonValue({ maxDepth: 5 }), { maxLength: 8 }).map((vs) => vs.map((v) => JSON.stringify(v)).join('\n')),
    );
    await fc.assert(
      fc.asyncProperty(text, names, cuts, async (s, name, c) => {
        await ingest('strings', Buffer.from(s, 'utf8'), name, c);
      }),
      { numRuns: RUNS },
    );
  });

  test(`valid files with random byte flips (${RUNS} cases)`, async () => {
    const arb = fc.constantFrom(...VALID).chain((f) =>
      fc.record({
        f: fc.constant(f),
        flips: fc.array(fc.record({ at: fc.nat({ max: f.bytes.length - 1 }), byte: fc.integer({ min: 0, max: 255 }) }), {
          minLength: 1,
          maxLength: 10,
        }),
        cuts,
      }),
    );
    await fc.assert(
      fc.asyncProperty(arb, async ({ f, flips, cuts: c }) => {
        const bytes = Buffer.from(f.bytes);
        for (const { at, byte } of flips) bytes[at] = byte;
        await ingest('byte flips', bytes, f.name, c);
      }),
      { numRuns: RUNS },
    );
  });

  test(`valid files cut at random offsets (${RUNS} cases)`, async () => {
    const arb = fc.constantFrom(...VALID).chain((f) => fc.record({ f: fc.constant(f), at: fc.nat({ max: f.bytes.length }), cuts }));
    await fc.assert(
      fc.asyncProperty(arb, async ({ f, at, cuts: c }) => {
        await ingest('truncated', f.bytes.subarray(0, at), f.name, c);
      }),
      { numRuns: RUNS },
    );
  });

  test(`gzip of valid files, truncated or corrupted (${RUNS} cases)`, async () => {
    const arb = fc.constantFrom(...GZIPPED).chain((f) =>
      fc.record({
        f: fc.constant(f),
        at: fc.nat({ max: f.bytes.length }),
        flips: fc.array(fc.record({ at: fc.nat({ max: f.bytes.length - 1 }), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 4 }),
        cuts,
      }),
    );
    await fc.assert(
      fc.asyncProperty(arb, async ({ f, at, flips, cuts: c }) => {
        const bytes = Buffer.from(f.bytes.subarray(0, at));
        for (const fl of flips) if (fl.at < bytes.length) bytes[fl.at] = fl.byte;
        await ingest('gzip', bytes, f.name, c);
      }),
      { numRuns: RUNS },
    );
  });

  test(`stream chunking never changes the result of a valid file (${RUNS / 2} cases)`, async () => {
    const arb = fc
      .constantFrom(...VALID, ...GZIPPED)
      .chain((f) => fc.record({ f: fc.constant(f), cuts: fc.array(fc.nat(), { minLength: 1, maxLength: 20 }) }));
    const whole = new Map<string, string>();
    const summary = (o: Outcome) => JSON.stringify({ source: o.source, error: o.error?.message, items: o.items });
    await fc.assert(
      fc.asyncProperty(arb, async ({ f, cuts: c }) => {
        if (!whole.has(f.name)) whole.set(f.name, summary(await ingest('chunking', f.bytes, f.name)));
        expect(summary(await ingest('chunking', f.bytes, f.name, c))).toBe(whole.get(f.name));
      }),
      { numRuns: RUNS / 2 },
    );
  });
});

// ------------------------------------------------------------------ deep nesting (regression: RangeError from the parsers)

describe(`deeply nested JSON (10k levels) is a bad record or a file error, never a stack overflow`, () => {
  const deepArray = (d: number) => '['.repeat(d) + ']'.repeat(d);
  const deepObject = (d: number) => `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`;
  /** A valid first line for each JSONL source, so the deep record reaches the parser rather than detection. */
  const FIRST: Record<string, string> = {
    claude_code: '{"type":"user","sessionId":"s","uuid":"u","message":{"role":"user","content":"x"}}',
    codex: '{"timestamp":"2026-01-01T00:00:00Z","type":"session_meta","payload":{}}',
    openai_usage:
      '{"object":"bucket","start_time":1730419200,"end_time":1730505600,"results":[{"object":"organization.usage.completions.result","input_tokens":1,"output_tokens":1}]}',
    openai_costs:
      '{"object":"bucket","start_time":1730419200,"end_time":1730505600,"results":[{"object":"organization.costs.result","amount":{"value":1,"currency":"usd"}}]}',
    anthropic_usage: '{"data":[],"has_more":false,"next_page":null}',
    response_log: '{"object":"chat.completion","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1}}',
  };

  test.each(Object.entries(FIRST))('%s: a 10k-deep second line is a located issue', async (id, first) => {
    for (const deep of [deepArray(10_000), deepObject(10_000)]) {
      const out = await ingest('deep', Buffer.from(`${first}\n${deep}\n${first}\n`), 'deep.jsonl');
      expect(out.error).toBeUndefined();
      expect(out.source).toBe(id);
      expect(out.items).toContainEqual({
        kind: 'issue',
        issue: { file: 'deep.jsonl', line: 2, message: `nested deeper than ${MAX_DEPTH} levels` },
      });
    }
  });

  test('a body with a 10k-deep field and no id (content-hashed) is an issue, in JSONL, JSON and gzip', async () => {
    const body = `{"object":"chat.completion","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1},"x":${deepArray(10_000)}}`;
    const ok = '{"object":"chat.completion","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1}}';
    for (const [name, text] of [
      ['log.jsonl', `${ok}\n${body}\n`],
      ['log.json', `[${ok},${body}]`],
    ] as const) {
      for (const [file, bytes] of [
        [name, Buffer.from(text)],
        [`${name}.gz`, gzipSync(text)],
      ] as const) {
        const out = await ingest('deep', bytes, file);
        expect(out.error).toBeUndefined();
        expect(out.items.map((i) => i.kind)).toEqual(['event', 'issue']);
      }
    }
  });

  test(`exactly ${MAX_DEPTH} levels is still read (hashing and messages cope)`, async () => {
    const inner = '['.repeat(MAX_DEPTH - 1) + ']'.repeat(MAX_DEPTH - 1);
    // Nested under the top-level object: MAX_DEPTH containers in all. Once as an extra field, once as a wrong-typed count.
    const extra = `{"object":"chat.completion","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1},"x":${inner}}`;
    const badCount = `{"object":"chat.completion","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":${'['.repeat(MAX_DEPTH - 2)}${']'.repeat(MAX_DEPTH - 2)}}}`;
    const out = await ingest('deep', Buffer.from(`${extra}\n${badCount}\n`), 'edge.jsonl');
    expect(out.items.map((i) => (i.kind === 'issue' ? i.issue.field : i.kind))).toEqual(['event', 'usage.completion_tokens']);
  });

  test('top-level 10k-deep JSON documents are file errors or issues', async () => {
    for (const text of [deepArray(10_000), deepObject(10_000), `[${deepArray(10_000)}]`, `${deepObject(10_000)}\n`]) {
      await ingest('deep', Buffer.from(text), 'deep.json');
      await ingest('deep', gzipSync(text), 'deep.json.gz');
    }
  });
});
