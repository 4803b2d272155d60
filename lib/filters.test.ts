import { describe, expect, test } from 'vitest';
import { defaultPeriod, filtersKey, filtersToQuery, parseFilters, resolveFilters } from './filters';

describe('parseFilters', () => {
  test('reads valid values and drops bad ones', () => {
    expect(parseFilters({ from: '2026-03-01', to: '2026-02-30', vendor: ' openai ', team: '', workflow: ['a', 'b'] })).toEqual({
      from: '2026-03-01',
      to: undefined,
      vendor: 'openai',
      team: undefined,
      workflow: 'a',
      ignored: ['to=2026-02-30'],
    });
    expect(parseFilters(new URLSearchParams('from=yesterday&team=core'))).toEqual({
      from: undefined,
      to: undefined,
      vendor: undefined,
      team: 'core',
      workflow: undefined,
      ignored: ['from=yesterday'],
    });
    // Nothing given, nothing ignored (the key is absent, not an empty list).
    expect(parseFilters({ from: '', team: 'core' })).not.toHaveProperty('ignored');
  });
});

describe('resolveFilters', () => {
  const today = '2026-11-26';
  test.each([
    [{}, '2025-12-13', { from: '2025-11-14', to: '2025-12-13', isDefaultPeriod: true }],
    [{}, null, { from: '2026-10-28', to: '2026-11-26', isDefaultPeriod: true }],
    [{ from: '2025-01-01', to: '2025-01-31' }, '2025-12-13', { from: '2025-01-01', to: '2025-01-31', isDefaultPeriod: false }],
    [{ from: '2025-02-01', to: '2025-01-01' }, null, { from: '2025-01-01', to: '2025-02-01', isDefaultPeriod: false }],
    [{ from: '2025-12-01' }, '2025-12-13', { from: '2025-12-01', to: '2025-12-13', isDefaultPeriod: false }],
    [{ to: '2025-03-30' }, '2025-12-13', { from: '2025-03-01', to: '2025-03-30', isDefaultPeriod: false }],
    // Longer than MAX_PERIOD_DAYS: clipped toward the data (ending at the latest day or today), then to 1,900 days.
    [{ from: '2000-01-01', to: '2100-12-31' }, '2026-06-29', { from: '2021-09-14', to: '2026-11-26' }],
    [{ from: '2000-01-01', to: '2100-12-31' }, '2027-01-05', { from: '2021-10-24', to: '2027-01-05' }],
    [{ from: '2000-01-01', to: '2026-06-29' }, '2026-06-29', { from: '2021-04-17', to: '2026-06-29' }],
    // Future-only or short ranges are left as asked.
    [{ from: '2090-01-01', to: '2100-12-31' }, '2026-06-29', { from: '2095-10-19', to: '2100-12-31' }],
    [{ from: '2026-11-01', to: '2026-11-30' }, '2026-06-29', { from: '2026-11-01', to: '2026-11-30' }],
  ])('%o with latest day %s', (f, latest, expected) => {
    expect(resolveFilters(f, latest, today)).toMatchObject(expected);
  });

  test('what changed from the URL is said: an ignored parameter, a swapped range, a shortened one; nothing otherwise', () => {
    const ignored = resolveFilters(parseFilters({ from: 'garbage', to: '2026-11-20' }), '2026-11-26', today);
    expect(ignored).toMatchObject({ from: '2026-10-22', to: '2026-11-20' });
    expect(ignored.notes).toEqual(['from=garbage is not a date as YYYY-MM-DD and was ignored']);
    expect(resolveFilters({ from: '2025-02-01', to: '2025-01-01' }, null, today).notes).toEqual([
      'from was after to: the two were swapped',
    ]);
    expect(resolveFilters({ from: '2000-01-01', to: '2100-12-31' }, '2026-06-29', today).notes).toEqual([
      'the period was longer than 1,900 days (about five years) and was shortened',
    ]);
    // A period taken as asked, or the default, has no notes.
    expect(resolveFilters({ from: '2025-01-01', to: '2025-01-31' }, null, today)).not.toHaveProperty('notes');
    expect(resolveFilters({}, '2026-03-30', today)).not.toHaveProperty('notes');
  });

  test('default period is 30 days', () => {
    expect(defaultPeriod('2026-03-30', today)).toEqual({ from: '2026-03-01', to: '2026-03-30' });
  });

  test('key and query', () => {
    const r = resolveFilters({ vendor: 'openai' }, '2026-03-30', today);
    expect(filtersKey(r)).toBe('2026-03-01|2026-03-30|openai||');
    expect(filtersToQuery({ from: '2026-03-01', vendor: '', team: 'a b' })).toBe('?from=2026-03-01&team=a+b');
    expect(filtersToQuery({})).toBe('');
  });
});
