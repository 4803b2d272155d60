/**
 * EventSpan (lib/ingest/load.ts) decides whether a batch may be copied straight into usage_events: a repeat it
 * missed would fail the whole file on the unique key, a repeat it invented would only send the batch through the
 * slower merge. Its span bounds which stored events the loader checks for.
 */
import { describe, expect, test } from 'vitest';
import { EventSpan } from './load';

const T = Date.UTC(2026, 0, 1);

function span(events: [string, number][]): EventSpan {
  const s = new EventSpan();
  for (const [k, ms] of events) s.add(k, ms);
  return s;
}

describe('EventSpan', () => {
  test('distinct keys at distinct times: no repeat; the span is the min and max time', () => {
    const s = span([
      ['a', T + 5],
      ['b', T],
      ['c', T + 9],
    ]);
    expect(s).toMatchObject({ repeats: false, minMs: T, maxMs: T + 9 });
  });

  test('the same key at another time is not a repeat (the unique key is key and time)', () => {
    expect(
      span([
        ['a', T],
        ['a', T + 1],
        ['a', T + 2],
      ]).repeats,
    ).toBe(false);
  });

  test('the same key at the same time is a repeat, first and second event alike', () => {
    expect(
      span([
        ['a', T],
        ['a', T],
      ]).repeats,
    ).toBe(true);
    expect(
      span([
        ['b', T],
        ['a', T + 1],
        ['b', T],
      ]).repeats,
    ).toBe(true);
  });

  test('many keys at one time (a file whose time was inferred): the repeat is found among them, not before', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => [`k${i}`, T] as [string, number]);
    expect(span(keys).repeats).toBe(false);
    expect(span([...keys, ['k4999', T]]).repeats).toBe(true);
    expect(span([...keys, ['k0', T]]).repeats).toBe(true);
    expect(span([...keys, ['k0', T + 1]]).repeats).toBe(false);
  });

  test('once a repeat is found the span still grows', () => {
    const s = span([
      ['a', T],
      ['a', T],
      ['z', T + 100],
      ['y', T - 100],
    ]);
    expect(s).toMatchObject({ repeats: true, minMs: T - 100, maxMs: T + 100 });
  });
});
