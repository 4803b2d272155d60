/**
 * Verification coverage (DESIGN.md): unverified spend = list cost of requests with no outcome signal
 * (success IS NULL), in money and as a share of list spend; cost per verified success = list cost of
 * the requests that carry an outcome / successful outcomes. Unverified spend is left out of that
 * numerator on purpose: it is reported beside it, and mixing it in would charge the verifier for
 * traffic it never saw. Money in and out as exact decimal strings (decimal.js); shares are floats.
 */
import Decimal from 'decimal.js';

export interface VerificationInput {
  model: string | null;
  workflow: string | null;
  events: number;
  /** Exact USD list cost; null = nothing priced. */
  listCostUsd: string | null;
  unverifiedListCostUsd: string | null;
  successListCostUsd: string | null;
  outcomeEvents: number;
  successEvents: number;
}

export interface VerificationFinding {
  model: string | null;
  workflow: string | null;
  events: number;
  listCostUsd: string;
  unverifiedUsd: string;
  /** unverified / list spend, 0..1; null when nothing is priced. */
  unverifiedShare: number | null;
  /** List cost of requests with an outcome. */
  verifiedUsd: string;
  outcomeEvents: number;
  successEvents: number;
  /** verifiedUsd / successEvents (10 decimal places); null without a success. */
  costPerVerifiedSuccessUsd: string | null;
  /** successEvents / outcomeEvents; null without outcomes. */
  successRate: number | null;
}

export type VerificationGrouping = 'model' | 'workflow' | 'model-workflow' | 'total';

function finish(model: string | null, workflow: string | null, acc: Acc): VerificationFinding {
  const verified = Decimal.max(0, acc.list.minus(acc.unverified));
  const share = acc.list.isZero() ? null : Math.min(1, Math.max(0, acc.unverified.dividedBy(acc.list).toNumber()));
  return {
    model,
    workflow,
    events: acc.events,
    listCostUsd: acc.list.toString(),
    unverifiedUsd: acc.unverified.toString(),
    unverifiedShare: share,
    verifiedUsd: verified.toString(),
    outcomeEvents: acc.outcomes,
    successEvents: acc.successes,
    costPerVerifiedSuccessUsd: acc.successes > 0 ? verified.dividedBy(acc.successes).toDecimalPlaces(10).toString() : null,
    successRate: acc.outcomes > 0 ? acc.successes / acc.outcomes : null,
  };
}

interface Acc {
  events: number;
  list: Decimal;
  unverified: Decimal;
  outcomes: number;
  successes: number;
}

/** Groups the rows and computes unverified spend and cost per verified success, largest spend first. */
export function summariseVerification(rows: readonly VerificationInput[], by: VerificationGrouping): VerificationFinding[] {
  const groups = new Map<string, { model: string | null; workflow: string | null; acc: Acc }>();
  for (const r of rows) {
    const model = by === 'model' || by === 'model-workflow' ? r.model : null;
    const workflow = by === 'workflow' || by === 'model-workflow' ? r.workflow : null;
    const key = JSON.stringify([model, workflow]);
    const g = groups.get(key) ?? {
      model,
      workflow,
      acc: { events: 0, list: new Decimal(0), unverified: new Decimal(0), outcomes: 0, successes: 0 },
    };
    g.acc.events += r.events;
    g.acc.list = g.acc.list.plus(r.listCostUsd ?? 0);
    g.acc.unverified = g.acc.unverified.plus(r.unverifiedListCostUsd ?? 0);
    g.acc.outcomes += r.outcomeEvents;
    g.acc.successes += r.successEvents;
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => finish(g.model, g.workflow, g.acc))
    .sort(
      (a, b) =>
        new Decimal(b.listCostUsd).comparedTo(a.listCostUsd) ||
        String(a.workflow).localeCompare(String(b.workflow)) ||
        String(a.model).localeCompare(String(b.model)),
    );
}
