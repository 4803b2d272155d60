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
import { mutate, mutationArb, nastyCell, nastyJson, pathsOf, serialise } from './fuzz-arbitraries';
import { asAsync, type Case, checkItems, collect, MONEY, TOKEN_FIELDS, withinBudget } from './fuzz-checks';
import { parseInput } from './pipeline';
import { openRecords } from './read';
import { detectSource, listSources } from './registry';
import { type FramedRecord, type Framing, IngestFileError, type ParseContext, type ParsedItem, type SourceId } from './types';
import { checkEvent } from './validate';

// A fixed seed keeps CI reproducible; FUZZ_SEED=random explores new cases, FUZZ_SEED=<n> replays one.
fc.configureGlobal({ seed: process.env.FUZZ_SEED === 'random' ? Date.now() : Number(process.env.FUZZ_SEED ?? 20261126) });

const FIXTURES = path.resolve(import.meta.dirname, '__fixtures__');
const SAMPLES = path.resolve(import.meta.dirname, '../../../shared/samples');
/** FUZZ_RUNS=2000 for a deeper local search; the default keeps the suite fast. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const PIPELINE_RUNS = Math.max(20, Math.round(RUNS / 3));

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

// ------------------------------------------------------------------ running and checking

const FILE_NAMES = [
  'fuzz.jsonl',
  'a/b/c/session.jsonl',
  'C:\\Users\\x\\cost_2024.csv',
  '',
  'usage ☃.json',
  'projects/p/sess/subagents/a.jsonl',
];

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
