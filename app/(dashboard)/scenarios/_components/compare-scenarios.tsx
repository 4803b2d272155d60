import Link from 'next/link';
import type { BreakdownRow } from '@/lib/analysis/scenario-report';
import { formatRule } from '@/lib/analysis/scenario-rules';
import type { ScenarioResult } from '@/lib/analysis/scenario-run';
import { Usd } from '../../_components/usd';
import { DeltaCell, rowName } from './breakdown-table';

export interface ComparedScenario {
  name: string;
  result: ScenarioResult;
}

function merged(a: BreakdownRow[], b: BreakdownRow[]) {
  const names = [...new Set([...a, ...b].map(rowName))];
  const find = (rows: BreakdownRow[], n: string) => rows.find((r) => rowName(r) === n);
  return names.map((n) => ({ name: n, a: find(a, n), b: find(b, n) }));
}

function Side({ row }: { row: BreakdownRow | undefined }) {
  if (!row)
    return (
      <>
        <td className="right">—</td>
        <td className="right">—</td>
      </>
    );
  return (
    <>
      <td className="right">
        <Usd value={row.scenarioUsd} />
      </td>
      <td className="right">
        <DeltaCell delta={row.deltaUsd} base={row.baselineUsd} scenario={row.scenarioUsd} />
      </td>
    </>
  );
}

/** Two saved scenarios on the same baseline, side by side, per team, workflow and vendor. */
export function CompareScenarios({ a, b, closeHref }: { a: ComparedScenario; b: ComparedScenario; closeHref: string }) {
  const sections = [
    ['team', 'Team', a.result.byTeam, b.result.byTeam],
    ['workflow', 'Workflow', a.result.byWorkflow, b.result.byWorkflow],
    ['vendor', 'Vendor', a.result.byVendor, b.result.byVendor],
  ] as const;
  return (
    <section className="card" aria-labelledby="compare-title">
      <div className="card-head">
        <div>
          <h2 id="compare-title">
            Compare: {a.name} vs {b.name}
          </h2>
          <p>
            Same period and baseline ({a.result.from} – {a.result.to}). A: <code>{a.result.rules.map(formatRule).join(' ')}</code> · B:{' '}
            <code>{b.result.rules.map(formatRule).join(' ')}</code>
          </p>
        </div>
        <Link href={closeHref} className="btn btn-sm">
          Close
        </Link>
      </div>
      <div className="table-wrap">
        <table aria-label="Compared totals">
          <thead>
            <tr>
              <th />
              <th className="right">Baseline</th>
              <th className="right">{a.name}</th>
              <th className="right">{b.name}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>Total</td>
              <td className="right">
                <Usd value={a.result.total.baselineUsd} />
              </td>
              <td className="right" data-testid="compare-a-total">
                <Usd value={a.result.total.scenarioUsd} />
              </td>
              <td className="right" data-testid="compare-b-total">
                <Usd value={b.result.total.scenarioUsd} />
              </td>
            </tr>
            <tr>
              <td>Budgets breached</td>
              <td className="right">{a.result.budgets.filter((x) => x.breachedInBaseline).length}</td>
              <td className="right">{a.result.budgetsBreached.length}</td>
              <td className="right">{b.result.budgetsBreached.length}</td>
            </tr>
            <tr>
              <td>Critical workflows hit</td>
              <td className="right">—</td>
              <td className="right">{a.result.criticalWorkflowsHit.length}</td>
              <td className="right">{b.result.criticalWorkflowsHit.length}</td>
            </tr>
          </tbody>
        </table>
      </div>
      {sections.map(([key, title, ra, rb]) => (
        <div key={key} style={{ marginTop: 14 }}>
          <h3 className="subhead">By {key}</h3>
          <div className="table-wrap">
            <table aria-label={`Compared by ${key}`}>
              <thead>
                <tr>
                  <th>{title}</th>
                  <th className="right">Baseline</th>
                  <th className="right">{a.name}</th>
                  <th className="right">Delta</th>
                  <th className="right">{b.name}</th>
                  <th className="right">Delta</th>
                </tr>
              </thead>
              <tbody>
                {merged(ra, rb).map((r) => (
                  <tr key={r.name}>
                    <td>{r.name}</td>
                    <td className="right">
                      <Usd value={(r.a ?? r.b)?.baselineUsd ?? null} />
                    </td>
                    <Side row={r.a} />
                    <Side row={r.b} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </section>
  );
}
