import type { Db } from '@/db/client';
import { getAuditByModelWorkflow } from '@/db/queries/verification';
import { summariseVerification, type VerificationFinding } from '@/lib/analysis/verification';
import type { ResolvedFilters } from '@/lib/filters';
import { formatInt, formatShare, formatUsd } from '@/lib/format';
import { MoneyKind } from '../overview/money-kind';
import { type VerificationRow, VerificationTable } from './verification-table';

function toRow(f: VerificationFinding, key: string): VerificationRow {
  return {
    key,
    listCostUsd: f.listCostUsd,
    outcomeEvents: f.outcomeEvents,
    successEvents: f.successEvents,
    successRate: f.successRate,
    costPerSuccessUsd: f.costPerVerifiedSuccessUsd,
    unverifiedListCostUsd: f.unverifiedUsd,
    unverifiedShare: f.unverifiedShare,
  };
}

/** Verification coverage (usage_daily rollup): cost per verified success and unverified spend, by model and by workflow. */
export async function VerificationSection({ db, filters }: { db: Db; filters: ResolvedFilters }) {
  const rows = await getAuditByModelWorkflow(db, filters);
  const [total] = summariseVerification(rows, 'total');
  const byModel = summariseVerification(rows, 'model').map((f) => toRow(f, f.model ?? '(unknown model)'));
  const byWorkflow = summariseVerification(rows, 'workflow').map((f) => toRow(f, f.workflow ?? '(no workflow)'));
  return (
    <section className="card" aria-labelledby="verification-title">
      <div className="card-head">
        <div>
          <h2 id="verification-title">
            Verification coverage <MoneyKind kind="list" />
          </h2>
          <p>
            Cost per verified success = spend on requests with an outcome (tests passed, eval score, user accepted) ÷ successes. Unverified
            spend has no outcome signal at all: nobody knows whether it worked.
          </p>
        </div>
      </div>
      <div className="stat-row">
        <div className="stat">
          <span className="stat-label">Unverified spend</span>
          <span className="stat-value" data-testid="unverified-spend">
            {formatUsd(total?.unverifiedUsd ?? '0')}
          </span>
          <span className="stat-sub">{formatShare(total?.unverifiedShare ?? null)} of list-price spend</span>
        </div>
        <div className="stat">
          <span className="stat-label">Cost per verified success</span>
          <span className="stat-value">{formatUsd(total?.costPerVerifiedSuccessUsd ?? null, { decimals: 4 })}</span>
          <span className="stat-sub">
            {formatInt(total?.successEvents ?? 0)} successes of {formatInt(total?.outcomeEvents ?? 0)} verified requests
          </span>
        </div>
      </div>
      <div className="stack">
        <div>
          <h3 className="subhead">By workflow</h3>
          <VerificationTable rows={byWorkflow} dimLabel="Workflow" label="Verification by workflow" />
        </div>
        <div>
          <h3 className="subhead">By model</h3>
          <VerificationTable rows={byModel} dimLabel="Model" label="Verification by model" />
        </div>
      </div>
    </section>
  );
}
