/** Plans against the API-equivalent cost of what they cover, checked with SQL written straight against usage_events. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demoConfig } from '../../lib/demo/config-yaml';
import type { Connection } from '../client';
import { testDatabases } from '../testing';
import { replaceConfig } from './config';
import { loadSubscriptions } from './subscriptions';
import { insertFixtureEvents } from './usage-fixtures';

describe.each(testDatabases())('subscriptions on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
    const base = demoConfig();
    await replaceConfig(conn.db, {
      ...base,
      subscriptions: [
        { ...base.subscriptions[0], users: ['alex', 'li'], periodStart: '2026-03-02', periodEnd: null },
        { ...base.subscriptions[1], users: [] },
      ],
    });
    const cc = { vendor: 'anthropic', model: 'claude-sonnet-4-5', source: 'claude_code', input: 20_000, cached: 15_000, output: 800 };
    await insertFixtureEvents(conn, [
      { ...cc, at: '2026-03-01T09:00:00Z', userId: 'alex' }, // before the plan starts
      { ...cc, at: '2026-03-02T09:00:00Z', userId: 'alex' },
      { ...cc, at: '2026-03-03T09:00:00Z', userId: null }, // local session logs carry no user
      { ...cc, at: '2026-03-03T10:00:00Z', userId: 'mallory' }, // not a seat holder
      { ...cc, at: '2026-03-04T09:00:00Z', model: 'claude-opus-4-1', userId: 'li' },
      { vendor: 'openai', model: 'gpt-5-codex', source: 'codex', at: '2026-03-03T11:00:00Z', input: 9000, output: 1200 },
      { vendor: 'anthropic', model: 'claude-sonnet-4-5', source: 'response_log', at: '2026-03-03T12:00:00Z', input: 1000, output: 100 },
    ]);
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('covered usage equals an independent SQL sum; plan cost is prorated by days', async () => {
    const [max, pro] = await loadSubscriptions(conn, { from: '2026-03-01', to: '2026-03-15' });
    const [expected] = await conn.query<{ max: string; pro: string }>(
      `SELECT trim_scale(sum(list_cost_usd) FILTER (WHERE source = 'claude_code' AND occurred_at >= '2026-03-02'
                AND (user_id IS NULL OR user_id IN ('alex', 'li'))))::text AS max,
              trim_scale(sum(list_cost_usd) FILTER (WHERE source = 'codex'))::text AS pro
         FROM usage_events`,
    );
    expect(max.apiEquivalentUsd).toBe(expected.max);
    expect(max.covered.events).toBe(3);
    // Claude Max: 8 seats x 200 = 1,600 a month, active 14 of March's 31 days (from the 2nd to the 15th).
    expect(max.planCostUsd).toBe('722.5806451613');
    expect(pro.apiEquivalentUsd).toBe(expected.pro);
    // ChatGPT Pro: 3 x 200 = 600 a month, 15 of 31 days.
    expect(pro.planCostUsd).toBe('290.3225806452');
    expect(pro.gapUsd).toBe(await gap(expected.pro, '290.3225806452'));
    expect(max.bySource.map((s) => s.source)).toEqual(['claude_code']);
    expect(max.byModel.map((m) => m.model)).toEqual(['claude-opus-4-1', 'claude-sonnet-4-5']);
  });

  async function gap(api: string, plan: string): Promise<string> {
    const [r] = await conn.query<{ g: string }>('SELECT trim_scale($1::numeric - $2::numeric)::text AS g', [api, plan]);
    return r.g;
  }
});
