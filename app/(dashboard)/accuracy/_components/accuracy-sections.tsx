import type { Connection } from '@/db/client';
import type { ResolvedFilters } from '@/lib/filters';
import { formatInt, formatUsd } from '@/lib/format';
import { cappedFindings, loadAccuracyFindings, totalSavingsUsd } from '../../_components/audit/savings';
import { MoneyKind } from '../../_components/overview/money-kind';
import { AccuracyPanel } from './accuracy-panel';
import { toPanel } from './adapt';
import { AccuracySummaryTable } from './summary-table';

/** Verdict table, then one chart per (model, workflow): reasoning length first, output length where reasoning is unknown. */
export async function AccuracySections({ conn, filters }: { conn: Connection; filters: ResolvedFilters }) {
  const findings = await loadAccuracyFindings(conn, filters);
  const perModel = findings.filter((f) => f.scope === 'model');
  const panels = perModel.map(toPanel);
  const reasoning = panels.filter((p) => p.metric === 'reasoning');
  const output = panels.filter((p) => p.metric === 'output');
  const summary = findings.map(toPanel).map(({ bins: _b, kneeLabel: _k, capLabel: _c, ...rest }) => rest);
  const capped = cappedFindings(findings).length;
  return (
    <>
      <section className="card" aria-labelledby="verdicts" id="verdicts-card">
        <div className="card-head">
          <div>
            <h2 id="verdicts">
              Verdicts and recommended caps <MoneyKind kind="list" />
            </h2>
            <p>
              Helps: success keeps rising, no cap. Plateau: success stops rising at the knee; a cap there saves the reasoning above it.
              Hurts: longer reasoning succeeds less often. A verdict needs 200 requests with an outcome. Rows with model “all models” pool
              the workflow’s models (their saving is not added to the per-model rows’). Δ success is an upper bound: it assumes requests
              above the cap would succeed like those at the knee, though long reasoning often marks harder tasks. Where a vendor offers only
              effort levels, or a minimum thinking budget (Anthropic: 1,024 tokens), use the nearest setting at or above the cap.
            </p>
          </div>
        </div>
        <div className="stat-row">
          <div className="stat">
            <span className="stat-label">Savings available</span>
            <span className="stat-value text-ok" data-testid="savings-total">
              {formatUsd(totalSavingsUsd(findings))}
            </span>
            <span className="stat-sub">
              over the period, from {formatInt(capped)} recommended cap{capped === 1 ? '' : 's'} (per model and workflow)
            </span>
          </div>
        </div>
        <AccuracySummaryTable rows={summary} />
      </section>
      <section className="card" aria-labelledby="reasoning-length">
        <div className="card-head">
          <div>
            <h2 id="reasoning-length">Success rate by reasoning length</h2>
            <p>
              Bars: requests with an outcome per bin (right axis). Dots: success rate with its 95% interval. Bins hold about equal numbers
              of requests.
            </p>
          </div>
        </div>
        {reasoning.length === 0 ? (
          <p className="muted">No requests with both reported reasoning and an outcome in this period.</p>
        ) : (
          <div className="accuracy-grid">
            {reasoning.map((p) => (
              <AccuracyPanel key={p.id} p={p} />
            ))}
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="output-length">
        <div className="card-head">
          <div>
            <h2 id="output-length">Success rate by output length (reasoning not reported)</h2>
            <p>
              Where the source does not report reasoning, output length stands in. No cap is recommended: capping visible output truncates
              answers.
            </p>
          </div>
        </div>
        {output.length === 0 ? (
          <p className="muted">Every request with an outcome reports its reasoning.</p>
        ) : (
          <div className="accuracy-grid">
            {output.map((p) => (
              <AccuracyPanel key={p.id} p={p} />
            ))}
          </div>
        )}
      </section>
    </>
  );
}
