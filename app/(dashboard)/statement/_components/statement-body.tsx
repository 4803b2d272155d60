/** The statement of one month: totals, allocation to teams and workflows, vendors, invoice charges, month close, downloads. */
import type { Connection } from '@/db/client';
import { getMonthlyStatement } from '@/db/queries/statement';
import { getStatementChanges } from '@/db/queries/statement-exports';
import { type StatementParamFilters, toStatementFilters } from '@/lib/finance-params';
import { formatInt, formatMonth, formatUsd } from '@/lib/format';
import { FinanceKpi as Kpi } from '../../_components/finance/kpi';
import { MoneyKind } from '../../_components/overview/money-kind';
import { Downloads, MonthClose } from './month-close';
import { AllocationTable, ChargesTable, VendorTable } from './statement-tables';
import { SubscriptionsTable } from './subscriptions-table';

export async function StatementBody({ conn, month, filters }: { conn: Connection; month: string; filters: StatementParamFilters }) {
  const s = await getMonthlyStatement(conn, month, toStatementFilters(filters));
  const changes = await getStatementChanges(conn, s);
  const t = s.totals;
  const empty = t.events === 0 && t.invoiceBilledCostUsd === null;
  const scope = [filters.vendor, filters.team, filters.workflow].filter(Boolean).join(' · ');
  return (
    <>
      {empty ? (
        <div className="notice notice-warn" role="status">
          <p>
            <strong>
              Nothing in {formatMonth(`${month}-01`)}
              {scope ? ` for ${scope}` : ''}.
            </strong>{' '}
            Pick another month above
            {scope ? ', or clear the filters' : ''}; the months listed are those with data.
          </p>
        </div>
      ) : null}
      {!s.invoicesIncluded ? (
        <div className="notice notice-warn" role="status">
          <p>
            Filtered by team or workflow: invoice charges are left out, because vendor invoices do not say which team or workflow they are
            for. Billed amounts below are only what vendors state per request.
          </p>
        </div>
      ) : null}
      <div className="grid-kpi">
        <Kpi
          id="st-list"
          label="Usage at list price"
          badge={<MoneyKind kind="list" />}
          value={formatUsd(t.listCostUsd)}
          testId="statement-list"
          exact={t.listCostUsd}
        >
          {t.unpricedEvents ? `${formatInt(t.unpricedEvents)} unpriced events not included` : `${formatInt(t.events)} events, all priced`}
        </Kpi>
        <Kpi
          id="st-billed"
          label="Billed"
          badge={<MoneyKind kind="billed" />}
          value={formatUsd(t.billedCostUsd)}
          testId="statement-billed"
          exact={t.billedCostUsd}
        >
          Invoices + vendor-stated per-request costs
          {t.subscriptionBilledCostUsd ? ' + subscriptions' : ''}
        </Kpi>
        <Kpi
          id="st-invoice"
          label="Invoice charges"
          badge={<MoneyKind kind="billed" />}
          value={formatUsd(t.invoiceBilledCostUsd)}
          testId="statement-invoice"
          exact={t.invoiceBilledCostUsd}
        >
          {s.invoicesIncluded ? `${formatInt(s.charges.length)} charge lines` : 'Left out: filtered by team or workflow'}
        </Kpi>
        <Kpi
          id="st-event"
          label="Billed per request"
          badge={<MoneyKind kind="billed" />}
          value={formatUsd(t.eventBilledCostUsd)}
          testId="statement-event-billed"
          exact={t.eventBilledCostUsd}
        >
          Where a vendor states the cost of each request
        </Kpi>
      </div>
      <MonthClose changes={changes} month={month} />
      <Downloads month={month} filters={filters} />
      <section className="card" aria-labelledby="st-teams">
        <div className="card-head">
          <div>
            <h2 id="st-teams">Cost centres (teams)</h2>
            <p>
              Usage allocated to the team that made it. Usage with no team is its own line, never spread over the others. Vendor invoices
              are not itemised by team, so they stay one line; the lines add up to the totals above.
            </p>
          </div>
        </div>
        <AllocationTable lines={s.teams} kind="team" month={month} filters={filters} totals={t} />
      </section>
      <section className="card" aria-labelledby="st-vendors">
        <div className="card-head">
          <div>
            <h2 id="st-vendors">Vendors: list beside billed</h2>
            <p>
              Billed = invoice lines in the month plus costs vendors state per request. Status: billed; invoice missing (the vendor billed
              in other months, not this one: load its invoice); list only (this vendor never had a billed amount loaded).
            </p>
          </div>
        </div>
        <VendorTable lines={s.vendors} month={month} />
      </section>
      <section className="card" aria-labelledby="st-workflows">
        <div className="card-head">
          <div>
            <h2 id="st-workflows">Workflows</h2>
            <p>
              The same usage by the workflow each request was tagged with; usage with no workflow tag is its own line. (Dependencies and
              Scenarios group by the dependency map's rules instead.)
            </p>
          </div>
        </div>
        <AllocationTable lines={s.workflows} kind="workflow" month={month} filters={filters} totals={t} />
      </section>
      <section className="card" aria-labelledby="st-charges">
        <div className="card-head">
          <div>
            <h2 id="st-charges">
              Invoice charges <MoneyKind kind="billed" />
            </h2>
            <p>
              Vendor invoice and cost-export lines in the month by category (usage, subscription, credit, tax, …). Subscriptions a vendor
              invoices appear here as their own lines; seat plans declared in the dependency map are listed below.
            </p>
          </div>
        </div>
        {s.invoicesIncluded ? (
          <ChargesTable lines={s.charges} />
        ) : (
          <p className="muted">Left out while the statement is filtered by team or workflow.</p>
        )}
      </section>
      {s.subscriptions ? (
        <section className="card" aria-labelledby="st-subs">
          <div className="card-head">
            <div>
              <h2 id="st-subs">
                Subscriptions <MoneyKind kind="billed" />
              </h2>
              <p>
                Flat-rate plans declared in the dependency map (seats × monthly price, prorated by days in the period). They are part of the
                billed total above; the team, workflow and vendor sections hold usage and invoices only. Declare a plan here only if its
                invoice is not also loaded as a cost export.
              </p>
            </div>
          </div>
          <SubscriptionsTable lines={s.subscriptions} />
        </section>
      ) : null}
    </>
  );
}
