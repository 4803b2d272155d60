import { describe, expect, test } from 'vitest';
import {
  exportHref,
  financeParamNotes,
  financeQuery,
  monthsBetween,
  parseAsOf,
  parseMonth,
  parseStatementFilters,
  toStatementFilters,
} from './finance-params';

describe('finance params', () => {
  test('monthsBetween lists every month with data, newest first, across a year end', () => {
    expect(monthsBetween('2025-11-20', '2026-02-03')).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
    expect(monthsBetween('2026-10-31', '2026-10-31')).toEqual(['2026-10']);
  });

  test('month: valid ?month= wins, else the latest month with data', () => {
    expect(parseMonth({ month: '2026-09' }, '2026-10-31')).toBe('2026-09');
    expect(parseMonth({ month: '2026-13' }, '2026-10-31')).toBe('2026-10');
    expect(parseMonth({ month: ['2026-08', '2026-09'] }, '2026-10-31')).toBe('2026-08');
    expect(parseMonth({}, '2026-10-31')).toBe('2026-10');
  });

  test('as of: inside the month and not past the data; defaults to the last known day', () => {
    expect(parseAsOf({}, '2026-10', '2026-10-20')).toBe('2026-10-20');
    expect(parseAsOf({}, '2026-09', '2026-10-20')).toBe('2026-09-30');
    expect(parseAsOf({ asof: '2026-10-15' }, '2026-10', '2026-10-20')).toBe('2026-10-15');
    expect(parseAsOf({ asof: '2026-10-25' }, '2026-10', '2026-10-20')).toBe('2026-10-20');
    expect(parseAsOf({ asof: '2026-09-15' }, '2026-10', '2026-10-20')).toBe('2026-10-20');
    expect(parseAsOf({}, '2026-11', '2026-10-20')).toBeNull();
  });

  test('notes say which month= or asof= of the link was ignored; none for valid or absent ones', () => {
    const notes = (raw: Record<string, string>) => financeParamNotes(raw, parseMonth(raw, '2026-03-20'), '2026-03-20');
    expect(notes({ month: 'garbage' })).toEqual(['month=garbage is not a month as YYYY-MM and was ignored']);
    expect(notes({ month: '2026-13' })).toEqual(['month=2026-13 is not a month as YYYY-MM and was ignored']);
    expect(notes({ month: '2026-03', asof: '2026-03-25' })).toEqual(['asof=2026-03-25 is not a day of 2026-03 with data and was ignored']);
    expect(notes({ month: '2026-03', asof: 'x' })).toEqual(['asof=x is not a day of 2026-03 with data and was ignored']);
    expect(notes({ month: '2026-02', asof: '2026-02-10' })).toEqual([]);
    expect(notes({})).toEqual([]);
  });

  test('statement filters: one value per key, blanks dropped; as statement lists', () => {
    const f = parseStatementFilters({ vendor: 'openai', team: ' ', workflow: ['chat', 'x'], month: '2026-10' });
    expect(f).toEqual({ vendor: 'openai', workflow: 'chat' });
    expect(toStatementFilters(f)).toEqual({ vendor: ['openai'], workflow: ['chat'] });
    expect(toStatementFilters({})).toEqual({});
  });

  test('links carry the month and the filters', () => {
    expect(financeQuery('2026-10', { team: 'core & ops' }, { asof: '2026-10-12', scope: undefined })).toBe(
      '?month=2026-10&team=core+%26+ops&asof=2026-10-12',
    );
    expect(exportHref('xlsx', '2026-10', { vendor: 'openai' })).toBe('/api/exports/xlsx?month=2026-10&vendor=openai');
  });
});
