import type { BreakdownRow } from '@/lib/analysis/scenario-report';
import { formatDelta } from '@/lib/format';
import { percentChange } from '@/lib/money';
import { Usd } from '../../_components/usd';

const NAME: Record<BreakdownRow['kind'], (n: string) => string> = {
  vendor: (n) => n,
  team: (n) => n,
  no_team: () => '(no team)',
  workflow: (n) => n,
  unattributed: () => '(unattributed)',
  plan: (n) => `plan: ${n}`,
};

export const rowName = (r: BreakdownRow) => NAME[r.kind](r.name);

const isZero = (s: string) => /^-?0(\.0*)?$/.test(s);

/** A delta in colour (a rise is a cost: red), with its percentage of the baseline when there is one. */
export function DeltaCell({ delta, base, scenario }: { delta: string; base: string; scenario: string }) {
  const cls = isZero(delta) ? '' : delta.startsWith('-') ? 'delta-neg' : 'delta-pos';
  const pct = percentChange(scenario, base);
  return (
    <>
      <span className={cls}>
        <Usd value={delta} signed />
      </span>
      {pct === null || isZero(delta) ? null : <span className="small muted"> ({formatDelta(pct)})</span>}
    </>
  );
}

/** Baseline beside scenario for one breakdown (team, workflow or vendor), largest scenario cost first. */
export function BreakdownTable({ label, title, rows }: { label: string; title: string; rows: BreakdownRow[] }) {
  return (
    <div className="table-wrap">
      <table aria-label={label}>
        <thead>
          <tr>
            <th>{title}</th>
            <th className="right">Baseline</th>
            <th className="right">Scenario</th>
            <th className="right">Delta</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={4} className="empty-row">
                No cost in this period.
              </td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr key={`${r.kind}:${r.name}`} data-row={rowName(r)}>
                <td>{rowName(r)}</td>
                <td className="right" data-col="baseline">
                  <Usd value={r.baselineUsd} />
                </td>
                <td className="right" data-col="scenario">
                  <Usd value={r.scenarioUsd} />
                </td>
                <td className="right" data-col="delta">
                  <DeltaCell delta={r.deltaUsd} base={r.baselineUsd} scenario={r.scenarioUsd} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
