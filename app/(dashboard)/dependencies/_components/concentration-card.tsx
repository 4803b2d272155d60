import type { ConcentrationReport, WorkflowConcentration } from '@/lib/analysis/concentration';
import { formatShare } from '@/lib/format';
import { MoneyKind } from '../../_components/overview/money-kind';
import { Usd } from '../../_components/usd';
import { WorkflowConcentrationTable } from './dependency-tables';

/** The US merger guidelines' bands, as a reading aid for the index (0..10,000). */
export function hhiBand(hhi: number | null): string {
  if (hhi === null) return 'no spend to share';
  if (hhi >= 2500) return 'highly concentrated';
  if (hhi >= 1500) return 'moderately concentrated';
  return 'unconcentrated';
}

function risk(w: WorkflowConcentration): string {
  if (w.events === 0) return 'idle';
  if (w.exposed) return 'exposed';
  return (w.topShare ?? 0) >= 0.95 ? 'fallback exercised' : 'diversified';
}

export function ConcentrationCard({ report }: { report: ConcentrationReport }) {
  const { overall } = report;
  return (
    <section className="card" aria-labelledby="hhi-title">
      <div className="card-head">
        <div>
          <h2 id="hhi-title">
            Vendor concentration <MoneyKind kind="list" />
          </h2>
          <p>
            Herfindahl-Hirschman index of vendor spend shares, 0 (spread thin) to 10,000 (one vendor), overall and per workflow. Usage
            behind a flat-rate plan counts at its API-equivalent: a dependency hidden by a subscription is still a dependency. A workflow
            with no priced usage is measured by tokens.
          </p>
        </div>
      </div>
      <div className="grid-2">
        <div>
          <h3 className="subhead">Overall</h3>
          <p className="kpi-value" data-testid="overall-hhi">
            {overall.hhi === null ? '—' : Math.round(overall.hhi).toLocaleString('en-US')}
          </p>
          <p className="kpi-sub">{hhiBand(overall.hhi)}</p>
          <div className="table-wrap" style={{ marginTop: 10 }}>
            <table aria-label="Vendor shares overall">
              <thead>
                <tr>
                  <th>Vendor</th>
                  <th className="right">List spend</th>
                  <th className="right">Share</th>
                </tr>
              </thead>
              <tbody>
                {overall.vendors.map((v) => (
                  <tr key={v.vendor}>
                    <td>{v.vendor}</td>
                    <td className="right">
                      <Usd value={v.spendUsd} />
                    </td>
                    <td className="right">
                      <span className="share-bar" style={{ width: `${Math.max(1, v.share * 80)}px` }} aria-hidden="true" />
                      {formatShare(v.share)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
        <div>
          <h3 className="subhead">Unattributed usage</h3>
          <p className="small muted">
            {report.unattributed.events === 0 ? (
              'Every usage line of the period matches a workflow rule.'
            ) : (
              <>
                Usage no workflow rule matches: <Usd value={report.unattributed.spendUsd} /> over{' '}
                {report.unattributed.events.toLocaleString('en-US')} events. Add match rules in Settings to map it.
              </>
            )}
          </p>
        </div>
      </div>
      <h3 className="subhead" style={{ marginTop: 16 }}>
        By workflow
      </h3>
      <WorkflowConcentrationTable
        rows={report.workflows.map((w) => ({
          workflow: w.workflow,
          team: w.team,
          criticality: w.criticality,
          spendUsd: w.spendUsd,
          hhi: w.hhi,
          vendors: w.vendors.map((v) => `${v.vendor} ${formatShare(v.share, 0)}`).join(', ') || '—',
          sharesBy: w.sharesBy,
          fallbacks:
            w.fallbacks
              .map((f) => `${f.vendor}/${f.model}: ${f.status === 'exercised' ? `exercised (${f.events} events)` : 'never exercised'}`)
              .join('; ') || 'none declared',
          risk: risk(w),
        }))}
      />
    </section>
  );
}
