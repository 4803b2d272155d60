import { InvalidArgumentError } from 'commander';
import { describe, expect, test } from 'vitest';
import { runCli } from '../test/cli';
import { checkDayRange, parseDay } from './args';

describe('day arguments', () => {
  test('parseDay accepts calendar dates only: no rolled-over days, months or leap days', () => {
    for (const ok of ['2026-02-28', '2024-02-29', '2026-12-31', '1999-01-01']) expect(parseDay(ok)).toBe(ok);
    for (const bad of ['2026-02-30', '2025-02-29', '2026-13-01', '2026-04-31', '2026-00-10', '2026-1-5', '20260105', 'garbage', ''])
      expect(() => parseDay(bad), bad).toThrow(InvalidArgumentError);
  });

  test('checkDayRange rejects --from after --to and lets open or equal ends through', () => {
    expect(() => checkDayRange({ from: '2026-02-01', to: '2026-01-01' })).toThrow('--from 2026-02-01 is after --to 2026-01-01');
    for (const ok of [{}, { from: '2026-01-01' }, { to: '2026-01-01' }, { from: '2026-01-01', to: '2026-01-01' }]) checkDayRange(ok);
  });

  test('summary with an impossible day or a reversed range fails before touching a database, saying which', async () => {
    const env = { ITEMIZED_DATA_DIR: '/nonexistent/itemized-args-test', DATABASE_URL: undefined };
    const bad = await runCli(['summary', '--from', '2026-02-30'], env);
    expect([bad.code, bad.stderr]).toEqual([1, expect.stringMatching(/'--from <day>' argument '2026-02-30' is invalid.*calendar date/)]);
    const reversed = await runCli(['summary', '--from', '2026-02-01', '--to', '2026-01-01'], env);
    expect(reversed.code).not.toBe(0);
    expect(reversed.stderr).toContain('--from 2026-02-01 is after --to 2026-01-01');
  });
});
