'use client';

/**
 * The global filter bar. The URL is the only filter state: the form reads its defaults from the
 * search params and writes them back on submit (method="get" also works without JavaScript).
 * The default period is left out of the URL until the user changes it.
 */
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import type { FormEvent } from 'react';
import { FILTER_KEYS, type FilterKey, filtersToQuery } from '@/lib/filters';
import { formatDay } from '@/lib/format';

/** Pages that read the filters; elsewhere (Imports) the bar is not shown. */
const FILTERED_PATHS = ['/', '/reasoning', '/accuracy', '/loops', '/reconciliation'];

/** Pages with filters of their own, and what the bar says there instead. */
const OWN_FILTERS: [prefix: string, note: string][] = [
  ['/explorer/requests', 'The requests shown are the scope listed below; change it from the explorer.'],
  [
    '/explorer',
    'The explorer has its own period, filters and search below; the sidebar carries the dashboard period, vendor, team and workflow into them.',
  ],
  ['/statement', 'The statement is per calendar month: pick the month, vendor, team or workflow below.'],
  ['/budgets', 'Forecasts, budgets and anomalies are per calendar month: pick the month below.'],
];

export interface FilterBarProps {
  /** False while the database holds no usage or invoice lines (nothing to filter yet). */
  hasData: boolean;
  /** The period used when the URL has none (30 days ending at the latest day with data). */
  defaultFrom: string;
  defaultTo: string;
  vendors: string[];
  teams: string[];
  workflows: string[];
}

export function FilterBar({ hasData, defaultFrom, defaultTo, vendors, teams, workflows }: FilterBarProps) {
  const pathname = usePathname();
  const router = useRouter();
  const params = useSearchParams();
  if (!FILTERED_PATHS.includes(pathname)) {
    const own = OWN_FILTERS.find(([prefix]) => pathname.startsWith(prefix));
    return <p className="filters-note">{own ? own[1] : 'Filters apply to the dashboard pages.'}</p>;
  }
  if (!hasData) return <p className="filters-note">Filters appear once data is loaded.</p>;

  const current = (k: FilterKey) => params.get(k) ?? '';
  const hasFilters = FILTER_KEYS.some((k) => params.get(k));

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const next = Object.fromEntries(FILTER_KEYS.map((k) => [k, String(data.get(k) ?? '')])) as Record<FilterKey, string>;
    // Keep the URL clean while the period is the default one.
    if (next.from === defaultFrom && next.to === defaultTo && !params.get('from') && !params.get('to')) {
      next.from = '';
      next.to = '';
    }
    router.push(`${pathname}${filtersToQuery(next)}`);
  }

  return (
    <form method="get" action={pathname} onSubmit={onSubmit} className="filters" aria-label="Filters" key={params.toString()}>
      <div className="field">
        <label htmlFor="f-from">From</label>
        <input id="f-from" name="from" type="date" defaultValue={current('from') || defaultFrom} max={current('to') || undefined} />
      </div>
      <div className="field">
        <label htmlFor="f-to">To</label>
        <input id="f-to" name="to" type="date" defaultValue={current('to') || defaultTo} />
      </div>
      <Select id="f-vendor" name="vendor" label="Vendor" value={current('vendor')} options={vendors} all="All vendors" />
      <Select id="f-team" name="team" label="Team" value={current('team')} options={teams} all="All teams" />
      <Select id="f-workflow" name="workflow" label="Workflow" value={current('workflow')} options={workflows} all="All workflows" />
      <button type="submit" className="btn btn-primary">
        Apply
      </button>
      {hasFilters ? (
        <Link href={pathname} className="btn">
          Reset
        </Link>
      ) : (
        <span className="filters-note">Default: 30 days to {formatDay(defaultTo)}, the latest day with data</span>
      )}
    </form>
  );
}

function Select(props: { id: string; name: string; label: string; value: string; options: string[]; all: string }) {
  // A value from the URL that is not (or no longer) in the data still shows, so the state is visible.
  const options = props.value && !props.options.includes(props.value) ? [props.value, ...props.options] : props.options;
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} name={props.name} defaultValue={props.value}>
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
