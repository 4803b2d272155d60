import type { SelfHostedEstimate } from '@/lib/analysis/self-hosted';
import { formatCompact, formatShare } from '@/lib/format';
import { Usd } from '../../_components/usd';

const tokens = (s: string | null) => (s === null ? '—' : formatCompact(Number(s)));

/** Self-hosted deployments of the scenario: cost per million tokens and the monthly volume at which they break even. */
export function SelfHostedTable({ estimates }: { estimates: SelfHostedEstimate[] }) {
  return (
    <section className="card" aria-labelledby="selfhost-title">
      <h3 id="selfhost-title" className="subhead">
        Self-hosted open-weights deployments
      </h3>
      <p className="small muted">
        A month is 730 hours and the GPUs are paid for every hour, busy or not. Cost per million tokens = hourly cost ÷ (tokens/s × 3,600 ×
        utilisation) × 1,000,000. Break-even: the monthly volume at which the deployment costs what the workflow&apos;s API usage costs
        today; above it, self-hosting is cheaper.
      </p>
      <div className="table-wrap" style={{ marginTop: 8 }}>
        <table aria-label="Self-hosted estimates">
          <thead>
            <tr>
              <th>Workflow</th>
              <th>Deployment</th>
              <th className="right">Cost / month</th>
              <th className="right">Self-hosted per 1M tokens</th>
              <th className="right">API today per 1M tokens</th>
              <th className="right">Workflow tokens a month</th>
              <th className="right">Break-even tokens a month</th>
              <th className="right">Capacity a month</th>
            </tr>
          </thead>
          <tbody>
            {estimates.map((s) => (
              <tr key={s.workflow}>
                <td>{s.workflow}</td>
                <td>
                  {s.spec.gpuCount} × {s.spec.gpuType}
                  <br />
                  <span className="small muted">
                    {formatCompact(Number(s.spec.tokensPerSecond))} tokens/s, {formatShare(Number(s.spec.utilisation), 0)} busy
                  </span>
                </td>
                <td className="right">
                  <Usd value={s.monthlyCostUsd} />
                  <br />
                  <span className="small muted">
                    <Usd value={s.hourlyCostUsd} /> / hour
                  </span>
                </td>
                <td className="right" data-testid="selfhost-per-million">
                  <Usd value={s.costPerMillionTokensUsd} decimals={4} />
                </td>
                <td className="right">
                  <Usd value={s.apiCostPerMillionTokensUsd} decimals={4} />
                </td>
                <td className="right">{tokens(s.workflowTokensPerMonth)}</td>
                <td className="right" data-testid="selfhost-break-even">
                  <span title={s.breakEvenMonthlyTokens ?? 'unknown'}>{tokens(s.breakEvenMonthlyTokens)}</span>
                </td>
                <td className="right">
                  {tokens(s.capacityTokensPerMonth)}
                  {s.capacityExceeded ? <span className="badge badge-bad"> exceeded</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
