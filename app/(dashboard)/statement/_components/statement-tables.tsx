/**
 * Statement tables (server-rendered). Each table's footer is the exact sum of its lines (sumExact),
 * which must equal the statement totals; the browser test checks that it does, to the cent shown.
 */
import Link from 'next/link';
import type { ChargeStatementLine, StatementLine, StatementTotals, VendorStatementLine } from '@/db/queries/statement';
import { explorerHref, requestsHref } from '@/lib/explorer-links';
import type { ExplorerFilters } from '@/lib/explorer-view';
import type { StatementParamFilters } from '@/lib/finance-params';
import { formatInt, formatShare, formatUsd } from '@/lib/format';
import { shareOf, sumExact } from '@/lib/money';
import { monthPeriod } from '@/lib/months';
import { exactAttr } from '../../_components/finance/kpi';
import { MoneyKind } from '../../_components/overview/money-kind';

const ROW_CLASS: Partial<Record<StatementLine['kind'], string>> = { unallocated: 'unallocated-row', invoice: 'invoice-row' };

function scopeFilters(f: StatementParamFilters): ExplorerFilters {
  const out: ExplorerFilters = {};
  if (f.vendor) out.vendor = [f.vendor];
  if (f.team) out.team = [f.team];
  if (f.workflow) out.workflow = [f.workflow];
  return out;
}

export function AllocationTable(props: {
  lines: StatementLine[];
  kind: 'team' | 'workflow';
  month: string;
  filters: StatementParamFilters;
  totals: StatementTotals;
}) {
  const { lines, kind, month, filters, totals } = props;
  const period = monthPeriod(month);
  const title = kind === 'team' ? 'Cost centre' : 'Workflow';
  const list = sumExact(lines.map((l) => l.listCostUsd));
  const billed = sumExact(lines.map((l) => l.billedCostUsd));
  return (
    <div className="table-wrap">
      <table aria-label={kind === 'team' ? 'Spend by cost centre' : 'Spend by workflow'} className="table-nowrap fin-table">
        <thead>
          <tr>
            <th scope="col">{title}</th>
            <th scope="col" className="right">
              List cost <MoneyKind kind="list" />
            </th>
            <th scope="col" className="right">
              Share of list
            </th>
            <th scope="col" className="right">
              Billed <MoneyKind kind="billed" />
            </th>
            <th scope="col" className="right">
              Events
            </th>
            <th scope="col" className="right">
              Unpriced
            </th>
            <th scope="col">Requests behind it</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => {
            const filtersHere: ExplorerFilters = { ...scopeFilters(filters), [kind]: [l.key] };
            return (
              <tr key={l.id} className={ROW_CLASS[l.kind]} data-line={l.kind}>
                <th scope="row">
                  {l.label}
                  {l.kind === 'unallocated' ? <span className="badge badge-warn">unallocated</span> : null}
                </th>
                <td className="right" data-metric="listCostUsd" data-exact={exactAttr(l.listCostUsd)}>
                  {formatUsd(l.listCostUsd)}
                </td>
                <td className="right">{l.kind === 'invoice' ? '—' : formatShare(shareOf(l.listCostUsd, totals.listCostUsd))}</td>
                <td className="right">{formatUsd(l.billedCostUsd)}</td>
                <td className="right">{l.kind === 'invoice' ? '—' : formatInt(l.events)}</td>
                <td className="right">{l.kind === 'invoice' ? '—' : formatInt(l.unpricedEvents)}</td>
                <td>
                  {l.kind === 'invoice' ? (
                    <span className="faint">invoice lines, below</span>
                  ) : l.events === 0 ? (
                    <span className="faint">none</span>
                  ) : (
                    <>
                      <Link href={explorerHref({ ...period, filters: filtersHere })} prefetch={false} aria-label={`Explore ${l.label}`}>
                        Explore
                      </Link>
                      {' · '}
                      <Link href={requestsHref({ ...period, filters: filtersHere })} prefetch={false} aria-label={`Requests of ${l.label}`}>
                        Requests
                      </Link>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr className="total-row">
            <th scope="row">Total</th>
            <td className="right" data-testid={`${kind}-total-list`} data-exact={exactAttr(list)}>
              {formatUsd(list)}
            </td>
            <td className="right">{list === null ? '—' : '100.0%'}</td>
            <td className="right" data-testid={`${kind}-total-billed`} data-exact={exactAttr(billed)}>
              {formatUsd(billed)}
            </td>
            <td className="right">{formatInt(lines.reduce((a, l) => a + l.events, 0))}</td>
            <td className="right">{formatInt(lines.reduce((a, l) => a + l.unpricedEvents, 0))}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

const STATUS: Record<VendorStatementLine['status'], { label: string; cls: string }> = {
  billed: { label: 'Billed', cls: 'badge-ok' },
  missing: { label: 'Invoice missing', cls: 'badge-bad' },
  invoices_filtered: { label: 'Invoices left out', cls: 'badge-neutral' },
  list_only: { label: 'List only', cls: 'badge-neutral' },
};

export function VendorTable({ lines, month }: { lines: VendorStatementLine[]; month: string }) {
  const period = monthPeriod(month);
  return (
    <div className="table-wrap">
      <table aria-label="Spend by vendor" className="table-nowrap fin-table">
        <thead>
          <tr>
            <th scope="col">Vendor</th>
            <th scope="col" className="right">
              List cost <MoneyKind kind="list" />
            </th>
            <th scope="col" className="right">
              Billed <MoneyKind kind="billed" />
            </th>
            <th scope="col" className="right">
              of which invoices
            </th>
            <th scope="col" className="right">
              of which per request
            </th>
            <th scope="col">Status</th>
            <th scope="col" className="right">
              Days billed / with usage
            </th>
            <th scope="col">Reconciliation</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id}>
              <th scope="row">
                {l.events ? (
                  <Link href={explorerHref({ ...period, filters: { vendor: [l.label] } })} prefetch={false}>
                    {l.label}
                  </Link>
                ) : (
                  l.label
                )}
              </th>
              <td className="right">{formatUsd(l.listCostUsd)}</td>
              <td className="right">{formatUsd(l.billedCostUsd)}</td>
              <td className="right">{formatUsd(l.invoiceBilledUsd)}</td>
              <td className="right">{formatUsd(l.eventBilledUsd)}</td>
              <td>
                <span
                  className={`badge ${STATUS[l.status].cls}`}
                  data-status={l.status}
                  title={l.status === 'invoices_filtered' ? 'Invoices are left out while filtering by team or workflow' : undefined}
                >
                  {STATUS[l.status].label}
                </span>
              </td>
              <td className="right">
                {formatInt(l.billedDays)} / {formatInt(l.usageDays)}
              </td>
              <td>{l.reconciliation ? l.reconciliation.status : <span className="faint">not reconciled yet</span>}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="total-row">
            <th scope="row">Total</th>
            <td className="right" data-testid="vendor-total-list" data-exact={exactAttr(sumExact(lines.map((l) => l.listCostUsd)))}>
              {formatUsd(sumExact(lines.map((l) => l.listCostUsd)))}
            </td>
            <td className="right" data-testid="vendor-total-billed" data-exact={exactAttr(sumExact(lines.map((l) => l.billedCostUsd)))}>
              {formatUsd(sumExact(lines.map((l) => l.billedCostUsd)))}
            </td>
            <td className="right">{formatUsd(sumExact(lines.map((l) => l.invoiceBilledUsd)))}</td>
            <td className="right">{formatUsd(sumExact(lines.map((l) => l.eventBilledUsd)))}</td>
            <td colSpan={3} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function ChargesTable({ lines }: { lines: ChargeStatementLine[] }) {
  if (lines.length === 0)
    return <p className="muted">No invoice lines loaded for this month. Upload vendor cost exports on the Imports page.</p>;
  return (
    <div className="table-wrap">
      <table aria-label="Invoice charges" className="table-nowrap fin-table">
        <thead>
          <tr>
            <th scope="col">Vendor</th>
            <th scope="col">Category</th>
            <th scope="col" className="right">
              Billed <MoneyKind kind="billed" />
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id}>
              <th scope="row">{l.vendor}</th>
              <td>{l.chargeCategory}</td>
              <td className="right">{formatUsd(l.billedCostUsd)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="total-row">
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td className="right" data-testid="charges-total" data-exact={exactAttr(sumExact(lines.map((l) => l.billedCostUsd)))}>
              {formatUsd(sumExact(lines.map((l) => l.billedCostUsd)))}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
