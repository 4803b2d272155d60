/** timestamp(): the quick path for ISO-8601 UTC text reads exactly what the date parser reads; parseUtcOffset. */
import { describe, expect, test } from 'vitest';
import { IssueSink, parseUtcOffset, timestamp } from './fields';

const pad = (x: number, w: number) => String(x).padStart(w, '0');

describe('timestamp', () => {
  test('ISO-8601 UTC text gives new Date(text), edge fields included (invalid ones are issues)', () => {
    const sink = new IssueSink({ file: 'x' });
    let checked = 0;
    for (const y of [0, 50, 99, 100, 1970, 2024, 9999])
      for (const mo of [0, 1, 2, 12, 13])
        for (const d of [0, 1, 28, 29, 30, 31, 32])
          for (const h of [0, 23, 24])
            for (const mi of [0, 59, 60])
              for (const se of [0, 59, 60])
                for (const fr of ['', '.1', '.12', '.123']) {
                  const s = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(se, 2)}${fr}Z`;
                  const want = new Date(s);
                  const got = timestamp(s, 'f', sink);
                  if (Number.isNaN(want.getTime())) expect(got, s).toBeNull();
                  else expect(got?.getTime(), s).toBe(want.getTime());
                  checked++;
                }
    expect(checked).toBe(7 * 5 * 7 * 3 * 3 * 3 * 4);
    expect(sink.issues.length).toBeGreaterThan(0); // the invalid ones were reported
  });

  test('toISOString output round-trips', () => {
    const sink = new IssueSink({ file: 'x' });
    for (let t = -62_167_219_200_000; t < 253_402_300_800_000; t += 7_777_777_777_777) {
      const s = new Date(t).toISOString();
      expect(timestamp(s, 'f', sink)?.getTime(), s).toBe(t);
    }
    expect(sink.issues).toEqual([]);
  });
});

describe('parseUtcOffset', () => {
  test.each([
    ['UTC', 'Z'],
    ['z', 'Z'],
    ['+00:00', 'Z'],
    ['+02:00', '+02:00'],
    ['-0530', '-05:30'],
    ['+14:00', '+14:00'],
  ])('%s -> %s', (s, want) => expect(parseUtcOffset(s)).toBe(want));
  test.each(['Europe/Berlin', '+2', '+15:00', '+02:60', '', '2:00'])('%s is refused', (s) => expect(parseUtcOffset(s)).toBeNull());
});
