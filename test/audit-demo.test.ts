/**
 * The reasoning audit on the demo organisation: generate the files (two seeds), load them through the
 * real ingest path into a fresh in-memory PGlite, run loadAudit and check every workflow's verdict
 * against the shape DEMO_PLAN planted. Savings and unverified spend are recomputed here with SQL written
 * independently of db/queries (straight from usage_events).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runIngest } from '../cli/ingest';
import { type Connection, openConnection } from '../db/client';
import { loadAudit } from '../db/queries/audit';
import type { AuditReport } from '../lib/analysis/audit';
import { DEMO_PLAN, generateDemo } from '../lib/demo/generate';

const END = new Date('2026-10-01T00:00:00Z');
const FROM = new Date(END.getTime() - DEMO_PLAN.windowDays * 86_400_000).toISOString().slice(0, 10);
const TO = new Date(END.getTime() - 86_400_000).toISOString().slice(0, 10);

describe.each([42, 7])('demo seed %i', (seed) => {
  let conn: Connection;
  let dir: string;
  let report: AuditReport;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), `itemized-audit-${seed}-`));
    for (const f of generateDemo({ seed, end: END, scale: 1 })) {
      const out = path.join(dir, f.path);
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, f.content);
    }
    conn = await openConnection({ inMemory: true });
    const inputs = ['billing', 'logs', 'claude-code', 'codex'].map((d) => path.join(dir, d));
    const { exitCode } = await runIngest(conn, inputs, { quiet: true, progressThresholdBytes: Number.POSITIVE_INFINITY });
    expect(exitCode).toBe(0);
    report = await loadAudit(conn, { from: FROM, to: TO });
  });
  afterAll(async () => {
    await conn?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const wf = (name: string) => {
    const w = report.workflows.find((x) => x.workflow === name);
    if (!w) throw new Error(`no finding for ${name}`);
    return w;
  };

  test.each(DEMO_PLAN.workflows.map((w) => [w.workflow, w.shape] as const))('%s matches its planted shape (%s)', (name, shape) => {
    const w = wf(name);
    switch (shape) {
      case 'easy':
        expect(w).toMatchObject({ verdict: 'plateau', easyTask: true, knee: { bin: 0 } });
        expect(new Decimal(w.easyTaskSavingsUsd).gt(0)).toBe(true);
        break;
      case 'helps':
        expect(w).toMatchObject({ verdict: 'helps', easyTask: false, capTokens: null, savingsUsd: '0' });
        break;
      case 'plateau':
        // Planted: success rises to ~0.85 by ~2,000 reasoning tokens, then flat. With ~600 outcomes a bin the
        // knee bin starts between ~1.2k and ~2.9k tokens and the cap (its upper edge) lies above 2k.
        expect(w).toMatchObject({ verdict: 'plateau', easyTask: false, flat: false });
        expect(w.knee!.minTokens).toBeGreaterThanOrEqual(1000);
        expect(w.knee!.minTokens).toBeLessThanOrEqual(3000);
        expect(w.capTokens!).toBeGreaterThanOrEqual(2000);
        expect(new Decimal(w.savingsUsd).gt(0)).toBe(true);
        break;
      case 'hurts':
        expect(w).toMatchObject({ verdict: 'hurts', easyTask: false });
        expect(w.expectedSuccessChange!).toBeGreaterThan(0);
        expect(w.capTokens!).toBeLessThanOrEqual(1500);
        break;
      case 'none':
        expect(w).toMatchObject({ verdict: 'not-enough-data', needed: 200, outcomes: 0, capTokens: null });
        expect(w.unverifiedShare).toBe(1);
        break;
    }
  });

  test('loop classes follow the planted patterns', () => {
    for (const p of DEMO_PLAN.workflows) expect([p.workflow, wf(p.workflow).loop?.class]).toEqual([p.workflow, p.pattern]);
    expect(wf('incident-agent').loop!.callsPerTask).toBeGreaterThan(5);
    // A fixed chain of two calls that never runs alone: no single-call baseline, so no multiple is claimed.
    expect(wf('data-extract').loop!).toMatchObject({ costMultiple: null, costMultipleBaseline: null });
    expect(wf('data-extract').loop!.callsPerTask).toBeCloseTo(2, 0);
  });

  test('cap savings equal an independent SQL computation', async () => {
    const capped = report.workflows.filter((w) => w.capTokens !== null || w.easyTaskCapTokens !== null);
    expect(capped.length).toBeGreaterThanOrEqual(3);
    const savings = async (workflow: string | null, cap: number) => {
      const [r] = await conn.query<{ s: string | null }>(
        `SELECT sum(greatest(reasoning_tokens - $2::bigint, 0) * output_price_per_mtok_usd) / 1000000 AS s
           FROM usage_events
          WHERE workflow IS NOT DISTINCT FROM $1 AND period_seconds = 0 AND reasoning_tokens IS NOT NULL
            AND occurred_at >= $3::timestamptz AND occurred_at < $4::timestamptz`,
        [workflow, cap, `${FROM}T00:00:00Z`, END.toISOString()],
      );
      return new Decimal(r.s ?? 0);
    };
    for (const w of capped) {
      if (w.capTokens !== null)
        expect([w.workflow, new Decimal(w.savingsUsd).toString()]).toEqual([
          w.workflow,
          (await savings(w.workflow, w.capTokens)).toString(),
        ]);
      if (w.easyTaskCapTokens !== null)
        expect([w.workflow, new Decimal(w.easyTaskSavingsUsd).toString()]).toEqual([
          w.workflow,
          (await savings(w.workflow, w.easyTaskCapTokens)).toString(),
        ]);
    }
    const total = capped.reduce((a, w) => a.plus(w.savingsUsd), new Decimal(0));
    expect(new Decimal(report.totals.savingsAvailableUsd).eq(total)).toBe(true);
  });

  test('unverified spend equals an independent SQL computation, in total and per workflow', async () => {
    const rows = await conn.query<{ workflow: string | null; unverified: string | null; list: string | null }>(
      `SELECT workflow, sum(list_cost_usd) FILTER (WHERE success IS NULL) AS unverified, sum(list_cost_usd) AS list
         FROM usage_events WHERE occurred_at >= $1::timestamptz AND occurred_at < $2::timestamptz GROUP BY workflow`,
      [`${FROM}T00:00:00Z`, END.toISOString()],
    );
    const sum = (k: 'unverified' | 'list') => rows.reduce((a, r) => a.plus(r[k] ?? 0), new Decimal(0));
    expect(new Decimal(report.totals.unverifiedUsd).eq(sum('unverified'))).toBe(true);
    expect(new Decimal(report.totals.listCostUsd).eq(sum('list'))).toBe(true);
    expect(report.totals.unverifiedShare!).toBeCloseTo(sum('unverified').dividedBy(sum('list')).toNumber(), 12);
    for (const r of rows)
      expect([r.workflow, new Decimal(wf(r.workflow as string).unverifiedUsd).toString()]).toEqual([
        r.workflow,
        new Decimal(r.unverified ?? 0).toString(),
      ]);
  });

  test('sparse data: one day gives "not enough data" with the count needed, never a verdict', async () => {
    const day = await loadAudit(conn, { from: FROM, to: FROM });
    const withOutcomes = day.workflows.filter((w) => w.outcomes > 0);
    expect(withOutcomes.length).toBeGreaterThanOrEqual(4);
    for (const w of day.workflows) {
      expect(w).toMatchObject({ verdict: 'not-enough-data', capTokens: null, savingsUsd: '0', easyTask: false });
      expect(w.needed).toBe(200 - w.outcomes);
    }
  });
});
