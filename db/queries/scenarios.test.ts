/** Scenarios on the demo organisation (both databases) against SQL written straight on usage_events, and saved scenarios. */
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PLAN } from '../../lib/demo/generate';
import { type LoadedDemo, loadDemo } from '../../test/demo-db';
import type { Connection } from '../client';
import { testDatabases } from '../testing';
import { deleteScenario, getScenario, listScenarios, loadScenario, saveScenario } from './scenarios';

// The demo window 2026-07-03 .. 2026-09-30: July counts 29 of 31 days. Claude Max 8 x 200, ChatGPT Pro 3 x 200 a month.
const PLANS = new Decimal('1496.7741935484').plus(1600).plus(1600).plus('561.2903225806').plus(600).plus(600);

describe.each(testDatabases())('scenarios on $name', (tdb) => {
  let conn: Connection;
  let demo: LoadedDemo;
  let sql: { metered: Decimal; covered: Decimal };
  beforeAll(async () => {
    conn = await tdb.open();
    demo = await loadDemo(conn, { seed: 7, scale: 0.1, end: new Date('2026-10-01T00:00:00Z') });
    const [r] = await conn.query<{ metered: string; covered: string }>(
      `SELECT sum(list_cost_usd) FILTER (WHERE source NOT IN ('claude_code', 'codex'))::text AS metered,
              sum(list_cost_usd) FILTER (WHERE source IN ('claude_code', 'codex'))::text AS covered
         FROM usage_events WHERE occurred_at >= $1::timestamptz AND occurred_at < $2::timestamptz`,
      [`${demo.from}T00:00:00Z`, '2026-10-01T00:00:00Z'],
    );
    sql = { metered: new Decimal(r.metered), covered: new Decimal(r.covered) };
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('baseline = metered usage at list + plan costs; everything x5 is exactly five times it', async () => {
    const r = await loadScenario(conn, demo, [], ['everything-5x']);
    expect(new Decimal(r.total.baselineUsd).eq(sql.metered.plus(PLANS))).toBe(true);
    expect(new Decimal(r.total.scenarioUsd).eq(sql.metered.plus(PLANS).mul(5))).toBe(true);
    expect(r.rules.map((x) => (x.kind === 'vendor' ? x.vendor : x.kind))).toEqual(['anthropic', 'deepseek', 'openai', 'xai']);
    // Each budget, every month: the scenario spends exactly 5x the baseline and breaks it exactly when that exceeds the budget.
    expect(r.budgets.length).toBe(DEMO_PLAN.budgets.length * 3);
    for (const b of r.budgets) {
      expect(new Decimal(b.scenarioUsd).eq(new Decimal(b.baselineUsd).mul(5))).toBe(true);
      expect(b.breached).toBe(new Decimal(b.scenarioUsd).gt(b.budgetUsd));
    }
    // devtools pays two flat plans (2,200 USD a month, prorated in July) against a 2,500 budget: x5 breaks it every month.
    expect(r.budgetsBreached.filter((b) => b.name === 'devtools').map((b) => b.month)).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(r.criticalWorkflowsHit.map((w) => w.workflow).sort()).toEqual([DEMO_PLAN.singleVendorCritical, 'support/ticket-triage']);
  });

  test('subscriptions go metered: + the API-equivalent of the coding-agent logs, - the plans', async () => {
    const r = await loadScenario(conn, demo, [{ kind: 'subscriptions_metered' }]);
    expect(new Decimal(r.total.deltaUsd).eq(sql.covered.minus(PLANS))).toBe(true);
  });

  test('fail over every critical workflow: ticket-triage moves to its fallback; incident-agent cannot', async () => {
    const r = await loadScenario(conn, demo, [], ['fail-over-critical']);
    expect(r.rules).toEqual([{ kind: 'fallback', workflow: 'support/ticket-triage' }]);
    expect(r.notes).toContain(`${DEMO_PLAN.singleVendorCritical}: critical, declares no fallback: it cannot fail over`);
    const moved = r.lines.filter((l) => l.line.workflow === 'support/ticket-triage' && l.treatment === 'fallback');
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.every((l) => l.scenarioVendor === 'anthropic' && l.scenarioModel === 'claude-haiku-4-5' && l.scenarioUsd !== null)).toBe(
      true,
    );
    // The moved usage leaves OpenAI for Anthropic: exactly the moved lines' costs shift between them.
    const movedOut = moved.reduce((a, l) => a.plus(l.baselineUsd ?? 0), new Decimal(0));
    const movedIn = moved.reduce((a, l) => a.plus(l.scenarioUsd ?? 0), new Decimal(0));
    expect(new Decimal(r.byVendor.find((v) => v.name === 'anthropic')!.deltaUsd).eq(movedIn)).toBe(true);
    expect(new Decimal(r.byVendor.find((v) => v.name === 'openai')!.deltaUsd).eq(movedOut.neg())).toBe(true);
  });

  test('saved scenarios: save, list newest first, replace by name, get, delete; invalid rules refused', async () => {
    const a = await saveScenario(conn.db, 'Reasoning x5', [{ kind: 'tokens', tokenClass: 'reasoning', factor: '5' }]);
    const b = await saveScenario(conn.db, 'Metered', [{ kind: 'subscriptions_metered' }]);
    expect((await listScenarios(conn.db)).map((s) => s.name)).toEqual(['Metered', 'Reasoning x5']);
    const a2 = await saveScenario(conn.db, 'Reasoning x5', [{ kind: 'tokens', tokenClass: 'reasoning', factor: '3' }]);
    expect(a2.id).toBe(a.id);
    expect(a2.createdAt.getTime()).toBe(a.createdAt.getTime());
    expect((await getScenario(conn.db, a.id))?.rules).toEqual([{ kind: 'tokens', tokenClass: 'reasoning', factor: '3' }]);
    await expect(saveScenario(conn.db, 'Bad', [{ kind: 'vendor', vendor: 'x', factor: '-1' } as never])).rejects.toThrow(
      /invalid scenario rules/,
    );
    expect(await deleteScenario(conn.db, b.id)).toBe(true);
    expect(await deleteScenario(conn.db, b.id)).toBe(false);
    expect(await getScenario(conn.db, b.id)).toBeNull();
    expect((await listScenarios(conn.db)).map((s) => s.name)).toEqual(['Reasoning x5']);
  });
});
