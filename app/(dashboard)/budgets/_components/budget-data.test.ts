/**
 * Budget burn on the dependency map's attribution, on both databases: a workflow matched by a rule that is not its
 * tag (source), a team whose spend comes from its workflow's ownership and its flat-rate plan, a tag that wins over
 * the owner team, and covered usage left out. Before, budgets were keyed by the usage's tags: the team below showed
 * $0.00 spent against $2,500 while Scenarios counted its plans, and a workflow budget whose rule is not a tag vanished.
 */
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Connection } from '@/db/client';
import { replaceConfig } from '@/db/queries/config';
import { insertFixtureEvents } from '@/db/queries/usage-fixtures';
import { testDatabases } from '@/db/testing';
import type { ItemizedConfig } from '@/lib/config/types';
import { loadBudgetBurn } from './budget-data';

const CONFIG: ItemizedConfig = {
  version: 1,
  workflows: [
    {
      name: 'research/proof',
      team: 'research',
      criticality: 'critical',
      description: null,
      match: [{ workflow: ['proof'] }],
      fallbacks: [],
    },
    {
      name: 'devtools/agents',
      team: 'devtools',
      criticality: 'optional',
      description: null,
      match: [{ source: ['claude_code'] }],
      fallbacks: [],
    },
  ],
  subscriptions: [
    {
      vendor: 'anthropic',
      plan: 'Max',
      seats: 3,
      monthlyPricePerSeatUsd: '200',
      periodStart: null,
      periodEnd: null,
      team: 'devtools',
      users: [],
      covers: ['claude_code'],
    },
  ],
  budgets: [
    { scope: 'team', name: 'devtools', month: null, amountUsd: '2500' },
    { scope: 'team', name: 'research', month: null, amountUsd: '0.5' },
    { scope: 'team', name: 'growth', month: null, amountUsd: '50' },
    { scope: 'workflow', name: 'devtools/agents', month: null, amountUsd: '10' },
    { scope: 'workflow', name: 'research/proof', month: null, amountUsd: '5' },
  ],
};

describe.each(testDatabases())('budget burn under the dependency map on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
    await replaceConfig(conn.db, CONFIG);
    await insertFixtureEvents(conn, [
      // proof, no team tag: the workflow's owner team (research).
      { at: '2026-03-02T10:00:00Z', vendor: 'openai', model: 'gpt-5', workflow: 'proof', listCostUsd: '0.75' },
      { at: '2026-03-05T10:00:00Z', vendor: 'openai', model: 'gpt-5', workflow: 'proof', listCostUsd: '0.25' },
      // proof with its own team tag: the tag wins (growth), the workflow is still research/proof.
      { at: '2026-03-05T11:00:00Z', vendor: 'openai', model: 'gpt-5', workflow: 'proof', team: 'growth', listCostUsd: '2' },
      // Claude Code sessions: devtools/agents by source, covered by the plan (its price counts, not theirs).
      { at: '2026-03-03T09:00:00Z', vendor: 'anthropic', model: 'claude-sonnet-4-5', source: 'claude_code', listCostUsd: '40' },
      { at: '2026-03-10T09:00:00Z', vendor: 'anthropic', model: 'claude-sonnet-4-5', source: 'claude_code', listCostUsd: '60' },
    ]);
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('each budget is spent as Scenarios counts it: rules, owner teams, tags, plans at their price', async () => {
    const burn = await loadBudgetBurn(conn, { month: '2026-03', asOf: '2026-03-10', lastKnown: '2026-03-10' });
    const spent = Object.fromEntries(burn.map((b) => [b.budget.id, new Decimal(b.spentUsd).toDecimalPlaces(6).toFixed()]));
    // The plan: 3 seats x $200 a month = $600 over March's 31 days, 10 of them to date.
    const plan = new Decimal(600).mul(10).div(31).toDecimalPlaces(6).toFixed();
    expect(spent).toEqual({
      'team:devtools': plan,
      'team:research': '1',
      'team:growth': '2',
      'workflow:devtools/agents': '0',
      'workflow:research/proof': '3',
    });
    const status = Object.fromEntries(burn.map((b) => [b.budget.id, b.status]));
    expect(status['team:research']).toBe('over');
    expect(status['workflow:devtools/agents']).toBe('on_track');
  });
});
