import { ReasoningHistogram } from '@/app/_components/charts/reasoning-histogram';
import { CsvButton } from '@/app/_components/data-table/csv-button';
import type { Connection } from '@/db/client';
import { getReasoningHistogram, getTopHiddenRequests, getTopHiddenTasks } from '@/db/queries/reasoning';
import { fillHistogram } from '@/lib/analysis/reasoning';
import type { ResolvedFilters } from '@/lib/filters';
import { formatInt } from '@/lib/format';
import { MoneyKind } from '../../_components/overview/money-kind';
import { TopRequestsTable, TopTracesTable } from './top-tables';

/** Reasoning tokens per request on a log scale: where the requests, and the tokens, sit. */
export async function DistributionSection({ conn, filters }: { conn: Connection; filters: ResolvedFilters }) {
  const rows = await getReasoningHistogram(conn, filters);
  const bins = fillHistogram(rows).map((b) => ({
    lo: b.low,
    hi: b.high,
    requests: b.requests,
    reasoningTokens: b.reasoningTokens,
    hidden: b.hiddenSpendUsd,
  }));
  const total = rows.reduce((s, r) => s + r.requests, 0);
  const zero = rows.find((r) => r.bin === 0)?.requests ?? 0;
  return (
    <section className="card" aria-labelledby="dist-title">
      <div className="card-head">
        <div>
          <h2 id="dist-title">Reasoning tokens per request</h2>
          <p>
            {formatInt(total)} requests that report reasoning, {formatInt(zero)} of them with none. Each bin is twice as wide as the one
            before (log scale).
          </p>
        </div>
        <CsvButton
          fileName="itemized-reasoning-histogram.csv"
          headers={['bin_lo_tokens', 'bin_hi_tokens_exclusive', 'requests', 'reasoning_tokens', 'hidden_reasoning_list_cost_usd']}
          rows={bins.map((b) => [b.lo, b.hi, b.requests, b.reasoningTokens, b.hidden])}
        />
      </div>
      {total === 0 ? (
        <p className="muted">No request in this period reports its reasoning.</p>
      ) : (
        <ReasoningHistogram bins={bins} ariaLabel="Histogram of reasoning tokens per request, log-spaced bins" />
      )}
    </section>
  );
}

export async function TopHiddenSection({ conn, filters }: { conn: Connection; filters: ResolvedFilters }) {
  const [traces, requests] = await Promise.all([getTopHiddenTasks(conn, filters, 50), getTopHiddenRequests(conn, filters, 50)]);
  return (
    <section className="card" aria-labelledby="top-hidden-title">
      <div className="card-head">
        <div>
          <h2 id="top-hidden-title">
            Where the hidden spend goes <MoneyKind kind="list" />
          </h2>
          <p>
            The 50 tasks (all calls sharing a trace) and the 50 single requests with the most reasoning spend. Open a task to see its calls.
          </p>
        </div>
      </div>
      <div className="stack">
        <div>
          <h3 className="subhead">Tasks</h3>
          <TopTracesTable rows={traces.map((t) => ({ ...t, workflow: t.workflow ?? '(no workflow)', team: t.team ?? '(no team)' }))} />
        </div>
        <div>
          <h3 className="subhead">Requests</h3>
          <TopRequestsTable
            rows={requests.map((r) => ({
              ...r,
              requestId: String(r.id),
              workflow: r.workflow ?? '(no workflow)',
              model: r.model ?? '(unknown model)',
              success: r.success === null ? 'unknown' : r.success ? 'success' : 'failure',
            }))}
          />
        </div>
      </div>
    </section>
  );
}
