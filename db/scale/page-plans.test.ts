/**
 * Issue 8's guard: no page reads raw events for a period view. Every query of the page catalogue
 * (page-queries.ts) is recorded as the pages send it and EXPLAINed on Postgres holding 200,000 events
 * loaded by the real ingest over six months (ANALYZEd, so the planner chooses as it would in use).
 * Rollup queries must not touch usage_events at all; the listed event reads must use an index or only
 * the monthly partitions of their period. Postgres only (TEST_DATABASE_URL): planner choices on the
 * embedded database are not what a server makes; the rule checks themselves run everywhere.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { logLine } from '../../bench/gen-lines';
import { ingestFile } from '../../lib/ingest/load';
import { queryExplorer } from '../queries/explorer';
import { EVENT_ROLLUPS } from '../queries/rollups';
import { postgresTestDatabase, type TestDatabase } from '../testing';
import { generatedDataContext, PAGE_QUERIES } from './page-queries';
import { checkPageQuery, isEventRelation, partitionsOverlapping, planProblems, recordingConnection } from './plans';

/** What a 'rollup' entry reads: usage_daily, cost_lines or a registered further rollup. */
const ROLLUP_RELATIONS = new Set(['usage_daily', 'cost_lines', ...EVENT_ROLLUPS.map((x) => x.table)]);
const N = 200_000;
const DAYS = 180; // 2026-01-01 .. 2026-06-29: six monthly partitions

// 2026-05-31 .. 2026-06-29: the May and June partitions of six.
const ctx = generatedDataContext('2026-06-29');

describe('plan rules (hand-made plans)', () => {
  const seq = (relation: string) => ({ node: 'Seq Scan', relation });
  const period = { from: '2026-05-31', to: '2026-06-29' };
  test('a rollup query that reads any part of usage_events is flagged', () => {
    expect(planProblems({ reads: 'rollup' }, [seq('usage_daily')], period)).toEqual([]);
    expect(planProblems({ reads: 'rollup' }, [seq('usage_events_2026_06')], period)).toHaveLength(1);
    expect(planProblems({ reads: 'rollup' }, [{ node: 'Index Scan', relation: 'usage_events' }], period)).toHaveLength(1);
  });
  test('an event read may scan the partitions of its period, not others, the default or the whole table', () => {
    expect(planProblems({ reads: 'events' }, [seq('usage_events_2026_05'), seq('usage_events_2026_06')], period)).toEqual([]);
    expect(planProblems({ reads: 'events' }, [seq('usage_events_2026_04')], period)).toHaveLength(1);
    expect(planProblems({ reads: 'events' }, [seq('usage_events_default')], period)).toHaveLength(1);
    expect(planProblems({ reads: 'events' }, [seq('usage_events')], period)).toHaveLength(1);
    expect(planProblems({ reads: 'events', indexOnly: true }, [seq('usage_events_2026_06')], period)).toHaveLength(1);
    expect(planProblems({ reads: 'events' }, [{ node: 'Bitmap Heap Scan', relation: 'usage_events_2026_01' }], period)).toEqual([]);
    // An empty partition (a month created ahead) costs nothing to scan; a rollup query may still not touch it.
    const empty = new Set(['usage_events_2026_12']);
    expect(planProblems({ reads: 'events', indexOnly: true }, [seq('usage_events_2026_12')], period, empty)).toEqual([]);
    expect(planProblems({ reads: 'rollup' }, [seq('usage_events_2026_12')], period, empty)).toHaveLength(1);
  });
  test('partition names and relations', () => {
    expect([...partitionsOverlapping('2025-12-31', '2026-02-01')]).toEqual([
      'usage_events_2025_12',
      'usage_events_2026_01',
      'usage_events_2026_02',
    ]);
    expect(isEventRelation('usage_daily')).toBe(false);
    expect(isEventRelation('usage_events_default')).toBe(true);
  });
  test('every catalogue entry that reads events says why', () => {
    for (const q of PAGE_QUERIES.filter((x) => x.reads === 'events')) expect(q.why, `${q.page} ${q.name}`).toBeTruthy();
  });
});

const admin = process.env.TEST_DATABASE_URL;
describe.each(admin ? [postgresTestDatabase(admin)] : [])('page query plans on Postgres with 200k events', (tdb: TestDatabase) => {
  let rec: Awaited<ReturnType<typeof recordingConnection>>;
  beforeAll(async () => {
    const loader = await tdb.open();
    const r = await ingestFile(loader, {
      file: 'generated.jsonl',
      input: (async function* () {
        for (let i = 0; i < N; i += 5_000) {
          let chunk = '';
          for (let j = i; j < Math.min(N, i + 5_000); j++) chunk += logLine(j, N, { days: DAYS, users: 400 }).json;
          yield Buffer.from(chunk);
        }
      })(),
      fileMtime: new Date('2026-07-01T00:00:00Z'),
    });
    expect(r.rowsInserted).toBe(N);
    await loader.query('ANALYZE');
    await loader.close();
    rec = await recordingConnection(tdb.url!);
  }, 300_000);
  afterAll(async () => {
    await rec?.conn.close();
    await tdb.dispose();
  });

  test.each(PAGE_QUERIES.map((q) => ({ ...q, label: `${q.page}: ${q.name} (${q.reads})` })))('$label', async (q) => {
    const r = await checkPageQuery(rec, q, ctx);
    expect(r.statements).toBeGreaterThan(0);
    expect(r.problems, r.problems.join('\n')).toEqual([]);
    const readsEvents = [...r.relations].some(isEventRelation);
    if (q.reads === 'rollup') expect([...r.relations].some((x) => ROLLUP_RELATIONS.has(x))).toBe(true);
    else expect(readsEvents, 'listed as reading events, but does not: move it to the rollup list').toBe(true);
  });

  test('the check fails when a rollup view is made to read usage_events', async () => {
    const r = await checkPageQuery(
      rec,
      {
        page: '/explorer',
        name: 'vendor x model, forced to events',
        reads: 'rollup',
        run: (conn, c) => queryExplorer(conn, { ...c, groupBy: ['vendor', 'model'], grain: null, forceSource: 'usage_events' }),
      },
      ctx,
    );
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems[0]).toMatch(/a rollup page query reads raw events/);
  });
});
