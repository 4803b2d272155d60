import type { Db } from '@/db/client';
import { getTopModels, getTopWorkflows } from '@/db/queries/overview';
import type { ResolvedFilters } from '@/lib/filters';
import { modelFamily } from '@/lib/ingest/model-family';
import { shareOf, sumUsd } from '@/lib/money';
import { TopModelsTable } from '../top-models/columns';
import { TopWorkflowsTable } from '../top-workflows/columns';
import { MoneyKind } from './money-kind';

export async function TopModelsSection({ db, filters }: { db: Db; filters: ResolvedFilters }) {
  const rows = await getTopModels(db, filters);
  const totalListCost = sumUsd(rows.map((r) => r.listCostUsd));
  const data = rows.map((r) => ({
    vendor: r.vendor,
    model: r.model ?? '(unknown model)',
    family: modelFamily(r.model)?.name ?? '—',
    requests: r.requests,
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    reasoningTokens: r.reasoningTokens,
    reasoningShare: shareOf(r.reasoningTokens, r.reasoningKnownOutputTokens),
    listCostUsd: r.listCostUsd,
    spendShare: shareOf(r.listCostUsd, totalListCost),
    unpricedEvents: r.unpricedEvents,
  }));
  return (
    <section className="card" aria-labelledby="top-models-title">
      <div className="card-head">
        <div>
          <h2 id="top-models-title">
            Top models <MoneyKind kind="list" />
          </h2>
          <p>Reasoning figures are measured only (records that report reasoning).</p>
        </div>
      </div>
      <TopModelsTable rows={data} />
    </section>
  );
}

export async function TopWorkflowsSection({ db, filters }: { db: Db; filters: ResolvedFilters }) {
  const rows = await getTopWorkflows(db, filters);
  const data = rows.map((r) => ({
    workflow: r.workflow ?? '(no workflow)',
    team: r.team ?? '(no team)',
    requests: r.requests,
    outputTokens: r.outputTokens,
    reasoningTokens: r.reasoningTokens,
    listCostUsd: r.listCostUsd,
    successRate: shareOf(r.successEvents, r.outcomeEvents),
    outcomeEvents: r.outcomeEvents,
    unverifiedListCostUsd: r.unverifiedListCostUsd,
  }));
  return (
    <section className="card" aria-labelledby="top-workflows-title">
      <div className="card-head">
        <div>
          <h2 id="top-workflows-title">
            Top workflows <MoneyKind kind="list" />
          </h2>
          <p>Unverified spend is list-price spend on records with no outcome signal (tests, evals, user acceptance).</p>
        </div>
      </div>
      <TopWorkflowsTable rows={data} />
    </section>
  );
}
