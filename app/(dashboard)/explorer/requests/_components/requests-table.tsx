/** The usage events of a drill-down page (server-rendered; paging is in the URL). */
import type { ExplorerRequestRow } from '@/db/queries/explorer-requests';
import { formatDateTime, formatDuration, formatInt, formatUsd } from '@/lib/format';
import { exactAttr } from '../../../_components/finance/kpi';
import { MoneyKind } from '../../../_components/overview/money-kind';

const NOT_SET = <span className="null-label">—</span>;
const text = (v: string | null) => v ?? NOT_SET;

function bucket(r: ExplorerRequestRow): string {
  if (r.periodSeconds === 0) return 'request';
  if (r.periodSeconds % 86400 === 0) return `${r.periodSeconds / 86400} d bucket`;
  if (r.periodSeconds % 3600 === 0) return `${r.periodSeconds / 3600} h bucket`;
  return `${r.periodSeconds} s bucket`;
}

export function RequestsTable({ rows }: { rows: ExplorerRequestRow[] }) {
  return (
    <div className="table-wrap">
      <table aria-label="Requests" className="table-nowrap requests-table">
        <thead>
          <tr>
            <th scope="col">Time (UTC)</th>
            <th scope="col">Vendor</th>
            <th scope="col">Model</th>
            <th scope="col" className="right">
              List cost <MoneyKind kind="list" />
            </th>
            <th scope="col" className="right">
              Billed <MoneyKind kind="billed" />
            </th>
            <th
              scope="col"
              className="right"
              title="Cost computed by a gateway or tool from its own price table; kept for reconciliation, never billed"
            >
              Tool-reported
            </th>
            <th scope="col" className="right">
              Requests
            </th>
            <th scope="col" className="right">
              Input
            </th>
            <th scope="col" className="right">
              Output
            </th>
            <th scope="col" className="right">
              Reasoning
            </th>
            <th scope="col">Team</th>
            <th scope="col">Workflow</th>
            <th scope="col">Project</th>
            <th scope="col">User</th>
            <th scope="col">API key</th>
            <th scope="col">Env.</th>
            <th scope="col">Kind</th>
            <th scope="col">Outcome</th>
            <th scope="col" className="right">
              Latency
            </th>
            <th scope="col">Request / trace</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="num">{formatDateTime(r.occurredAt)}</td>
              <td>{r.vendor}</td>
              <td>
                {text(r.model)}
                {/* Who made the model and, through a reseller such as OpenRouter (the vendor that bills), who served it. */}
                {r.modelCreator && r.modelCreator !== r.vendor ? <span className="faint"> by {r.modelCreator}</span> : null}
                {r.servedBy ? <span className="faint">, served by {r.servedBy}</span> : null}
              </td>
              <td className="right" data-metric="listCostUsd" data-exact={exactAttr(r.listCostUsd)}>
                {formatUsd(r.listCostUsd)}
              </td>
              <td className="right">{formatUsd(r.billedCostUsd)}</td>
              <td className="right">
                {formatUsd(r.reportedCostUsd)}
                {r.reportedBy ? <span className="faint"> ({r.reportedBy})</span> : null}
              </td>
              <td className="right">{formatInt(r.requestCount)}</td>
              <td className="right">{formatInt(r.inputTokens)}</td>
              <td className="right">{formatInt(r.outputTokens)}</td>
              <td className="right">{formatInt(r.reasoningTokens)}</td>
              <td>{text(r.team)}</td>
              <td>{text(r.workflow)}</td>
              <td>{text(r.project)}</td>
              <td>{text(r.user)}</td>
              <td>{text(r.apiKey)}</td>
              <td>{text(r.environment)}</td>
              <td>{bucket(r)}</td>
              <td>
                {r.success === null ? (
                  <span className="faint">unknown</span>
                ) : r.success ? (
                  <span className="badge badge-ok">success</span>
                ) : (
                  <span className="badge badge-bad">failure</span>
                )}
              </td>
              <td className="right">{formatDuration(r.latencyMs)}</td>
              <td className="small">
                <code>{r.requestId ?? r.traceId ?? `#${r.id}`}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
