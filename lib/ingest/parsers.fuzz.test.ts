/**
 * Issue 7: every source parser fuzzed with fast-check. Records go straight into source.parse (with a
 * ParseContext), built from (a) arbitrary JSON values, deep and wide, and (b) mutations of realistic
 * records of that source (its fixtures and the real samples in ../shared/samples, read in place).
 * Properties: parse never throws, never hangs, yields only well-formed items (issues located, money as
 * decimal strings, tokens non-negative); a subset goes through parseInput, whose events must all pass
 * checkEvent. A summary line prints the cases each parser ran (README table).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { IssueSink, money } from './fields';
import { parseInput } from './pipeline';
import { openRecords } from './read';
import { detectSource, listSources } from './registry';
import { type FramedRecord, type Framing, IngestFileError, type ParseContext, type ParsedItem, type SourceId } from './types';
import { checkEvent } from './validate';

// A fixed seed keeps CI reproducible; FUZZ_SEED=random explores new cases, FUZZ_SEED=<n> replays one.
fc.configureGlobal({ seed: process.env.FUZZ_SEED === 'random' ? Date.now() : Number(process.env.FUZZ_SEED ?? 20261126) });

const FIXTURES = path.resolve(import.meta.dirname, '__fixtures__');
const SAMPLES = path.resolve(import.meta.dirname, '../../../shared/samples');
/** Per-run budget: "never hangs". Checked both as a race (async stalls) and as elapsed time (sync loops). */
/** Generous for a loaded 2-core CI machine (typical runs take milliseconds); a real hang never finishes. */
const RUN_MS = 10_000;
/** FUZZ_RUNS=2000 for a deeper local search; the default keeps the suite fast. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const PIPELINE_RUNS = Math.max(20, Math.round(RUNS / 3));
const MONEY = /^-?\d+(\.\d+)?$/;
const KINDS = new Set(['event', 'cost', 'issue', 'duplicate']);
const TOKEN_FIELDS = ['inputTokens', 'cachedInputTokens', 'cacheWriteTokens', 'outputTokens', 'reasoningTokens'] as const;

// ------------------------------------------------------------------ seeds: realistic records per source

interface SeedFile {
  file: string;
  framing: Framing;
  records: FramedRecord[];
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .flatMap((d) => (d.isFile() ? [path.join(d.parentPath, d.name)] : []));
}

/** Frames every fixture and sample and files it under the source that detects it. */
async function loadSeeds(): Promise<Map<SourceId, SeedFile[]>> {
  const out = new Map<SourceId, SeedFile[]>();
  const files = [...filesUnder(FIXTURES), ...filesUnder(SAMPLES)].filter(
    (f) => /\.(jsonl?|csv|txt)$/.test(f) && fs.statSync(f).size < 200_000,
  );
  for (const file of files) {
    try {
      const opened = await openRecords(fs.createReadStream(file), file);
      const source = opened.first && detectSource(opened.first.value, file);
      if (!source) continue;
      const records: FramedRecord[] = [];
      for await (const it of opened.items) if (!('bad' in it) && records.length < 60) records.push(it);
      const list = out.get(source.id) ?? [];
      list.push({ file, framing: opened.framing, records });
      out.set(source.id, list);
    } catch (e) {
      if (!(e instanceof IngestFileError)) throw e;
    }
  }
  return out;
}

const seeds = await loadSeeds();

// ------------------------------------------------------------------ hostile values

const NASTY_NUMBERS = [
  -1,
  -0,
  0.5,
  -7.25,
  2 ** 53,
  2 ** 53 + 2,
  1e21,
  1e300,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  8.64e12,
  -8.64e12,
  8.64e12 + 1,
];
const NASTY_STRINGS = [
  '',
  ' ',
  '12',
  ' 42 ',
  '-5',
  '1.5',
  'abc',
  'NaN',
  'Infinity',
  '-Infinity',
  'null',
  'undefined',
  'true',
  '0x10',
  '1e309',
  '9007199254740993',
  '99999999999999999999999',
  '1e9999999999999999999',
  '1e100000000',
  '-1e-100000000',
  '2024-13-45T25:61:00Z',
  '2024-02-30',
  '0000-00-00',
  'yesterday',
  'last tuesday',
  '+275760-09-13T00:00:00.001Z',
  '2026-03-02T10:15:00+99:99',
  '8640000000001',
  '1730419200.999999999',
  '\u0000\u0001\u001f\u007f',
  '\uD800',
  '\uDFFF\uD800',
  'é\u0301\u200B\u202E\uFEFF',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'a\nb\r\nc\td',
  '"\\',
  '__proto__',
  'constructor',
  'x'.repeat(5000),
];

/** Wrong-typed, out-of-range and exotic JSON replacement values. */
const nastyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...NASTY_NUMBERS, ...NASTY_STRINGS, null, true, false, [], {}, [null], { value: null }),
  fc.double(),
  fc.integer(),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.jsonValue({ maxDepth: 4 }),
  fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())),
);

/** CSV cells are always strings. */
const nastyCell: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS, ...NASTY_NUMBERS.map(String)),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer().map(String),
  fc.double().map(String),
);

// ------------------------------------------------------------------ mutations

type Path = (string | number)[];

function pathsOf(v: unknown, max = 400): Path[] {
  const out: Path[] = [];
  const walk = (x: unknown, p: Path) => {
    if (out.length >= max) return;
    if (p.length) out.push(p);
    if (Array.isArray(x)) for (const [i, c] of x.entries()) walk(c, [...p, i]);
    else if (typeof x === 'object' && x !== null) for (const [k, c] of Object.entries(x)) walk(c, [...p, k]);
  };
  walk(v, []);
  return out;
}

function getAt(v: unknown, p: Path): unknown {
  let cur = v;
  for (const k of p) cur = (cur as Record<string | number, unknown>)?.[k];
  return cur;
}

type Op =
  | { op: 'delete'; at: number }
  | { op: 'replace'; at: number; value: unknown }
  | { op: 'addKey'; at: number; key: string; value: unknown }
  | { op: 'garble'; at: number; insert: string; pos: number };

function mutationArb(csv: boolean): fc.Arbitrary<Op> {
  const value = csv ? nastyCell : nastyJson;
  return fc.oneof(
    fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value }),
    fc.record({
      op: fc.constant('addKey' as const),
      at: fc.nat(),
      key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...NASTY_STRINGS)),
      value,
    }),
    fc.record({
      op: fc.constant('garble' as const),
      at: fc.nat(),
      insert: fc.oneof(
        fc.constantFrom('\u0000', '\uD800', '\u202E', '\n', '"', '🏳️‍🌈', '\\u0000'),
        fc.string({ unit: 'binary', maxLength: 4 }),
      ),
      pos: fc.nat(),
    }),
  );
}

/** Applies ops to a deep copy; CSV rows stay flat objects of strings (what the framing gives). */
function mutate(value: unknown, ops: Op[], csv: boolean): unknown {
  const root = { v: structuredClone(value) as unknown };
  for (const o of ops) {
    const paths = csv ? Object.keys(root.v as object).map((k) => [k]) : pathsOf(root.v);
    if (o.op === 'addKey') {
      const containers = [[], ...paths].filter((p) => {
        const x = getAt(root.v, p);
        return typeof x === 'object' && x !== null && !Array.isArray(x);
      });
      if (!containers.length) continue;
      const target = getAt(root.v, containers[o.at % containers.length]) as Record<string, unknown>;
      Object.defineProperty(target, o.key, { value: o.value, enumerable: true, writable: true, configurable: true });
      continue;
    }
    if (!paths.length) {
      if (o.op === 'replace' && !csv) root.v = o.value;
      continue;
    }
    const p = paths[o.at % paths.length];
    const parent = (p.length === 1 ? root.v : getAt(root.v, p.slice(0, -1))) as Record<string | number, unknown>;
    const key = p[p.length - 1];
    if (o.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (o.op === 'replace') parent[key] = o.value;
    else {
      const cur = parent[key];
      if (typeof cur === 'string') parent[key] = cur.slice(0, o.pos % (cur.length + 1)) + o.insert + cur.slice(o.pos % (cur.length + 1));
      else if (!csv) parent[key] = `${String(cur)}${o.insert}`;
    }
  }
  return root.v;
}

// ------------------------------------------------------------------ running and checking

const FILE_NAMES = [
  'fuzz.jsonl',
  'a/b/c/session.jsonl',
  'C:\\Users\\x\\cost_2024.csv',
  '',
  'usage ☃.json',
  'projects/p/sess/subagents/a.jsonl',
];

interface Case {
  records: FramedRecord[];
  ctx: ParseContext;
}

async function* asAsync(records: FramedRecord[]): AsyncIterable<FramedRecord> {
  for (const r of records) yield r;
}

async function withinBudget<T>(what: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const started = performance.now();
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hung: no result within ${RUN_MS} ms`)), RUN_MS);
  });
  try {
    const r = await Promise.race([what, hang]);
    const took = performance.now() - started;
    if (took > RUN_MS) throw new Error(`too slow: ${Math.round(took)} ms (budget ${RUN_MS} ms)`);
    return r;
  } finally {
    clearTimeout(timer);
  }
}

async function collect(items: AsyncIterable<ParsedItem>): Promise<ParsedItem[]> {
  const out: ParsedItem[] = [];
  for await (const i of items) out.push(i);
  return out;
}

function isDate(d: unknown): d is Date {
  return d instanceof Date && !Number.isNaN(d.getTime());
}

/** What every item straight out of source.parse must satisfy (token arithmetic is left to checkEvent). */
function checkItems(items: ParsedItem[], c: Case): void {
  const lines = new Set(c.records.flatMap((r) => (r.line === undefined ? [] : [r.line])));
  const recs = new Set(c.records.flatMap((r) => (r.record === undefined ? [] : [r.record])));
  const allLined = c.records.length > 0 && c.records.every((r) => r.line !== undefined);
  const allRecorded = c.records.length > 0 && c.records.every((r) => r.record !== undefined);
  for (const it of items) {
    expect(KINDS.has(it.kind), `kind ${it.kind}`).toBe(true);
    if (it.kind === 'issue') {
      const i = it.issue;
      expect(i.file).toBe(c.ctx.file);
      expect(typeof i.message === 'string' && i.message.length > 0, 'issue message').toBe(true);
      if (i.field !== undefined) expect(typeof i.field).toBe('string');
      // Located at a record that was fed in (or the CSV header, line 1).
      if (allLined) expect(i.line !== undefined && (lines.has(i.line) || i.line === 1), `issue line ${i.line}: ${i.message}`).toBe(true);
      if (allRecorded) expect(i.record !== undefined && recs.has(i.record), `issue record ${i.record}: ${i.message}`).toBe(true);
      continue;
    }
    if (it.kind === 'duplicate') continue;
    if (it.line !== undefined) expect(lines.has(it.line)).toBe(true);
    if (it.record !== undefined) expect(recs.has(it.record)).toBe(true);
    if (it.kind === 'event') {
      const e = it.event;
      expect(typeof e.dedupeKey === 'string' && e.dedupeKey.length > 0, 'dedupeKey').toBe(true);
      expect(isDate(e.occurredAt), 'occurredAt').toBe(true);
      expect(Number.isSafeInteger(e.periodSeconds) && e.periodSeconds >= 0, `periodSeconds ${e.periodSeconds}`).toBe(true);
      expect(typeof e.vendor === 'string' && e.vendor.length > 0).toBe(true);
      for (const f of TOKEN_FIELDS) {
        const v = e[f];
        // Unsafe or inconsistent counts are checkEvent's to reject; a negative one is a parser bug.
        expect(v === null || (typeof v === 'number' && !(v < 0)), `${f} ${v}`).toBe(true);
      }
      for (const f of ['billedCostUsd', 'reportedCostUsd'] as const) {
        const v = e[f];
        expect(v === null || MONEY.test(v), `${f} ${v}`).toBe(true);
      }
      expect(e.score === null || (MONEY.test(e.score) && Number(e.score) >= 0 && Number(e.score) <= 1), `score ${e.score}`).toBe(true);
      for (const f of ['latencyMs', 'toolCalls'] as const) {
        const v = e[f];
        expect(v === null || (Number.isSafeInteger(v) && v >= 0), `${f} ${v}`).toBe(true);
      }
      expect(e.requestCount === null || typeof e.requestCount === 'number').toBe(true);
      expect(e.tags === null || (typeof e.tags === 'object' && !Array.isArray(e.tags))).toBe(true);
      expect(typeof e.timeInferred).toBe('boolean');
      for (const f of ['model', 'modelRaw', 'modelCreator', 'requestId', 'project', 'apiKey', 'user', 'team', 'traceId'] as const)
        expect(e[f] === null || typeof e[f] === 'string', `${f}`).toBe(true);
    } else {
      const l = it.cost;
      expect(typeof l.dedupeKey === 'string' && l.dedupeKey.length > 0).toBe(true);
      expect(isDate(l.periodStart) && isDate(l.periodEnd), 'cost period').toBe(true);
      expect(l.periodEnd.getTime() >= l.periodStart.getTime(), 'period end before start').toBe(true);
      expect(MONEY.test(l.billedCostUsd), `billedCostUsd ${l.billedCostUsd}`).toBe(true);
      for (const f of ['listCostUsd', 'quantity'] as const) expect(l[f] === null || MONEY.test(l[f]), `${f} ${l[f]}`).toBe(true);
      expect(l.currency).toMatch(/^[A-Z]{3}$/);
      expect(typeof l.vendor === 'string' && l.vendor.length > 0).toBe(true);
    }
  }
}

const casesRun = new Map<string, number>();
const bump = (id: string) => casesRun.set(id, (casesRun.get(id) ?? 0) + 1);

afterAll(() => {
  const rows = [...casesRun.entries()].sort(([a], [b]) => a.localeCompare(b));
  console.log(`parsers fuzzed: ${rows.map(([id, n]) => `${id}=${n}`).join(' ')} (cases per parser, all properties)`);
});

function ctxArb(framing: Framing): fc.Arbitrary<ParseContext> {
  return fc.record({
    file: fc.constantFrom(...FILE_NAMES),
    framing: fc.constant(framing),
    // --at or the file's mtime: trusted by the CLI, so realistic instants only (records carry the hostile times).
    fallbackTime: fc.constantFrom(new Date('2026-01-01T00:00:00Z'), new Date(0), new Date('9999-12-31T00:00:00Z')),
    fallbackIsMtime: fc.boolean(),
  });
}

/** Numbers records the way the framing would: line for JSONL/CSV, record for JSON; sometimes neither. */
function locate(values: unknown[], framing: Framing, bare: boolean): FramedRecord[] {
  return values.map((value, i) => (bare ? { value } : framing === 'json' ? { value, record: i + 1 } : { value, line: i + 2 }));
}

async function runCase(id: SourceId, c: Case): Promise<void> {
  bump(id);
  const source = listSources().find((s) => s.id === id)!;
  const items = await withinBudget(collect(source.parse(asAsync(c.records), c.ctx)));
  checkItems(items, c);
}

// ------------------------------------------------------------------ the properties

const jsonFramings = (framings: Framing[]) => framings.filter((f) => f !== 'csv');

describe.each(listSources().map((s) => [s.id, s] as const))('%s', (id, source) => {
  const seedFiles = seeds.get(id) ?? [];

  test('has realistic seed records (fixtures or samples)', () => {
    expect(seedFiles.length, `no fixture or sample detected as ${id}`).toBeGreaterThan(0);
  });

  test(`arbitrary JSON records, deep and wide (${RUNS} cases)`, async () => {
    const keys = [...new Set(seedFiles.flatMap((f) => f.records.flatMap((r) => pathsOf(r.value).map((p) => String(p[p.length - 1])))))];
    const key = fc.oneof(fc.constantFrom(...(keys.length ? keys : ['x'])), fc.string({ maxLength: 6 }));
    const leaf = fc.oneof(nastyJson, fc.jsonValue({ maxDepth: 2 }));
    const { tree } = fc.letrec<{ tree: unknown; node: unknown }>((tie) => ({
      tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('node')),
      node: fc.oneof(fc.dictionary(key, tie('tree'), { maxKeys: 12 }), fc.array(tie('tree'), { maxLength: 12 })),
    }));
    const value = fc.oneof(
      tree,
      fc.jsonValue({ maxDepth: 30, depthSize: 'medium' }),
      fc.anything({ maxDepth: 6 }),
      fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 200, maxLength: 1000 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...jsonFramings(source.framings)).chain(ctxArb),
        fc.array(value, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        async (ctx, values, bare) => runCase(id, { ctx, records: locate(values, ctx.framing, bare) }),
      ),
      { numRuns: RUNS },
    );
  });

  if (source.framings.includes('csv'))
    test(`arbitrary CSV rows (${RUNS / 2} cases)`, async () => {
      const header = [...new Set(seedFiles.filter((f) => f.framing === 'csv').flatMap((f) => Object.keys(f.records[0]?.value ?? {})))];
      const row = fc.dictionary(fc.oneof(fc.constantFrom(...header), fc.string({ maxLength: 6 })), nastyCell, { maxKeys: 24 });
      await fc.assert(
        fc.asyncProperty(ctxArb('csv'), fc.array(row, { minLength: 1, maxLength: 6 }), async (ctx, rows) =>
          runCase(id, { ctx, records: locate(rows, 'csv', false) }),
        ),
        { numRuns: RUNS / 2 },
      );
    });

  test(`mutated realistic records (${RUNS} cases)`, async () => {
    const seq = fc
      .record({
        file: fc.constantFrom(...seedFiles),
        start: fc.nat(),
        length: fc.integer({ min: 1, max: 12 }),
        bare: fc.boolean(),
      })
      .chain(({ file, start, length, bare }) => {
        const from = start % file.records.length;
        const slice = file.records.slice(from, from + length);
        const csv = file.framing === 'csv';
        // Mutate some records, keep others intact (so stateful parsers see valid neighbours), repeat some.
        const one = (r: FramedRecord) =>
          fc.oneof(
            { weight: 3, arbitrary: fc.array(mutationArb(csv), { minLength: 1, maxLength: 4 }).map((ops) => mutate(r.value, ops, csv)) },
            { weight: 1, arbitrary: fc.constant(r.value) },
          );
        // The CSV header row is kept intact so the rows get past the column check.
        const values = fc.tuple(...slice.map((r, i) => (csv && from + i === 0 ? fc.constant(r.value) : one(r))));
        const withRepeats = values.chain((vs) =>
          fc.array(fc.nat({ max: vs.length - 1 }), { maxLength: 3 }).map((dups) => [...vs, ...dups.map((d) => structuredClone(vs[d]))]),
        );
        return fc.record({ values: withRepeats, ctx: ctxArb(file.framing), bare: fc.constant(csv ? false : bare) });
      });
    await fc.assert(
      fc.asyncProperty(seq, async ({ values, ctx, bare }) => runCase(id, { ctx, records: locate(values, ctx.framing, bare) })),
      { numRuns: RUNS },
    );
  });

  test(`mutated records through parseInput: every event passes checkEvent (${PIPELINE_RUNS} cases)`, async () => {
    const arb = fc.constantFrom(...seedFiles).chain((file) => {
      const csv = file.framing === 'csv';
      const muts = fc.tuple(...file.records.slice(0, 8).map(() => fc.array(mutationArb(csv), { maxLength: 3 })));
      return fc.record({ file: fc.constant(file), muts });
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ file, muts }) => {
        bump(id);
        const values = file.records
          .slice(0, 8)
          .map((r, i) => (file.framing === 'csv' && i === 0 ? r.value : mutate(r.value, muts[i], file.framing === 'csv')));
        const text = serialise(values, file.framing);
        const name = path.basename(file.file);
        let items: ParsedItem[];
        try {
          items = await withinBudget(
            parseInput(Readable.from([Buffer.from(text)]), { file: name, source: id, fileMtime: new Date('2026-01-01T00:00:00Z') }).then(
              (p) => collect(p.items),
            ),
          );
        } catch (e) {
          // A whole-file problem (e.g. a mutation that broke the CSV header) is the one allowed rejection.
          if (e instanceof IngestFileError) return;
          throw e;
        }
        for (const it of items) {
          if (it.kind === 'issue') expect(it.issue.file).toBe(name);
          if (it.kind === 'event') {
            expect(checkEvent(it.event)).toEqual([]);
            expect(it.event.dedupeKey.startsWith(`${id}:`)).toBe(true);
            for (const f of TOKEN_FIELDS) {
              const v = it.event[f];
              expect(v === null || (Number.isSafeInteger(v) && v >= 0), `${f} ${v}`).toBe(true);
            }
          }
          if (it.kind === 'cost') expect(MONEY.test(it.cost.billedCostUsd)).toBe(true);
        }
      }),
      { numRuns: PIPELINE_RUNS },
    );
  });
});

/** Writes records back out in their framing (CSV: header from the first row, every cell quoted). */
function serialise(values: unknown[], framing: Framing): string {
  if (framing === 'jsonl') return values.map((v) => JSON.stringify(v) ?? 'null').join('\n');
  if (framing === 'json') return `[${values.map((v) => JSON.stringify(v) ?? 'null').join(',')}]`;
  const header = Object.keys(values[0] as object);
  const q = (s: unknown) => `"${String(s ?? '').replace(/"/g, '""')}"`;
  return [header.map(q).join(','), ...values.map((v) => header.map((h) => q((v as Record<string, unknown>)[h])).join(','))].join('\n');
}

// ------------------------------------------------------------------ regressions for bugs the fuzzing found

describe('regressions', () => {
  test('openai_costs: a bucket at the edge of the Date range is an issue, not a cost line with an Invalid Date periodEnd', async () => {
    const row = { object: 'organization.costs.result', amount: { value: 1, currency: 'usd' } };
    const records = [
      { value: { object: 'bucket', start_time: 8640000000000, results: [row] }, line: 1 }, // no end: start + 1 day overflows
      { value: { object: 'bucket', start_time: 0.4, end_time: 8640000000000, results: [row] }, line: 2 }, // width rounds up past the edge
    ];
    const ctx: ParseContext = { file: 'c.jsonl', framing: 'jsonl', fallbackTime: new Date(0), fallbackIsMtime: true };
    const source = listSources().find((s) => s.id === 'openai_costs')!;
    const items = await collect(source.parse(asAsync(records), ctx));
    expect(items.map((i) => (i.kind === 'issue' ? [i.issue.line, i.issue.field] : i.kind))).toEqual([
      [1, 'start_time'],
      [2, 'end_time'],
    ]);
  });

  test('money(): a huge exponent is an issue, not "Infinity" and not a 100 MB string (took 22 s)', () => {
    const sink = new IssueSink({ file: 'f' });
    const issues = sink.issues;
    const started = performance.now();
    expect(money('1e9999999999999999999', 'amount', sink)).toBeNull();
    expect(money('1e100000000', 'amount', sink)).toBeNull();
    expect(money('-1e-100000000', 'amount', sink)).toBeNull();
    expect(performance.now() - started).toBeLessThan(500);
    expect(issues).toHaveLength(3);
    // Every JSON number is still accepted.
    expect(money(Number.MAX_VALUE, 'amount', sink)).toMatch(MONEY);
    expect(money(5e-324, 'amount', sink)).toMatch(MONEY);
    expect(money('0.06', 'amount', sink, 100)).toBe('0.0006');
    expect(issues).toHaveLength(3);
  });

  test('openai_costs: a cost of "1e100000000" becomes an issue within budget', async () => {
    const rec = {
      object: 'bucket',
      start_time: 1730419200,
      end_time: 1730505600,
      results: [{ object: 'organization.costs.result', amount: { value: '1e100000000', currency: 'usd' } }],
    };
    const ctx: ParseContext = { file: 'c.jsonl', framing: 'jsonl', fallbackTime: new Date(0), fallbackIsMtime: true };
    const source = listSources().find((s) => s.id === 'openai_costs')!;
    const items = await withinBudget(collect(source.parse(asAsync([{ value: rec, line: 1 }]), ctx)));
    expect(items).toEqual([
      {
        kind: 'issue',
        issue: { file: 'c.jsonl', line: 1, field: 'results[0].amount.value', message: expect.stringContaining('out of range') },
      },
    ]);
  });
});
