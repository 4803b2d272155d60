/** Month close: what changed since this month's statement was last exported, and the export downloads. */
import type { StatementChanges } from '@/db/queries/statement-exports';
import { EXPORT_FORMATS, exportHref, type StatementParamFilters } from '@/lib/finance-params';
import { formatDateTime, formatMonth, formatUsd } from '@/lib/format';

const SECTION: Record<string, string> = {
  team: 'Cost centre',
  workflow: 'Workflow',
  vendor: 'Vendor',
  charge: 'Invoice charge',
  subscription: 'Subscription',
};
const CHANGE: Record<string, { label: string; cls: string }> = {
  added: { label: 'New', cls: 'badge-warn' },
  removed: { label: 'Gone', cls: 'badge-bad' },
  changed: { label: 'Changed', cls: 'badge-neutral' },
};

function Delta({ value }: { value: string | null }) {
  if (value === null) return <span className="faint">—</span>;
  const neg = value.startsWith('-');
  const zero = /^-?0(\.0*)?$/.test(value);
  return (
    <span className={zero ? 'faint' : neg ? 'delta-neg' : 'delta-pos'}>
      {zero ? formatUsd('0') : `${neg ? '' : '+'}${formatUsd(value)}`}
    </span>
  );
}

export function MonthClose({ changes, month }: { changes: StatementChanges; month: string }) {
  const last = changes.lastExport;
  return (
    <section className="card" aria-labelledby="st-close" data-testid="month-close">
      <div className="card-head">
        <div>
          <h2 id="st-close">Month close: changed since the last export</h2>
          <p>
            {last
              ? `Compared with the ${last.format.toUpperCase()} export of ${formatDateTime(last.exportedAt)} with the same filters.`
              : `${formatMonth(`${month}-01`)} has not been exported with these filters yet. Download it below; from then on this panel lists every line that changes (a late invoice, re-priced usage, newly loaded logs).`}
          </p>
        </div>
      </div>
      {last === null ? null : changes.changes.length === 0 ? (
        <p className="muted" role="status">
          Nothing changed: every line equals the exported statement to the last digit.
        </p>
      ) : (
        <div className="table-wrap">
          <table aria-label="Lines changed since the last export" className="table-nowrap fin-table">
            <thead>
              <tr>
                <th scope="col">Section</th>
                <th scope="col">Line</th>
                <th scope="col">Change</th>
                <th scope="col" className="right">
                  List then → now
                </th>
                <th scope="col" className="right">
                  List Δ
                </th>
                <th scope="col" className="right">
                  Billed then → now
                </th>
                <th scope="col" className="right">
                  Billed Δ
                </th>
              </tr>
            </thead>
            <tbody>
              {changes.changes.map((c) => (
                <tr key={c.id}>
                  <td>{SECTION[c.section] ?? c.section}</td>
                  <th scope="row">{c.label}</th>
                  <td>
                    <span className={`badge ${CHANGE[c.change].cls}`}>{CHANGE[c.change].label}</span>
                  </td>
                  <td className="right">
                    {formatUsd(c.before?.listCostUsd)} → {formatUsd(c.after?.listCostUsd)}
                  </td>
                  <td className="right">
                    <Delta value={c.listDeltaUsd} />
                  </td>
                  <td className="right">
                    {formatUsd(c.before?.billedCostUsd)} → {formatUsd(c.after?.billedCostUsd)}
                  </td>
                  <td className="right">
                    <Delta value={c.billedDeltaUsd} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {last && changes.totalsThen ? (
        <p className="small muted" style={{ marginTop: 8 }}>
          Totals then → now: list {formatUsd(changes.totalsThen.listCostUsd)} → {formatUsd(changes.totalsNow.listCostUsd)}; billed{' '}
          {formatUsd(changes.totalsThen.billedCostUsd)} → {formatUsd(changes.totalsNow.billedCostUsd)}.
        </p>
      ) : null}
    </section>
  );
}

export function Downloads({ month, filters }: { month: string; filters: StatementParamFilters }) {
  const scope = [filters.vendor, filters.team, filters.workflow].filter(Boolean).join(', ');
  return (
    <section className="card" aria-labelledby="st-downloads">
      <div className="card-head">
        <div>
          <h2 id="st-downloads">Download the statement</h2>
          <p>
            {formatMonth(`${month}-01`)}
            {scope ? `, filtered to ${scope}` : ', unfiltered'}; the file prints the period and filters that produced it. Each download is
            recorded, so the month-close panel above compares against the latest one.
          </p>
        </div>
      </div>
      <ul className="download-row">
        {EXPORT_FORMATS.map((f) => (
          <li key={f.format}>
            <a className="btn" href={exportHref(f.format, month, filters)} download title={f.description}>
              Download {f.label}
            </a>{' '}
            <span className="small faint">{f.description}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
