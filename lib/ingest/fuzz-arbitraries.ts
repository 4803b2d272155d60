/**
 * Hostile values and mutation operators for the parser fuzz tests (lib/ingest/parsers.fuzz.test.ts):
 * wrong-typed, out-of-range and exotic JSON, CSV cells, and edits applied to realistic records.
 * Test support only; nothing in the product imports it.
 */
import fc from 'fast-check';
import type { Framing } from './types';

// ------------------------------------------------------------------ hostile values

export const NASTY_NUMBERS = [
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
export const NASTY_STRINGS = [
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
export const nastyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...NASTY_NUMBERS, ...NASTY_STRINGS, null, true, false, [], {}, [null], { value: null }),
  fc.double(),
  fc.integer(),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.jsonValue({ maxDepth: 4 }),
  fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())),
);

/** CSV cells are always strings. */
export const nastyCell: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS, ...NASTY_NUMBERS.map(String)),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer().map(String),
  fc.double().map(String),
);

// ------------------------------------------------------------------ mutations

export type Path = (string | number)[];

export function pathsOf(v: unknown, max = 400): Path[] {
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

export function getAt(v: unknown, p: Path): unknown {
  let cur = v;
  for (const k of p) cur = (cur as Record<string | number, unknown>)?.[k];
  return cur;
}

export type Op =
  | { op: 'delete'; at: number }
  | { op: 'replace'; at: number; value: unknown }
  | { op: 'addKey'; at: number; key: string; value: unknown }
  | { op: 'garble'; at: number; insert: string; pos: number };

export function mutationArb(csv: boolean): fc.Arbitrary<Op> {
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
export function mutate(value: unknown, ops: Op[], csv: boolean): unknown {
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

/** Writes records back out in their framing (CSV: header from the first row, every cell quoted). */
export function serialise(values: unknown[], framing: Framing): string {
  if (framing === 'jsonl') return values.map((v) => JSON.stringify(v) ?? 'null').join('\n');
  if (framing === 'json') return `[${values.map((v) => JSON.stringify(v) ?? 'null').join(',')}]`;
  const header = Object.keys(values[0] as object);
  const q = (s: unknown) => `"${String(s ?? '').replace(/"/g, '""')}"`;
  return [header.map(q).join(','), ...values.map((v) => header.map((h) => q((v as Record<string, unknown>)[h])).join(','))].join('\n');
}
