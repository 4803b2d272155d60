/**
 * Month picker (and, on the statement, vendor / team / workflow) for the finance pages: a plain GET
 * form, so it works without JavaScript and every state is a URL; previous / next month are links.
 */
import Link from 'next/link';
import { financeQuery, type StatementParamFilters } from '@/lib/finance-params';
import { formatMonth } from '@/lib/format';

interface Props {
  path: string;
  month: string;
  /** Months with data, newest first. */
  months: string[];
  filters: StatementParamFilters;
  /** Values for the filter selects; absent = the page takes no filters. */
  options?: { vendors: string[]; teams: string[]; workflows: string[] };
  label: string;
}

export function MonthControls({ path, month, months, filters, options, label }: Props) {
  const list = months.includes(month) ? months : [month, ...months];
  const i = list.indexOf(month);
  const older = list[i + 1];
  const newer = i > 0 ? list[i - 1] : undefined;
  return (
    <section className="card" aria-label={label}>
      <form method="get" action={path} className="filters" key={JSON.stringify([month, filters])}>
        <div className="field">
          <label htmlFor="m-month">Month</label>
          <select id="m-month" name="month" defaultValue={month}>
            {list.map((m) => (
              <option key={m} value={m}>
                {formatMonth(`${m}-01`)}
              </option>
            ))}
          </select>
        </div>
        {options ? (
          <>
            <Choice id="m-vendor" name="vendor" label="Vendor" value={filters.vendor} options={options.vendors} all="All vendors" />
            <Choice id="m-team" name="team" label="Team" value={filters.team} options={options.teams} all="All teams" />
            <Choice
              id="m-workflow"
              name="workflow"
              label="Workflow"
              value={filters.workflow}
              options={options.workflows}
              all="All workflows"
            />
          </>
        ) : null}
        <button type="submit" className="btn btn-primary">
          Show
        </button>
        <nav className="month-links" aria-label="Adjacent months">
          {older ? (
            <Link className="btn btn-sm" href={`${path}${financeQuery(older, filters)}`}>
              ← {formatMonth(`${older}-01`)}
            </Link>
          ) : null}
          {newer ? (
            <Link className="btn btn-sm" href={`${path}${financeQuery(newer, filters)}`}>
              {formatMonth(`${newer}-01`)} →
            </Link>
          ) : null}
        </nav>
        {filters.vendor || filters.team || filters.workflow ? (
          <Link className="btn btn-sm" href={`${path}${financeQuery(month, {})}`}>
            Clear filters
          </Link>
        ) : null}
      </form>
    </section>
  );
}

function Choice(props: { id: string; name: string; label: string; value?: string; options: string[]; all: string }) {
  const options = props.value && !props.options.includes(props.value) ? [props.value, ...props.options] : props.options;
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} name={props.name} defaultValue={props.value ?? ''}>
        <option value="">{props.all}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}
