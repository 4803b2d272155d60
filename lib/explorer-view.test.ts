import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  bucketEnd,
  DEFAULT_EXPLORER_VIEW,
  drilldownScope,
  EXPLORER_DIMENSIONS,
  EXPLORER_METRICS,
  type ExplorerView,
  explorerViewToQuery,
  explorerViewToSearchParams,
  isSortable,
  PAGE_SIZES,
  parseExplorerView,
  resolveExplorerPeriod,
  SORT_COLUMNS,
  TIME_GRAINS,
  updateExplorerView,
} from './explorer-view';
import { ignoredPeriodParams } from './filters';

describe('parseExplorerView', () => {
  test('no params gives the default view, which serialises to an empty query', () => {
    expect(parseExplorerView({})).toEqual(DEFAULT_EXPLORER_VIEW);
    expect(explorerViewToQuery(DEFAULT_EXPLORER_VIEW)).toBe('');
  });

  test('reads every key', () => {
    const v = parseExplorerView(
      new URLSearchParams(
        'group=team,user&grain=week&from=2026-03-01&to=2026-03-31&team=core&team=&vendor=openai&q=agent&sort=user&dir=desc&page=3&size=100&cols=listCostUsd,events',
      ),
    );
    expect(v).toEqual({
      groupBy: ['team', 'user'],
      grain: 'week',
      from: '2026-03-01',
      to: '2026-03-31',
      filters: { vendor: ['openai'], team: ['core', null] },
      search: 'agent',
      sort: { column: 'user', dir: 'desc' },
      page: 3,
      pageSize: 100,
      columns: ['listCostUsd', 'events'],
    });
  });

  test('drops bad values instead of failing', () => {
    const v = parseExplorerView({
      group: 'team,nonsense,team',
      grain: 'hour',
      from: '2026-02-30',
      sort: 'vendor', // not in the grouping
      page: '0',
      size: '33',
      cols: 'bogus',
      dir: 'sideways',
    });
    expect(v.groupBy).toEqual(['team']);
    expect(v.grain).toBeNull();
    expect(v.from).toBeUndefined();
    expect(v.sort).toEqual(DEFAULT_EXPLORER_VIEW.sort);
    expect(v.page).toBe(1);
    expect(v.pageSize).toBe(50);
    expect(v.columns).toEqual(DEFAULT_EXPLORER_VIEW.columns);
  });

  test('an empty group is kept (one total row, or a pure time series)', () => {
    const v = parseExplorerView({ group: '', grain: 'month', sort: 'period' });
    expect(v.groupBy).toEqual([]);
    expect(v.sort).toEqual({ column: 'period', dir: 'asc' });
    expect(explorerViewToSearchParams(v).get('group')).toBe('');
  });

  test('filter values keep commas, spaces and hostile characters verbatim', () => {
    const v = parseExplorerView({ workflow: ['a,b', ' padded ', '=HYPERLINK("x")'] });
    expect(v.filters.workflow).toEqual(['a,b', ' padded ', '=HYPERLINK("x")']);
    expect(parseExplorerView(explorerViewToSearchParams(v))).toEqual(v);
  });
});

const day = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const label = fc.oneof(
  fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
  fc.constant(null),
);

const viewArb: fc.Arbitrary<ExplorerView> = fc
  .record({
    groupBy: fc.uniqueArray(fc.constantFrom(...EXPLORER_DIMENSIONS), { maxLength: 4 }),
    grain: fc.constantFrom(null, ...TIME_GRAINS),
    from: fc.option(day, { nil: undefined }),
    to: fc.option(day, { nil: undefined }),
    filters: fc.dictionary(fc.constantFrom(...EXPLORER_DIMENSIONS), fc.uniqueArray(label, { minLength: 1, maxLength: 3 })),
    search: fc.option(
      fc.string({ minLength: 1, maxLength: 30 }).map((s) => s.trim()),
      { nil: undefined },
    ),
    sort: fc.record({ column: fc.constantFrom(...SORT_COLUMNS), dir: fc.constantFrom('asc' as const, 'desc' as const) }),
    page: fc.integer({ min: 1, max: 500 }),
    pageSize: fc.constantFrom(...PAGE_SIZES),
    columns: fc.uniqueArray(fc.constantFrom(...EXPLORER_METRICS), { minLength: 1 }),
  })
  .map((v) => {
    const out: ExplorerView = { ...v, filters: v.filters as ExplorerView['filters'] };
    if (!out.from) delete out.from;
    if (!out.to) delete out.to;
    if (!out.search) delete out.search;
    if (!isSortable(out.sort.column, out.groupBy, out.grain)) out.sort = { ...DEFAULT_EXPLORER_VIEW.sort };
    return out;
  });

test('every view round-trips through the URL', () => {
  fc.assert(
    fc.property(viewArb, (v) => {
      const url = `/explorer?${explorerViewToSearchParams(v).toString()}`;
      const back = parseExplorerView(new URL(url, 'http://x').searchParams);
      expect(back).toEqual(v);
    }),
    { numRuns: 500 },
  );
});

describe('drill-down and periods', () => {
  test('bucketEnd', () => {
    expect(bucketEnd('2026-03-09', 'day')).toBe('2026-03-09');
    expect(bucketEnd('2026-03-09', 'week')).toBe('2026-03-15');
    expect(bucketEnd('2026-02-01', 'month')).toBe('2026-02-28');
    expect(bucketEnd('2024-02-01', 'month')).toBe('2024-02-29');
    expect(bucketEnd('2026-12-01', 'month')).toBe('2026-12-31');
  });

  test('a cell narrows the filters to its keys and the period to its bucket, clipped to the view', () => {
    const view = { filters: { vendor: ['openai', 'anthropic'] }, grain: 'week' as const };
    const scope = drilldownScope({ from: '2026-03-04', to: '2026-03-31' }, view, {
      keys: { vendor: 'openai', team: null },
      period: '2026-03-02',
    });
    expect(scope).toEqual({ from: '2026-03-04', to: '2026-03-08', filters: { vendor: ['openai'], team: [null] } });
  });

  test('without a grain the whole period stays', () => {
    expect(drilldownScope({ from: '2026-03-01', to: '2026-03-31' }, { filters: {}, grain: null }, { keys: { user: 'u1' } })).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
      filters: { user: ['u1'] },
    });
  });

  test('resolveExplorerPeriod uses the dashboard default (30 days to the latest data)', () => {
    expect(resolveExplorerPeriod({}, '2026-03-31', '2026-11-01')).toEqual({ from: '2026-03-02', to: '2026-03-31' });
    expect(resolveExplorerPeriod({ from: '2026-01-01', to: '2026-01-31' }, null, '2026-11-01')).toEqual({
      from: '2026-01-01',
      to: '2026-01-31',
    });
  });

  test('resolveExplorerPeriod says which period parameters of the link it ignored or swapped', () => {
    const raw = { from: '2026-13-45', to: 'x', group: 'vendor' };
    const view = parseExplorerView(raw);
    expect([view.from, view.to]).toEqual([undefined, undefined]);
    expect(resolveExplorerPeriod(view, '2026-03-31', '2026-11-01', ignoredPeriodParams(raw, view))).toEqual({
      from: '2026-03-02',
      to: '2026-03-31',
      notes: ['from=2026-13-45 is not a date as YYYY-MM-DD and was ignored', 'to=x is not a date as YYYY-MM-DD and was ignored'],
    });
    expect(resolveExplorerPeriod({ from: '2026-02-01', to: '2026-01-01' }, null, '2026-11-01').notes).toEqual([
      'from was after to: the two were swapped',
    ]);
  });

  test('updateExplorerView resets the page and an unusable sort', () => {
    const v = { ...DEFAULT_EXPLORER_VIEW, groupBy: ['user' as const], sort: { column: 'user' as const, dir: 'asc' as const }, page: 4 };
    const next = updateExplorerView(v, { groupBy: ['team'] });
    expect(next.page).toBe(1);
    expect(next.sort).toEqual(DEFAULT_EXPLORER_VIEW.sort);
    expect(updateExplorerView(v, { page: 7 }).page).toBe(7);
  });
});
