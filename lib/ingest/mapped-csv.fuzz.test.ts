/**
 * Issue 7: the column-mapped CSV parser fuzzed like every detected source (parsers.fuzz.test.ts cannot
 * reach it: it is never detected and needs a mapping). For each fixture mapping: arbitrary rows built
 * from the export's own columns and hostile cells, and mutated real rows through parseInput. Properties
 * as for the other parsers: never throws, never hangs, only well-formed items; every event that comes
 * out passes checkEvent with its dedupe key namespaced.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { mutate, mutationArb, nastyCell, serialise } from './fuzz-arbitraries';
import { asAsync, checkItems, collect, TOKEN_FIELDS, withinBudget } from './fuzz-checks';
import { mappedCsvSource } from './mapped-csv';
import { parseColumnMapping } from './mapping';
import { parseInput } from './pipeline';
import { openRecords } from './read';
import { type FramedRecord, IngestFileError, type ParsedItem } from './types';
import { checkEvent } from './validate';

fc.configureGlobal({ seed: process.env.FUZZ_SEED === 'random' ? Date.now() : Number(process.env.FUZZ_SEED ?? 20261126) });
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const DIR = path.resolve(import.meta.dirname, '__fixtures__/mapped-csv');
const MTIME = new Date('2026-01-01T00:00:00Z');
let cases = 0;
afterAll(() => console.log(`parsers fuzzed: mapped_csv=${cases} (cases, all properties, ${fs.readdirSync(DIR).length / 2} mappings)`));

const fixtures = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => {
    const parsed = parseColumnMapping(fs.readFileSync(path.join(DIR, f), 'utf8'));
    if (!parsed.ok) throw new Error(`${f}: ${JSON.stringify(parsed.errors)}`);
    return { name: f, csv: path.join(DIR, f.replace(/\.yaml$/, '.csv')), mapping: parsed.mapping };
  });

async function rowsOf(file: string): Promise<FramedRecord[]> {
  const opened = await openRecords(fs.createReadStream(file), file);
  const out: FramedRecord[] = [];
  for await (const it of opened.items) if (!('bad' in it)) out.push(it);
  return out;
}

describe.each(fixtures.map((f) => [f.name, f] as const))('mapped_csv with %s', (_name, fx) => {
  const source = mappedCsvSource(fx.mapping);

  test(`arbitrary rows over the export's columns (${RUNS} cases)`, async () => {
    const header = Object.keys((await rowsOf(fx.csv))[0].value as object);
    expect(header.length).toBeGreaterThan(3);
    // Mostly rows as a CSV frames them (every header column, hostile cells); sometimes a random column set,
    // which the header check may refuse as a whole file (IngestFileError naming the mapping key).
    const full = fc.record(Object.fromEntries(header.map((h) => [h, nastyCell])));
    const loose = fc.dictionary(fc.oneof(fc.constantFrom(...header), fc.string({ maxLength: 6 })), nastyCell, { maxKeys: 24 });
    const row = fc.oneof({ weight: 4, arbitrary: full }, { weight: 1, arbitrary: loose });
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 6 }), async (rows) => {
        cases++;
        const c = {
          ctx: { file: 'export.csv', framing: 'csv' as const, fallbackTime: MTIME, fallbackIsMtime: true },
          records: rows.map((value, i) => ({ value, line: i + 2 })),
        };
        let items: ParsedItem[];
        try {
          items = await withinBudget(collect(source.parse(asAsync(c.records), c.ctx)));
        } catch (e) {
          if (!(e instanceof IngestFileError) || e.code !== 'mapping_columns') throw e;
          expect(e.message).toMatch(/mapping key .* names column/);
          refused++;
          return;
        }
        checkItems(items, c);
      }),
      { numRuns: RUNS },
    );
    expect(refused).toBeLessThan(RUNS / 2); // most cases reached the row parser
  });

  test(`mutated real rows through parseInput: every event passes checkEvent (${RUNS} cases)`, async () => {
    const real = (await rowsOf(fx.csv)).map((r) => r.value);
    const muts = fc.tuple(...real.slice(0, 8).map(() => fc.array(mutationArb(true), { maxLength: 3 })));
    await fc.assert(
      fc.asyncProperty(muts, async (ops) => {
        cases++;
        // The first row stays intact so the header carries the mapped columns.
        const values = real.slice(0, 8).map((v, i) => (i === 0 ? v : mutate(v, ops[i], true)));
        let items: ParsedItem[];
        try {
          const parsed = await parseInput(Readable.from([Buffer.from(serialise(values, 'csv'))]), {
            file: 'export.csv',
            mapping: fx.mapping,
            fileMtime: MTIME,
          });
          items = await withinBudget(collect(parsed.items));
        } catch (e) {
          if (e instanceof IngestFileError) return; // a whole-file refusal with a message is allowed
          throw e;
        }
        for (const it of items) {
          if (it.kind === 'issue') expect(it.issue.file).toBe('export.csv');
          if (it.kind !== 'event') continue;
          expect(checkEvent(it.event)).toEqual([]);
          expect(it.event.dedupeKey.startsWith('mapped_csv:')).toBe(true);
          for (const f of TOKEN_FIELDS) {
            const v = it.event[f];
            expect(v === null || (Number.isSafeInteger(v) && v >= 0), `${f} ${v}`).toBe(true);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});
