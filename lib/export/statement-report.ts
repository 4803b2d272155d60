/**
 * A Statement (db/queries/statement.ts) as a Report for the CSV, XLSX and PDF writers. Every total
 * row carries the statement's own exact totals, which the sections add up to (tested against the
 * database), so the files show the same figures as the page.
 */
import { sumExact } from '../money';
import type { Statement, StatementLine } from '../statement-types';
import { describeFilters, type Report, type ReportColumn, type ReportRow, type ReportSection } from './report';

const usd = (key: string, label: string): ReportColumn => ({ key, label, type: 'usd' });
const int = (key: string, label: string): ReportColumn => ({ key, label, type: 'int' });
const text = (key: string, label: string, weight?: number): ReportColumn => ({ key, label, type: 'text', ...(weight ? { weight } : {}) });

const KIND_LABEL: Record<string, string> = {
  usage: 'usage',
  unallocated: 'unallocated',
  invoice: 'invoice charges',
  charge: 'invoice charge',
  subscription: 'subscription',
};

const ALLOCATION_COLUMNS = (what: string): ReportColumn[] => [
  text('label', what),
  text('kind', 'Line', 1.3),
  int('events', 'Events'),
  int('requests', 'Requests'),
  int('unpricedEvents', 'Unpriced events'),
  usd('listCostUsd', 'List cost (USD)'),
  usd('billedCostUsd', 'Billed (USD)'),
];

function allocationRows(lines: StatementLine[]): ReportRow[] {
  // Invoice lines have no events: their counts are not applicable (empty), not zero.
  const count = (l: StatementLine, n: number) => (l.kind === 'invoice' ? null : n);
  return lines.map((l) => ({
    label: l.label,
    kind: KIND_LABEL[l.kind] ?? l.kind,
    events: count(l, l.events),
    requests: count(l, l.requests),
    unpricedEvents: count(l, l.unpricedEvents),
    listCostUsd: l.listCostUsd,
    billedCostUsd: l.billedCostUsd,
  }));
}

export function statementReport(s: Statement, opts: { generatedAt: Date }): Report {
  const t = s.totals;
  const allocationTotal: ReportRow = {
    label: 'Total',
    kind: null,
    events: t.events,
    requests: t.requests,
    unpricedEvents: t.unpricedEvents,
    listCostUsd: t.listCostUsd,
    billedCostUsd: sumExact([t.eventBilledCostUsd, t.invoiceBilledCostUsd]),
  };
  const sections: ReportSection[] = [
    {
      id: 'Summary',
      title: 'Summary',
      columns: [text('measure', 'Measure'), usd('listCostUsd', 'List cost (USD)'), usd('billedCostUsd', 'Billed (USD)')],
      rows: [
        { measure: 'Usage (billed: vendor-stated per request)', listCostUsd: t.listCostUsd, billedCostUsd: t.eventBilledCostUsd },
        { measure: 'Vendor invoices', listCostUsd: null, billedCostUsd: t.invoiceBilledCostUsd },
        ...(s.subscriptions ? [{ measure: 'Subscriptions', listCostUsd: null, billedCostUsd: t.subscriptionBilledCostUsd }] : []),
      ],
      total: { measure: 'Total', listCostUsd: t.listCostUsd, billedCostUsd: t.billedCostUsd },
      note: 'List cost is our catalog price of the usage; billed is what vendors charge. They are shown side by side, never added.',
    },
    {
      id: 'By team',
      title: 'Spend by cost centre (team)',
      columns: ALLOCATION_COLUMNS('Team'),
      rows: allocationRows(s.teams),
      total: allocationTotal,
    },
    {
      id: 'By workflow',
      title: 'Spend by workflow',
      columns: ALLOCATION_COLUMNS('Workflow'),
      rows: allocationRows(s.workflows),
      total: allocationTotal,
    },
    {
      id: 'By vendor',
      title: 'Spend by vendor',
      columns: [
        text('label', 'Vendor', 1.6),
        text('status', 'Billing status', 1.1),
        int('usageDays', 'Usage days'),
        int('billedDays', 'Billed days'),
        int('events', 'Events'),
        usd('listCostUsd', 'List cost (USD)'),
        usd('invoiceBilledUsd', 'Invoices (USD)'),
        usd('eventBilledUsd', 'Per request (USD)'),
        usd('billedCostUsd', 'Billed (USD)'),
      ],
      rows: s.vendors.map((v) => ({
        label: v.label,
        status: v.status === 'list_only' ? 'list only' : v.status === 'invoices_filtered' ? 'invoices left out' : v.status,
        usageDays: v.usageDays,
        billedDays: v.billedDays,
        events: v.events,
        listCostUsd: v.listCostUsd,
        invoiceBilledUsd: v.invoiceBilledUsd,
        eventBilledUsd: v.eventBilledUsd,
        billedCostUsd: v.billedCostUsd,
      })),
      total: {
        label: 'Total',
        status: null,
        usageDays: null,
        billedDays: null,
        events: t.events,
        listCostUsd: t.listCostUsd,
        invoiceBilledUsd: t.invoiceBilledCostUsd,
        eventBilledUsd: t.eventBilledCostUsd,
        billedCostUsd: sumExact([t.invoiceBilledCostUsd, t.eventBilledCostUsd]),
      },
    },
    {
      id: 'Invoice charges',
      title: 'Invoice charges by vendor and category',
      columns: [text('vendor', 'Vendor', 1.5), text('category', 'Category', 1.5), usd('billedCostUsd', 'Billed (USD)')],
      rows: s.charges.map((c) => ({ vendor: c.vendor, category: c.chargeCategory, billedCostUsd: c.billedCostUsd })),
      total: { vendor: 'Total', category: null, billedCostUsd: t.invoiceBilledCostUsd },
      ...(s.invoicesIncluded ? {} : { note: 'Invoice lines carry no team or workflow, so a team or workflow filter leaves them out.' }),
    },
  ];
  if (s.subscriptions)
    sections.push({
      id: 'Subscriptions',
      title: 'Subscriptions',
      columns: [text('label', 'Subscription'), usd('billedCostUsd', 'Billed (USD)')],
      rows: s.subscriptions.map((l) => ({ label: l.label, billedCostUsd: l.billedCostUsd })),
      total: { label: 'Total', billedCostUsd: t.subscriptionBilledCostUsd },
    });
  return {
    title: s.month ? `AI spend statement ${s.month}` : `AI spend statement ${s.from} to ${s.to}`,
    period: { from: s.from, to: s.to },
    filters: describeFilters({ ...s.filters }),
    generatedAt: opts.generatedAt.toISOString(),
    notes: [
      'Amounts in USD. List cost = usage at catalog prices (negotiated overrides win); billed = vendor invoices plus vendor-stated per-request costs.',
      'Unallocated lines hold usage with no team or workflow; invoice charges are one line because invoices are not itemised by team.',
      ...(s.invoicesIncluded ? [] : ['A team or workflow filter is set: invoice lines (no team or workflow) are left out.']),
    ],
    sections,
  };
}
