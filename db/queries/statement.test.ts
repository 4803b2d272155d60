/**
 * The monthly statement on the finance fixture (PGlite and Postgres): totals equal SUM over
 * usage_events and cost_lines to the last digit, every section adds up to them, the unallocated line
 * is never hidden, vendor billing status, filters, extensions, and the month-close diff.
 */
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Connection } from '../client';
import { testDatabases } from '../testing';
import { databaseTotals, HOSTILE, seedFinanceFixture } from './finance-fixture';
import { rebuildRollupDays } from './rollup';
import { getMonthlyStatement, getStatement, type StatementLine } from './statement';
import { getLastStatementExport, getStatementChanges, recordStatementExport, statementFiltersKey } from './statement-exports';

const dec = (s: string | null) => new Decimal(s ?? 0);
const sum = (lines: StatementLine[], k: 'listCostUsd' | 'billedCostUsd') =>
  lines.reduce((a, l) => a.plus(dec(l[k])), new Decimal(0)).toFixed();
const same = (a: string | null, b: string | null) => expect(dec(a).equals(dec(b)), `${a} vs ${b}`).toBe(true);

describe.each(testDatabases())('statement on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
    await seedFinanceFixture(conn);
    // deepseek: billed in February only (March invoice missing); mistral: never billed (list only).
    await conn.query(`INSERT INTO cost_lines (dedupe_key, period_start, period_end, vendor, charge_category, billed_cost_usd, source)
      VALUES ('ds:feb', '2026-02-10T00:00:00Z', '2026-02-11T00:00:00Z', 'deepseek', 'usage', 3.5, 'test')`);
    await conn.query(`INSERT INTO usage_events (dedupe_key, occurred_at, vendor, model, output_tokens, list_cost_usd, team, source)
      VALUES ('ds:1', '2026-03-05T10:00:00Z', 'deepseek', 'deepseek-reasoner', 100, 0.25, 'core', 'test'),
             ('mi:1', '2026-03-06T10:00:00Z', 'mistral', 'mistral-large', 100, 0.125, NULL, 'test')`);
    await conn.transaction((tx) => rebuildRollupDays(tx, '2026-03-01', '2026-03-31'));
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('totals equal the database to the last digit; the month edges fall on the right side', async () => {
    const s = await getMonthlyStatement(conn, '2026-03');
    const db = await databaseTotals(conn, '2026-03-01', '2026-03-31');
    expect(s.month).toBe('2026-03');
    same(s.totals.listCostUsd, db.list);
    same(s.totals.eventBilledCostUsd, db.eventBilled);
    same(s.totals.invoiceBilledCostUsd, db.invoiceBilled);
    same(s.totals.billedCostUsd, new Decimal(db.eventBilled).plus(db.invoiceBilled).toFixed());
    expect(s.totals.events).toBe(db.events);
    expect(dec(s.totals.listCostUsd).lt(1000)).toBe(true); // the 1000-dollar events sit just outside March
    expect(dec(s.totals.invoiceBilledCostUsd).lt(999)).toBe(true);
  });

  test('every section adds up to the totals; unallocated spend is its own line', async () => {
    const s = await getMonthlyStatement(conn, '2026-03');
    for (const section of [s.teams, s.workflows, s.vendors]) {
      same(sum(section, 'listCostUsd'), s.totals.listCostUsd);
      same(sum(section, 'billedCostUsd'), s.totals.billedCostUsd);
    }
    same(sum(s.charges, 'billedCostUsd'), s.totals.invoiceBilledCostUsd);
    const un = s.teams.find((l) => l.kind === 'unallocated')!;
    expect(un.label).toBe('Unallocated (no team)');
    expect(un.events).toBeGreaterThan(0);
    expect(s.teams.map((l) => l.key)).toContain(HOSTILE.team);
    expect(s.teams.at(-1)!.kind).toBe('invoice');
    expect(s.charges.map((c) => c.key)).toEqual(['anthropic/credit', 'anthropic/subscription', 'aws_bedrock/usage', 'openai/usage']);
    same(s.charges.find((c) => c.key === 'aws_bedrock/usage')!.billedCostUsd, '0.00000080001');
  });

  test('per-vendor billing status and coverage', async () => {
    const s = await getMonthlyStatement(conn, '2026-03');
    const by = Object.fromEntries(s.vendors.map((v) => [v.key, v]));
    expect(by.openai.status).toBe('billed');
    expect(by.openai.billedDays).toBe(31);
    expect(by.openai.eventBilledUsd).toBeNull();
    expect(by.xai.status).toBe('billed');
    expect(by.xai.invoiceBilledUsd).toBeNull();
    same(by.xai.billedCostUsd, by.xai.eventBilledUsd);
    expect(by.aws_bedrock.listCostUsd).toBeNull();
    expect(by.aws_bedrock.usageDays).toBe(0);
    expect(by.deepseek.status).toBe('missing');
    expect(by.deepseek.billedCostUsd).toBeNull();
    expect(by.mistral.status).toBe('list_only');
    // Default extensions: the reconciliation of lib/analysis/reconcile.ts (mistral has usage but no bill).
    expect(by.mistral.reconciliation).toMatchObject({ status: 'no_billing', differenceUsd: null });
  });

  test('a team filter drops invoice lines (they carry no team) and says so', async () => {
    const s = await getMonthlyStatement(conn, '2026-03', { team: [null] });
    expect(s.invoicesIncluded).toBe(false);
    expect(s.teams.map((l) => l.kind)).toEqual(['unallocated']);
    expect(s.charges).toEqual([]);
    // Invoices filtered out is not an invoice missing: openai is billed by invoices only.
    expect(s.vendors.find((x) => x.key === 'openai')?.status).toBe('invoices_filtered');
    const [{ list }] = await conn.query<{ list: string }>(
      `SELECT sum(list_cost_usd)::text AS list FROM usage_events WHERE team IS NULL AND occurred_at >= '2026-03-01T00:00:00Z' AND occurred_at < '2026-04-01T00:00:00Z'`,
    );
    same(s.totals.listCostUsd, list);
    const v = await getMonthlyStatement(conn, '2026-03', { vendor: ['openai'] });
    expect(v.invoicesIncluded).toBe(true);
    expect(v.vendors.map((x) => x.key)).toEqual(['openai']);
    const none = await getMonthlyStatement(conn, '2026-03', { team: ['nobody'] });
    expect(none.teams).toEqual([expect.objectContaining({ kind: 'unallocated', listCostUsd: '0', events: 0 })]);
  });

  test('extensions: subscription lines join the billed total; reconciliation shows per vendor', async () => {
    const s = await getStatement(
      conn,
      { from: '2026-03-01', to: '2026-03-31' },
      {
        subscriptions: async () => [{ key: 'cursor/team', label: 'Cursor Teams (10 seats)', billedCostUsd: '400.00' }],
        reconciliation: async () => ({ openai: { status: 'matched', differenceUsd: '0' } }),
      },
    );
    const plain = await getMonthlyStatement(conn, '2026-03');
    same(s.totals.billedCostUsd, dec(plain.totals.billedCostUsd).plus(400).toFixed());
    expect(s.subscriptions?.[0].id).toBe('subscription:subscription:cursor/team');
    expect(s.vendors.find((v) => v.key === 'openai')!.reconciliation).toEqual({ status: 'matched', differenceUsd: '0' });
  });

  test('month close: changes since the last export of the same month and filters', async () => {
    const first = await getMonthlyStatement(conn, '2026-03');
    expect((await getStatementChanges(conn, first)).lastExport).toBeNull();
    const rec = await recordStatementExport(conn, first, 'xlsx');
    expect(rec.month).toBe('2026-03');
    expect((await getStatementChanges(conn, first)).changes).toEqual([]);

    // A late invoice line and a late-loaded request after the export.
    await conn.query(`INSERT INTO cost_lines (dedupe_key, period_start, period_end, vendor, charge_category, billed_cost_usd, source)
      VALUES ('ds:mar', '2026-03-31T00:00:00Z', '2026-04-01T00:00:00Z', 'deepseek', 'usage', 0.2500000001, 'test')`);
    await conn.query(`INSERT INTO usage_events (dedupe_key, occurred_at, vendor, model, output_tokens, list_cost_usd, team, workflow, source)
      VALUES ('late:1', '2026-03-20T10:00:00Z', 'openai', 'gpt-5-mini', 100, 1.0000000001, 'growth', 'chat', 'test')`);
    await conn.transaction((tx) => rebuildRollupDays(tx, '2026-03-20', '2026-03-20'));

    const later = await getMonthlyStatement(conn, '2026-03');
    const c = await getStatementChanges(conn, later);
    expect(c.lastExport?.id).toBe(rec.id);
    const byId = Object.fromEntries(c.changes.map((x) => [x.id, x]));
    expect(byId['team:usage:growth'].listDeltaUsd).toBe('1.0000000001');
    expect(byId['workflow:usage:chat'].listDeltaUsd).toBe('1.0000000001');
    expect(byId['vendor:usage:openai'].listDeltaUsd).toBe('1.0000000001');
    expect(byId['vendor:usage:deepseek'].billedDeltaUsd).toBe('0.2500000001');
    expect(byId['charge:charge:deepseek/usage'].change).toBe('added');
    expect(byId['team:invoice:'].billedDeltaUsd).toBe('0.2500000001');
    expect(byId['workflow:invoice:'].billedDeltaUsd).toBe('0.2500000001');
    expect(c.changes).toHaveLength(7);
    same(new Decimal(c.totalsNow.listCostUsd!).minus(c.totalsThen!.listCostUsd!).toFixed(), '1.0000000001');

    // Other filters were never exported.
    expect(await getLastStatementExport(conn, '2026-03', { vendor: ['openai'] })).toBeNull();
    expect(statementFiltersKey({ team: ['b', null, 'a'] })).toBe(statementFiltersKey({ team: [null, 'a', 'b'] }));
    await expect(recordStatementExport(conn, await getStatement(conn, { from: '2026-03-01', to: '2026-03-15' }), 'csv')).rejects.toThrow(
      /calendar month/,
    );
  });
});
