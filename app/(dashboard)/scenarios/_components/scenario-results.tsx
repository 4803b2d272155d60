import { formatRule } from '@/lib/analysis/scenario-rules';
import { type ScenarioResult, scenarioToJson } from '@/lib/analysis/scenario-run';
import { formatDay, formatInt, formatMonth } from '@/lib/format';
import { MoneyKind } from '../../_components/overview/money-kind';
import { Usd } from '../../_components/usd';
import { BreakdownTable, DeltaCell, rowName } from './breakdown-table';
import { ExportButtons } from './export-buttons';
import { SelfHostedTable } from './self-hosted-table';

const REASON: Record<string, string> = {
  cost_up: 'costs more',
  moved: 'moved',
  unpriced: 'loses its price',
  budget_breached: 'budget breached',
};

/** The scenario beside the baseline: totals, breakdowns, months, budgets, critical workflows, self-hosting, exports. */
export function ScenarioResults({ result, fileStem }: { result: ScenarioResult; fileStem: string }) {
  const r = result;
  const criticalHit = r.criticalWorkflowsHit.length;
  const csvRows = (
    [
      ['team', r.byTeam],
      ['workflow', r.byWorkflow],
      ['vendor', r.byVendor],
    ] as const
  ).flatMap(([by, rows]) => rows.map((x) => [by, rowName(x), x.baselineUsd, x.scenarioUsd, x.deltaUsd]));
  return (
    <section className="stack" aria-labelledby="results-title">
      <div className="card-head" style={{ marginBottom: 0 }}>
        <div>
          <h2 id="results-title">
            Results, {formatDay(r.from)} – {formatDay(r.to)} <MoneyKind kind="list" />
          </h2>
          <p className="small muted">
            Baseline: metered usage at list price plus flat-rate plans at their price, prorated by days.{' '}
            {r.rules.length ? (
              <>
                Rules applied: <code data-testid="applied-rules">{r.rules.map(formatRule).join(' ')}</code>
              </>
            ) : (
              'No rule: the scenario equals the baseline.'
            )}
          </p>
        </div>
        <ExportButtons
          fileStem={fileStem}
          csvHeaders={['breakdown', 'name', 'baseline_usd', 'scenario_usd', 'delta_usd']}
          csvRows={csvRows}
          json={JSON.stringify(scenarioToJson(r), null, 2)}
        />
      </div>
      {r.notes.length ? (
        <div className="notice notice-warn" role="status">
          <ul className="plain-list small">
            {r.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="grid-kpi">
        <section className="card kpi" aria-labelledby="t-base">
          <h3 id="t-base" className="kpi-label">
            Baseline
          </h3>
          <p className="kpi-value" data-testid="total-baseline">
            <Usd value={r.total.baselineUsd} />
          </p>
          <p className="kpi-sub">{r.months.length} calendar month(s) in the period</p>
        </section>
        <section className="card kpi" aria-labelledby="t-scen">
          <h3 id="t-scen" className="kpi-label">
            Scenario
          </h3>
          <p className="kpi-value" data-testid="total-scenario">
            <Usd value={r.total.scenarioUsd} />
          </p>
          <p className="kpi-sub">
            <DeltaCell delta={r.total.deltaUsd} base={r.total.baselineUsd} scenario={r.total.scenarioUsd} />
          </p>
        </section>
        <section className="card kpi" aria-labelledby="t-budgets">
          <h3 id="t-budgets" className="kpi-label">
            Budgets breached
          </h3>
          <p className={`kpi-value${r.budgetsBreached.length ? ' text-bad' : ''}`} data-testid="budgets-breached">
            {r.budgetsBreached.length}
          </p>
          <p className="kpi-sub">
            of {r.budgets.length} monthly budget checks; {r.budgets.filter((b) => b.breachedInBaseline).length} already in the baseline
          </p>
        </section>
        <section className="card kpi" aria-labelledby="t-critical">
          <h3 id="t-critical" className="kpi-label">
            Critical workflows hit
          </h3>
          <p className={`kpi-value${criticalHit ? ' text-bad' : ''}`} data-testid="critical-hit">
            {criticalHit}
          </p>
          <p className="kpi-sub">of {r.criticalWorkflows.length} critical workflows</p>
        </section>
      </div>
      {r.unpriced.baseline.events || r.unpriced.scenario.events ? (
        <p className="small muted">
          Unpriced usage, left out of both totals: {formatInt(r.unpriced.baseline.events)} events in the baseline,{' '}
          {formatInt(r.unpriced.scenario.events)} in the scenario.
        </p>
      ) : null}
      <div className="compare-grid">
        <section className="card" aria-labelledby="by-team">
          <h3 id="by-team" className="subhead">
            By team
          </h3>
          <BreakdownTable label="Scenario by team" title="Team" rows={r.byTeam} />
        </section>
        <section className="card" aria-labelledby="by-vendor">
          <h3 id="by-vendor" className="subhead">
            By vendor
          </h3>
          <BreakdownTable label="Scenario by vendor" title="Vendor" rows={r.byVendor} />
        </section>
      </div>
      <section className="card" aria-labelledby="by-workflow">
        <h3 id="by-workflow" className="subhead">
          By workflow <span className="small muted">(a flat-rate plan is its own row: it belongs to no workflow)</span>
        </h3>
        <BreakdownTable label="Scenario by workflow" title="Workflow" rows={r.byWorkflow} />
      </section>
      <div className="compare-grid">
        <section className="card" aria-labelledby="by-month">
          <h3 id="by-month" className="subhead">
            Monthly cost
          </h3>
          <div className="table-wrap">
            <table aria-label="Scenario by month">
              <thead>
                <tr>
                  <th>Month</th>
                  <th className="right">Days</th>
                  <th className="right">Baseline</th>
                  <th className="right">Scenario</th>
                  <th className="right">Delta</th>
                </tr>
              </thead>
              <tbody>
                {r.months.map((m) => (
                  <tr key={m.month}>
                    <td>{formatMonth(`${m.month}-01`)}</td>
                    <td className="right">
                      {m.days} of {m.daysInMonth}
                    </td>
                    <td className="right">
                      <Usd value={m.total.baselineUsd} />
                    </td>
                    <td className="right">
                      <Usd value={m.total.scenarioUsd} />
                    </td>
                    <td className="right">
                      <DeltaCell delta={m.total.deltaUsd} base={m.total.baselineUsd} scenario={m.total.scenarioUsd} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section className="card" aria-labelledby="critical-title">
          <h3 id="critical-title" className="subhead">
            Critical workflows
          </h3>
          <div className="table-wrap">
            <table aria-label="Critical workflows">
              <thead>
                <tr>
                  <th>Workflow</th>
                  <th className="right">Baseline</th>
                  <th className="right">Scenario</th>
                  <th>Hit</th>
                </tr>
              </thead>
              <tbody>
                {r.criticalWorkflows.map((w) => (
                  <tr key={w.workflow}>
                    <td>{w.workflow}</td>
                    <td className="right">
                      <Usd value={w.baselineUsd} />
                    </td>
                    <td className="right">
                      <Usd value={w.scenarioUsd} />
                    </td>
                    <td>
                      {w.reasons.length ? (
                        w.reasons.map((x) => (
                          <span key={x} className="badge badge-bad" style={{ marginRight: 4 }}>
                            {REASON[x] ?? x}
                          </span>
                        ))
                      ) : (
                        <span className="badge badge-ok">not hit</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
      <BudgetsCard result={r} />
      {r.selfHosted.length ? <SelfHostedTable estimates={r.selfHosted} /> : null}
    </section>
  );
}

function BudgetsCard({ result: r }: { result: ScenarioResult }) {
  return (
    <section className="card" aria-labelledby="budgets-title">
      <h3 id="budgets-title" className="subhead">
        Budgets breached in the scenario
      </h3>
      <p className="small muted">
        Monthly budgets, prorated by days in a month the period covers only in part. Breached = spend above the budget.
      </p>
      {r.budgetsBreached.length === 0 ? (
        <p className="muted" style={{ marginTop: 8 }}>
          No budget is breached{r.budgets.length ? '' : ' (no budget is declared)'}.
        </p>
      ) : (
        <div className="table-wrap" style={{ marginTop: 8 }}>
          <table aria-label="Budgets breached">
            <thead>
              <tr>
                <th>Budget</th>
                <th>Month</th>
                <th className="right">Budget (prorated)</th>
                <th className="right">Baseline</th>
                <th className="right">Scenario</th>
                <th>Already in baseline</th>
              </tr>
            </thead>
            <tbody>
              {r.budgetsBreached.map((b) => (
                <tr key={`${b.scope}:${b.name}:${b.month}`}>
                  <td>
                    {b.scope} <strong>{b.name}</strong>
                  </td>
                  <td>
                    {formatMonth(`${b.month}-01`)} ({b.days}/{b.daysInMonth} days)
                  </td>
                  <td className="right">
                    <Usd value={b.budgetUsd} />
                  </td>
                  <td className="right">
                    <Usd value={b.baselineUsd} />
                  </td>
                  <td className="right">
                    <Usd value={b.scenarioUsd} />
                  </td>
                  <td>{b.breachedInBaseline ? 'yes' : 'no'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
