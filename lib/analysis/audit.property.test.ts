/**
 * Invariants of the audit under arbitrary inputs (fast-check): shares and rates within 0..1, savings
 * never negative, and findings unchanged when the SQL rows arrive in another order or a cell arrives
 * split into several rows.
 */
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { AccuracyCell } from './accuracy';
import { buildAudit } from './audit';
import { summariseHiddenReasoning } from './reasoning';
import { summariseVerification } from './verification';

// A fixed seed keeps CI reproducible; FUZZ_SEED=random explores new cases, FUZZ_SEED=<n> replays one.
fc.configureGlobal({ seed: process.env.FUZZ_SEED === 'random' ? Date.now() : Number(process.env.FUZZ_SEED ?? 20261126) });

const cellArb = fc
  .record({
    model: fc.constantFrom('m1', 'm2', null),
    workflow: fc.constantFrom('w1', 'w2'),
    measure: fc.constantFrom('reasoning', 'reasoning', 'output') as fc.Arbitrary<'reasoning' | 'output'>,
    bucket: fc.integer({ min: 0, max: 40 }),
    spread: fc.integer({ min: 0, max: 99 }),
    outcomes: fc.integer({ min: 0, max: 150 }),
    successShare: fc.double({ min: 0, max: 1, noNaN: true }),
    extra: fc.integer({ min: 0, max: 20 }),
    price: fc.constantFrom(0, 0.4, 10, 60),
  })
  .map((r): AccuracyCell => {
    const min = r.bucket * 100;
    const max = min + r.spread;
    const requests = r.outcomes + r.extra;
    const priceSum = new Decimal(r.price).times(requests);
    return {
      model: r.model,
      workflow: r.workflow,
      measure: r.measure,
      bucket: r.bucket,
      minTokens: min,
      maxTokens: max,
      requests,
      outcomes: r.outcomes,
      successes: Math.floor(r.successShare * r.outcomes),
      tokenPriceSum: priceSum.times(min + r.spread / 2).toString(),
      priceSum: priceSum.toString(),
    };
  });

/** One row per (model, workflow, measure, bucket), as the SQL returns them. */
const cellsArb = fc
  .array(cellArb, { maxLength: 120 })
  .map((cs) => [...new Map(cs.map((c) => [JSON.stringify([c.model, c.workflow, c.measure, c.bucket]), c])).values()]);

const audit = (cells: AccuracyCell[]) =>
  buildAudit({
    range: { from: '2026-01-01', to: '2026-01-31' },
    accuracyCells: cells,
    hiddenByWorkflow: [],
    bucketCostByWorkflow: [],
    verification: [],
    taskCalls: [],
  });

const inUnit = (x: number | null) => x === null || (x >= 0 && x <= 1);

test('rates, intervals and shares stay within 0..1; savings are never negative', () =>
  fc.assert(
    fc.property(cellsArb, (cells) => {
      const r = audit(cells);
      for (const f of r.accuracy) {
        expect(new Decimal(f.savingsUsd).gte(0)).toBe(true);
        if (f.capTokens !== null) expect(f.verdict === 'plateau' || f.verdict === 'hurts').toBe(true);
        if (f.verdict === 'not-enough-data') expect(f.capTokens).toBeNull();
        for (const b of f.bins) expect(inUnit(b.rate) && inUnit(b.low) && inUnit(b.high) && b.low <= b.high).toBe(true);
        expect(f.expectedSuccessChange === null || Math.abs(f.expectedSuccessChange) <= 1).toBe(true);
      }
      for (const e of r.easyTasks) expect(new Decimal(e.savingsUsd).gte(0)).toBe(true);
      expect(new Decimal(r.totals.savingsAvailableUsd).gte(0)).toBe(true);
    }),
    { numRuns: 150 },
  ));

test('verdicts, knees, caps and savings do not depend on row order or on a cell split into two rows', () =>
  fc.assert(
    fc.property(cellsArb, fc.integer(), (cells, seed) => {
      const shuffled = fc.sample(fc.shuffledSubarray(cells, { minLength: cells.length, maxLength: cells.length }), { seed, numRuns: 1 })[0];
      // Split each cell with two or more outcomes into two rows with the same bucket (exact halves of the money).
      const split = shuffled.flatMap((c) => {
        if (c.outcomes < 2) return [c];
        const a = Math.floor(c.outcomes / 2);
        const sa = Math.min(a, c.successes);
        const half = (x: string) => new Decimal(x).dividedBy(2).toString();
        const part = { ...c, requests: c.requests / 2, tokenPriceSum: half(c.tokenPriceSum), priceSum: half(c.priceSum) };
        return [
          { ...part, outcomes: a, successes: sa },
          { ...part, outcomes: c.outcomes - a, successes: c.successes - sa },
        ];
      });
      const key = (cs: AccuracyCell[]) =>
        audit(cs).accuracy.map((f) => [
          f.workflow,
          f.model,
          f.scope,
          f.measure,
          f.verdict,
          f.kneeBin,
          f.capTokens,
          f.savingsUsd,
          f.outcomes,
        ]);
      expect(key(shuffled)).toEqual(key(cells));
      expect(key(split)).toEqual(key(cells));
    }),
    { numRuns: 150 },
  ));

test('hidden reasoning and unverified shares stay within 0..1', () =>
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          key: fc.constantFrom('a', 'b', null),
          model: fc.constantFrom('m1', 'm2', null),
          isBucket: fc.boolean(),
          out: fc.integer({ min: 0, max: 10_000 }),
          known: fc.double({ min: 0, max: 1, noNaN: true }),
          reasoning: fc.double({ min: 0, max: 1, noNaN: true }),
          cost: fc.integer({ min: 0, max: 10_000 }),
          unverified: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        { maxLength: 30 },
      ),
      (rs) => {
        const rows = rs.map((r) => {
          const known = r.isBucket ? 0 : Math.floor(r.known * r.out);
          return {
            key: r.key,
            model: r.model,
            isBucket: r.isBucket,
            outputTokens: r.out,
            reasoningTokens: Math.floor(r.reasoning * known),
            reasoningKnownOutputTokens: known,
            listCostUsd: String(r.cost / 100),
            reasoningListCostUsd: String(r.cost / 1000),
          };
        });
        const costs = rows
          .filter((r) => r.isBucket)
          .map((r) => ({ key: r.key, model: r.model, outputTokens: r.outputTokens, outputCostUsd: '1' }));
        for (const s of summariseHiddenReasoning(rows, costs)) {
          expect(inUnit(s.measured.share) && inUnit(s.estimated.share)).toBe(true);
          for (const c of [s.measured.coveragePct, s.estimated.coveragePct]) expect(c === null || (c >= 0 && c <= 100)).toBe(true);
        }
        const ver = rs.map((r) => ({
          model: r.model,
          workflow: r.key,
          events: 1,
          listCostUsd: String(r.cost / 100),
          unverifiedListCostUsd: new Decimal(r.cost).dividedBy(100).times(r.unverified).toDecimalPlaces(10).toString(),
          successListCostUsd: null,
          outcomeEvents: 0,
          successEvents: 0,
        }));
        for (const by of ['model', 'workflow', 'model-workflow', 'total'] as const)
          for (const v of summariseVerification(ver, by)) expect(inUnit(v.unverifiedShare)).toBe(true);
      },
    ),
  ));
