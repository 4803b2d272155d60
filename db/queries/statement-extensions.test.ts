/** The statement's default extensions: declared plans become billed lines; vendors carry their reconciliation. Both databases. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Connection } from '../client';
import { costLines, usageDaily } from '../schema';
import { testDatabases } from '../testing';
import { importConfigYaml } from './config';
import { getMonthlyStatement } from './statement';

const YAML = `version: 1
workflows: []
subscriptions:
  - vendor: anthropic
    plan: Claude Max
    seats: 3
    monthly_price_per_seat_usd: "200.00"
    team: devtools
    covers: [claude_code]
budgets: []
`;

describe.each(testDatabases())('statement extensions on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
    expect(await importConfigYaml(conn.db, YAML)).toMatchObject({ ok: true });
    await conn.db.insert(usageDaily).values({
      day: '2026-03-05',
      vendor: 'openai',
      model: 'gpt-5-mini',
      source: 'response_log',
      isBucket: false,
      events: 2,
      requests: 2,
      inputTokens: 10,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 5,
      reasoningTokens: 0,
      reasoningKnownOutputTokens: 0,
      unpricedEvents: 0,
      unpricedTokens: 0,
      outcomeEvents: 0,
      successEvents: 0,
      listCostUsd: '1.5',
    });
    await conn.db.insert(costLines).values({
      dedupeKey: 'k1',
      periodStart: new Date('2026-03-05T00:00:00Z'),
      periodEnd: new Date('2026-03-06T00:00:00Z'),
      vendor: 'openai',
      chargeCategory: 'usage',
      billedCostUsd: '1.5',
      source: 'openai_costs',
    });
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('a declared plan is a billed line of its month; the vendor shows its reconciliation', async () => {
    const s = await getMonthlyStatement(conn, '2026-03');
    expect(s.subscriptions?.map((l) => [l.key, l.label, l.billedCostUsd])).toEqual([
      ['anthropic/Claude Max', 'anthropic Claude Max (3 seats)', '600'],
    ]);
    expect(s.vendors.find((v) => v.key === 'openai')?.reconciliation).toEqual({ status: 'matched', differenceUsd: '0', note: undefined });
  });

  test('a vendor filter that excludes the plan leaves no subscription section', async () => {
    const s = await getMonthlyStatement(conn, '2026-03', { vendor: ['openai'] });
    expect(s.subscriptions).toBeNull();
  });
});
