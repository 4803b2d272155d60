/**
 * Month close: what changed in a statement since it was last exported. Lines are matched by their
 * stable id ("<section>:<kind>:<key>"); amounts are compared exactly (decimal strings). A line whose
 * amount went from unknown (null) to known, or back, counts as changed. Pure.
 */
import { ExactDecimal } from '../money';

export interface SnapshotLine {
  id: string;
  section: string;
  label: string;
  /** Exact decimal strings; null = unknown. */
  listCostUsd: string | null;
  billedCostUsd: string | null;
}

export interface StatementLineChange {
  id: string;
  section: string;
  label: string;
  change: 'added' | 'removed' | 'changed';
  before: { listCostUsd: string | null; billedCostUsd: string | null } | null;
  after: { listCostUsd: string | null; billedCostUsd: string | null } | null;
  /** after - before, unknown counted as nothing; null when both sides are unknown. */
  listDeltaUsd: string | null;
  billedDeltaUsd: string | null;
}

const same = (a: string | null, b: string | null) => (a === null || b === null ? a === b : new ExactDecimal(a).equals(b));

function delta(after: string | null | undefined, before: string | null | undefined): string | null {
  if ((after ?? null) === null && (before ?? null) === null) return null;
  return new ExactDecimal(after ?? 0).minus(before ?? 0).toFixed();
}

/** Changed, added and removed lines, in the order of `after` (removed lines last, in `before` order). */
export function diffStatementLines(before: readonly SnapshotLine[], after: readonly SnapshotLine[]): StatementLineChange[] {
  const old = new Map(before.map((l) => [l.id, l]));
  const out: StatementLineChange[] = [];
  for (const a of after) {
    const b = old.get(a.id);
    old.delete(a.id);
    if (b && same(a.listCostUsd, b.listCostUsd) && same(a.billedCostUsd, b.billedCostUsd)) continue;
    out.push({
      id: a.id,
      section: a.section,
      label: a.label,
      change: b ? 'changed' : 'added',
      before: b ? { listCostUsd: b.listCostUsd, billedCostUsd: b.billedCostUsd } : null,
      after: { listCostUsd: a.listCostUsd, billedCostUsd: a.billedCostUsd },
      listDeltaUsd: delta(a.listCostUsd, b?.listCostUsd),
      billedDeltaUsd: delta(a.billedCostUsd, b?.billedCostUsd),
    });
  }
  for (const b of old.values())
    out.push({
      id: b.id,
      section: b.section,
      label: b.label,
      change: 'removed',
      before: { listCostUsd: b.listCostUsd, billedCostUsd: b.billedCostUsd },
      after: null,
      listDeltaUsd: delta(null, b.listCostUsd),
      billedDeltaUsd: delta(null, b.billedCostUsd),
    });
  return out;
}
