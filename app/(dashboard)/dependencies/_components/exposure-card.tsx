import type { FallbackReport, WorkflowConcentration } from '@/lib/analysis/concentration';
import { formatInt, formatShare } from '@/lib/format';
import { MoneyKind } from '../../_components/overview/money-kind';
import { Usd } from '../../_components/usd';

const CRIT_BADGE = { critical: 'badge-bad', important: 'badge-warn', optional: 'badge-neutral' } as const;

export function FallbackBadge({ f }: { f: FallbackReport }) {
  const exercised = f.status === 'exercised';
  return (
    <span className="fallback-item">
      <code>
        {f.vendor}/{f.model}
      </code>{' '}
      <span className="badge badge-neutral">declared</span>{' '}
      <span className={`badge ${exercised ? 'badge-ok' : 'badge-warn'}`} data-fallback-status={f.status}>
        {exercised ? `exercised · ${formatInt(f.events)} events` : 'never exercised'}
      </span>
      {f.sameVendor ? <span className="small muted"> (same vendor: does not reduce the exposure)</span> : null}
    </span>
  );
}

/** Single-vendor exposed workflows, ranked by criticality then spend (analyseConcentration's order). */
export function ExposureCard({ exposed }: { exposed: WorkflowConcentration[] }) {
  return (
    <section className="card" aria-labelledby="exposure-title">
      <div className="card-head">
        <div>
          <h2 id="exposure-title">
            Single-vendor exposed workflows <MoneyKind kind="list" />
          </h2>
          <p>
            One vendor serves 95% or more of the workflow&apos;s spend and no declared fallback on another vendor was exercised in the
            period: these stop if that vendor changes its terms. Ranked by criticality, then spend.
          </p>
        </div>
      </div>
      {exposed.length === 0 ? (
        <p className="muted">No workflow is exposed to a single vendor in this period.</p>
      ) : (
        <div className="table-wrap">
          <table aria-label="Single-vendor exposed workflows">
            <thead>
              <tr>
                <th className="right">Rank</th>
                <th>Workflow</th>
                <th>Team</th>
                <th>Criticality</th>
                <th>Vendor</th>
                <th className="right">Share</th>
                <th className="right">List spend</th>
                <th>Fallbacks</th>
              </tr>
            </thead>
            <tbody>
              {exposed.map((w, i) => (
                <tr key={w.workflow}>
                  <td className="right">{i + 1}</td>
                  <td>{w.workflow}</td>
                  <td>{w.team}</td>
                  <td>
                    <span className={`badge ${CRIT_BADGE[w.criticality]}`}>{w.criticality}</span>
                  </td>
                  <td>{w.topVendor ?? '—'}</td>
                  <td className="right">{formatShare(w.topShare)}</td>
                  <td className="right">
                    <Usd value={w.spendUsd} />
                  </td>
                  <td>
                    {w.fallbacks.length === 0 ? (
                      <span className="badge badge-bad">none declared</span>
                    ) : (
                      <ul className="plain-list">
                        {w.fallbacks.map((f) => (
                          <li key={`${f.vendor}/${f.model}`}>
                            <FallbackBadge f={f} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
