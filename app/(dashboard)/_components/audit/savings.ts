/** The accuracy findings a page needs, computed once per request (React cache): overview, reasoning and accuracy share them. */
import Decimal from 'decimal.js';
import { cache } from 'react';
import type { Connection } from '@/db/client';
import { getAccuracyCells } from '@/db/queries/accuracy';
import type { UsagePeriod } from '@/db/queries/overview';
import { type AccuracyCell, type AccuracyFinding, analyseAccuracy } from '@/lib/analysis/accuracy';

export const loadAccuracy = cache(
  async (conn: Connection, p: UsagePeriod): Promise<{ cells: AccuracyCell[]; findings: AccuracyFinding[] }> => {
    const cells = await getAccuracyCells(conn, p);
    return { cells, findings: analyseAccuracy(cells) };
  },
);

export async function loadAccuracyFindings(conn: Connection, p: UsagePeriod): Promise<AccuracyFinding[]> {
  return (await loadAccuracy(conn, p)).findings;
}

/** Per (model, workflow) findings with a recommended cap: what capping reasoning at the knee would save. */
export function cappedFindings(findings: readonly AccuracyFinding[]): AccuracyFinding[] {
  return findings.filter((f) => f.scope === 'model' && f.capTokens !== null);
}

export function totalSavingsUsd(findings: readonly AccuracyFinding[]): string {
  return cappedFindings(findings)
    .reduce((s, f) => s.plus(f.savingsUsd), new Decimal(0))
    .toString();
}
