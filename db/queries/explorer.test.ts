/**
 * The explorer on the finance fixture, on PGlite and Postgres: rollup and event paths agree exactly,
 * pages add up to the grand total, subtotals to their rows, filters / search / sort behave, and a
 * drill-down returns exactly the events behind its cell.
 */
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { drilldownScope, EXPLORER_DIMENSIONS, type ExplorerDimension } from '../../lib/explorer-view';
import type { Connection } from '../client';
import { testDatabases } from '../testing';
import { type ExplorerMetrics, type ExplorerQuery, type ExplorerRow, listDimensionValues, queryExplorer } from './explorer';
import { listFilterValues } from './explorer-filters';
import { decodeRequestCursor, listExplorerRequests } from './explorer-requests';
import { databaseTotals, HOSTILE, seedFinanceFixture } from './finance-fixture';

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const dec = (s: string | null) => new Decimal(s ?? 0);
/** Values listed for user and api_key (the key rollup's read). */
const all0 = (v: Awaited<ReturnType<typeof listFilterValues>>) => v.user.length + v.api_key.length;

async function allRows(conn: Connection, q: ExplorerQuery): Promise<ExplorerRow[]> {
  const out: ExplorerRow[] = [];
  for (let page = 1; ; page++) {
    const r = await queryExplorer(conn, { ...q, page, pageSize: 25 });
    out.push(...r.rows);
    if (page >= r.pageCount) return out;
  }
}

const sumMoney = (rows: ExplorerMetrics[], k: 'listCostUsd' | 'billedCostUsd' | 'unverifiedListCostUsd') =>
  rows.reduce((a, r) => a.plus(dec(r[k])), new Decimal(0));

describe.each(testDatabases())('explorer on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
    await seedFinanceFixture(conn);
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('grand total equals the database (SUM over usage_events) to the last digit', async () => {
    const db = await databaseTotals(conn, MARCH.from, MARCH.to);
    for (const groupBy of [['vendor'], ['user'], []] as ExplorerDimension[][]) {
      const r = await queryExplorer(conn, { ...MARCH, groupBy, grain: null });
      expect(r.source).toBe(groupBy.includes('user') ? 'usage_daily_keys' : 'usage_daily');
      expect(dec(r.total.listCostUsd).equals(db.list)).toBe(true);
      expect(dec(r.total.billedCostUsd).equals(db.eventBilled)).toBe(true);
      expect(r.total.events).toBe(db.events);
    }
  });

  test('rollup and usage_events give identical groups', async () => {
    const q: ExplorerQuery = {
      ...MARCH,
      groupBy: ['team', 'workflow', 'model'],
      grain: 'week',
      sort: { column: 'listCostUsd', dir: 'desc' },
    };
    const a = await allRows(conn, q);
    const b = await allRows(conn, { ...q, forceSource: 'usage_events' });
    expect(a.length).toBeGreaterThan(50);
    expect(b).toEqual(a);
  });

  test('pages partition the groups; their sums equal the grand total', async () => {
    const q: ExplorerQuery = { ...MARCH, groupBy: ['user', 'vendor'], grain: 'day' };
    const first = await queryExplorer(conn, { ...q, pageSize: 25 });
    const rows = await allRows(conn, q);
    expect(rows.length).toBe(first.totalRows);
    expect(new Set(rows.map((r) => JSON.stringify([r.keys, r.period]))).size).toBe(rows.length);
    expect(sumMoney(rows, 'listCostUsd').equals(dec(first.total.listCostUsd))).toBe(true);
    expect(sumMoney(rows, 'unverifiedListCostUsd').equals(dec(first.total.unverifiedListCostUsd))).toBe(true);
    expect(rows.reduce((a, r) => a + r.events, 0)).toBe(first.total.events);
    expect(rows.reduce((a, r) => a + r.unpricedEvents, 0)).toBe(first.total.unpricedEvents);
    const beyond = await queryExplorer(conn, { ...q, page: first.pageCount + 1, pageSize: 25 });
    expect(beyond.rows).toEqual([]);
    expect(beyond.totalRows).toBe(first.totalRows);
  });

  test('subtotals per first level equal the sum of that level over every page', async () => {
    const q: ExplorerQuery = { ...MARCH, groupBy: ['team', 'vendor'], grain: null, sort: { column: 'events', dir: 'desc' } };
    const rows = await allRows(conn, q);
    const page = await queryExplorer(conn, { ...q, pageSize: 5 });
    const pageTeams = [...new Set(page.rows.map((r) => r.keys.team ?? null))];
    expect(page.subtotals.map((s) => s.key)).toEqual(pageTeams);
    for (const s of page.subtotals) {
      const mine = rows.filter((r) => (r.keys.team ?? null) === s.key);
      expect(s.level).toBe('team');
      expect(dec(s.listCostUsd).equals(sumMoney(mine, 'listCostUsd'))).toBe(true);
      expect(s.events).toBe(mine.reduce((a, r) => a + r.events, 0));
    }
  });

  test('in-list filters with NULL, search and sort', async () => {
    const r = await queryExplorer(conn, {
      ...MARCH,
      groupBy: ['team'],
      grain: null,
      filters: { team: ['core', null], vendor: ['openai'] },
      sort: { column: 'team', dir: 'desc' },
    });
    expect(r.rows.map((x) => x.keys.team)).toEqual(['core', null]); // NULLS LAST even descending
    const searched = await queryExplorer(conn, { ...MARCH, groupBy: ['workflow'], grain: null, search: 'sum' });
    expect(searched.rows.map((x) => x.keys.workflow).sort()).toEqual([HOSTILE.workflowAt, 'summarise'].sort());
    const literal = await queryExplorer(conn, { ...MARCH, groupBy: ['workflow'], grain: null, search: '%' });
    expect(literal.rows).toEqual([]); // % is matched literally, not as a wildcard
    const sorted = await queryExplorer(conn, { ...MARCH, groupBy: ['user'], grain: null, sort: { column: 'listCostUsd', dir: 'asc' } });
    const amounts = sorted.rows.map((x) => dec(x.listCostUsd));
    for (let i = 1; i < amounts.length; i++) expect(amounts[i - 1].lte(amounts[i])).toBe(true);
    const none = await queryExplorer(conn, { ...MARCH, groupBy: ['team'], grain: null, filters: { team: [] } });
    expect(none.totalRows).toBe(0);
  });

  test('months and weeks are UTC buckets named by their first day', async () => {
    const r = await queryExplorer(conn, {
      from: '2026-02-01',
      to: '2026-04-30',
      groupBy: [],
      grain: 'month',
      sort: { column: 'period', dir: 'asc' },
    });
    expect(r.rows.map((x) => x.period)).toEqual(['2026-02-01', '2026-03-01', '2026-04-01']);
    const db = await databaseTotals(conn, MARCH.from, MARCH.to);
    expect(dec(r.rows[1].listCostUsd).equals(db.list)).toBe(true);
    const w = await queryExplorer(conn, { ...MARCH, groupBy: [], grain: 'week', sort: { column: 'period', dir: 'asc' } });
    expect(w.rows[0].period).toBe('2026-02-23'); // the Monday of the week holding March 1st
  });

  test('drill-down returns exactly the events behind a cell, keyset-paginated', async () => {
    const view = { filters: {}, grain: 'week' as const };
    const r = await queryExplorer(conn, { ...MARCH, groupBy: ['team', 'user'], grain: 'week', sort: { column: 'events', dir: 'desc' } });
    const cell = r.rows.find((x) => x.keys.team === null) ?? r.rows[0];
    const scope = drilldownScope(MARCH, view, cell);
    const seen: number[] = [];
    let list = new Decimal(0);
    let cursor: string | null = null;
    do {
      const p = await listExplorerRequests(conn, { ...scope, cursor, limit: 3 });
      for (const row of p.rows) {
        seen.push(row.id);
        list = list.plus(dec(row.listCostUsd));
        expect(row.team).toBe(cell.keys.team ?? null);
        expect(row.user).toBe(cell.keys.user);
      }
      cursor = p.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(cell.events);
    expect(new Set(seen).size).toBe(seen.length);
    expect(list.equals(dec(cell.listCostUsd))).toBe(true);
    expect(decodeRequestCursor('bogus')).toBeNull();
  });

  test('listFilterValues (one read per rollup) equals listDimensionValues for every dimension, limits applied', async () => {
    let cut = 0;
    for (const period of [MARCH, { from: '2000-01-01', to: '2100-12-31' }])
      for (const limit of [100, 2]) {
        const all = await listFilterValues(conn, { ...period, limit });
        for (const dimension of EXPLORER_DIMENSIONS) {
          const one = await listDimensionValues(conn, { ...period, dimension, limit });
          expect(all[dimension], `${dimension} ${period.from} ${limit}`).toEqual(one);
          if (limit === 2 && (await listDimensionValues(conn, { ...period, dimension, limit: 100 })).length > 2) cut++;
        }
      }
    expect(all0(await listFilterValues(conn, MARCH))).toBeGreaterThan(0);
    expect(cut, 'some lists are longer than the limit of 2').toBeGreaterThan(2);
  });

  test('listDimensionValues: most used first, null kept', async () => {
    const v = await listDimensionValues(conn, { ...MARCH, dimension: 'team' });
    expect(v.map((x) => x.value)).toContain(null);
    expect(v.map((x) => x.value)).toContain(HOSTILE.team);
    const users = await listDimensionValues(conn, { ...MARCH, dimension: 'user', search: 'u1', limit: 50 });
    expect(users.map((x) => x.value).sort()).toEqual(['u1', 'u10']);
  });
});
