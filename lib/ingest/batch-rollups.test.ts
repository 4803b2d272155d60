/**
 * The loader's own batch sums of usage_length_cells and usage_task_days (batch-rollups.ts) and the Postgres numeric
 * rules they reproduce (pg-numeric.ts). That the rows equal the SQL's is checked against the database itself in
 * db/queries/staged-rollups.test.ts; here: the lines' text, the tie-break, and every case that must fall back to SQL.
 */
import { describe, expect, test } from 'vitest';
import { BatchRollups, type BucketOf } from './batch-rollups';
import { divMillionScale, formatScaled, parseAtScale, parseDecimal } from './pg-numeric';
import { emptyEvent, type UsageEvent } from './types';

/** V8's quarter octaves: fine for these small counts (the loader takes the database's thresholds). */
const bucketOf: BucketOf = (n) => (n < 2 ** 40 ? Math.floor((4 * Math.log(n + 1)) / Math.LN2) : null);

function ev(over: Partial<UsageEvent>): UsageEvent {
  return { ...emptyEvent(), dedupeKey: 'k', occurredAt: new Date('2026-03-01T10:00:00Z'), vendor: 'openai', ...over };
}

describe('pg-numeric', () => {
  test('decimal text in and out, with the scale as written', () => {
    expect(parseDecimal('1.50')).toEqual({ mantissa: 150n, scale: 2 });
    expect(parseDecimal('7')).toEqual({ mantissa: 7n, scale: 0 });
    for (const bad of ['-1', '1e-6', '.5', '1.', '', ' 1']) expect(parseDecimal(bad)).toBeNull();
    expect(formatScaled(150n, 2)).toBe('1.50');
    expect(formatScaled(5n, 4)).toBe('0.0005');
    expect(formatScaled(0n, 3)).toBe('0.000');
    expect(formatScaled(-12n, 1)).toBe('-1.2');
    expect(formatScaled(42n, 0)).toBe('42');
  });

  test('parseAtScale: units of 10^-scale, or null for what the column would round or cannot hold', () => {
    expect(parseAtScale('0.0010828', 10)).toBe(10_828_000);
    expect(parseAtScale('12', 10)).toBe(120_000_000_000);
    expect(parseAtScale('0.0000000001', 10)).toBe(1);
    for (const bad of ['0.00000000001', '-0.5', '1e-7', '1.', '.1', '', '1.2.3', '9000000.0000000001'])
      expect([bad, parseAtScale(bad, 10)]).toEqual([bad, null]);
  });

  test("divMillionScale: Postgres's quotient scale at the group and leading-digit edges", () => {
    // Worked through numeric.c select_div_scale: 16 significant digits from the estimated quotient weight.
    expect(divMillionScale(110000, 2)).toBe(20); // 1100.00: weight 0, leading group 1100 > 100
    expect(divMillionScale(0, 2)).toBe(24); // zero: weight 0, leading digit 0
    expect(divMillionScale(100, 0)).toBe(24); // 100: leading group 100 <= 100
    expect(divMillionScale(101, 0)).toBe(20);
    expect(divMillionScale(12345, 0)).toBe(20); // weight 1, leading group 1
    expect(divMillionScale(1_010_000, 0)).toBe(16); // weight 1, leading group 101
    expect(divMillionScale(1, 2)).toBe(28); // 0.01: the group 0100
    expect(divMillionScale(1_000_000_000_000, 0)).toBe(12); // 10^12: weight 3, leading group 1
    expect(divMillionScale(11, 4)).toBe(28); // 0.0011: weight -1, leading group 11
    expect(divMillionScale(9_007_199_254_740_991, 0)).toBe(8); // 9007199254740991: weight 3, leading group 9007
  });
});

describe('BatchRollups', () => {
  test('cell and task lines: CSV text of the keys, sums at the SQL scales, NULL apart from empty', () => {
    const r = new BatchRollups(bucketOf);
    const base = { model: 'o4-mini', workflow: 'a,b', traceId: 't"1', outputTokens: 300, inputTokens: 10 };
    r.add(ev({ ...base, team: '', reasoningTokens: 100, success: true }), '0.0001', '4.40');
    r.add(ev({ ...base, team: null, reasoningTokens: 100, success: false }), null, null);
    expect(r.exact).toBe(true);
    const b = bucketOf(100);
    expect(r.cellLines().sort()).toEqual(
      [
        // 100 tokens x 4.40 = 440.00; / 10^6 at scale 20 (leading group 440 > 100).
        `2026-03-01,openai,o4-mini,,"a,b",reasoning,${b},7,1,1,0,100,100,100,,,\n`,
        `2026-03-01,openai,o4-mini,"","a,b",reasoning,${b},7,1,1,1,100,100,100,440.00,4.40,0.00044000000000000000\n`,
      ].sort(),
    );
    expect(r.taskLines(41).sort()).toEqual(
      [
        `2026-03-01,openai,"","a,b","t""1",1,10,300,100,0.0001000000,0.00044000000000000000,1,1,2026-03-01T10:00:00.000Z,2026-03-01T10:00:00.000Z,2026-03-01T10:00:00.000Z,41,t\n`,
        `2026-03-01,openai,,"a,b","t""1",1,10,300,100,,,1,0,2026-03-01T10:00:00.000Z,2026-03-01T10:00:00.000Z,2026-03-01T10:00:00.000Z,42,f\n`,
      ].sort(),
    );
  });

  test("a task's last outcome: the later time, and at one instant the later event (the higher id)", () => {
    const r = new BatchRollups(bucketOf);
    const at = (iso: string, success: boolean | null) => ev({ traceId: 't', occurredAt: new Date(iso), outputTokens: 1, success });
    r.add(at('2026-03-01T10:00:05Z', true), null, null); // id 10
    r.add(at('2026-03-01T10:00:09Z', false), null, null); // id 11: latest time
    r.add(at('2026-03-01T10:00:09Z', true), null, null); // id 12: same instant, later id: wins
    r.add(at('2026-03-01T10:00:01Z', false), null, null); // id 13: earlier
    r.add(at('2026-03-01T10:00:30Z', null), null, null); // id 14: no outcome, only last_at
    const [line] = r.taskLines(10);
    // outcome calls, success calls, first_at, last_at, last_outcome_at, last_outcome_id, last_success
    expect(line.trimEnd().split(',').slice(-7)).toEqual([
      '4',
      '2',
      '2026-03-01T10:00:01.000Z',
      '2026-03-01T10:00:30.000Z',
      '2026-03-01T10:00:09.000Z',
      '12',
      't',
    ]);
  });

  test('bucket rows are left out; the batch falls back to SQL for whatever is not reproduced exactly', () => {
    const bucketRow = new BatchRollups(bucketOf);
    bucketRow.add(ev({ periodSeconds: 86400, outputTokens: 5 }), '1', '1');
    expect([bucketRow.exact, bucketRow.cellLines(), bucketRow.taskLines(1)]).toEqual([true, [], []]);

    const fallbacks: [string, (r: BatchRollups) => void][] = [
      ['a price with an exponent', (r) => r.add(ev({ outputTokens: 5 }), null, '4e-6')],
      ['a list cost the column would round', (r) => r.add(ev({ outputTokens: 5 }), '0.00000000001', null)],
      ['a quotient Postgres rounds', (r) => r.add(ev({ reasoningTokens: 200_000_000, outputTokens: 1 }), null, '1.000000000001')],
      ['a count past the known buckets', (r) => r.add(ev({ outputTokens: 2 ** 41 }), null, null)],
      [
        "a day over a month from the batch's first",
        (r) => {
          r.add(ev({ outputTokens: 1 }), null, null);
          r.add(ev({ outputTokens: 1, occurredAt: new Date('2026-04-10T00:00:00Z') }), null, null);
        },
      ],
      ['a time before 1970', (r) => r.add(ev({ outputTokens: 1, occurredAt: new Date('1969-12-31T00:00:00Z') }), null, null)],
    ];
    for (const [what, add] of fallbacks) {
      const r = new BatchRollups(bucketOf);
      add(r);
      expect([what, r.exact, r.cellLines(), r.taskLines(1)]).toEqual([what, false, [], []]);
    }
    expect(new BatchRollups(null).exact).toBe(false); // no thresholds from the database
  });
});
