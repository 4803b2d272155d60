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

/** Pages that read the filters; elsewhere (Imports, Settings) the bar is not shown. */
const FILTERED_PATHS = ['/', '/reasoning', '/accuracy', '/loops', '/reconciliation', '/dependencies', '/scenarios'];

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
/** Pages that read the period only: the whole dependency map is their subject, so vendor, team and workflow are not offered. */
const PERIOD_ONLY_PATHS = ['/dependencies', '/scenarios'];
/** Page state other than the filters that survives a change of period (the scenario's rules and the saved scenarios open). */
const PAGE_PARAMS: Record<string, string[]> = { '/scenarios': ['rule', 'open', 'compare'] };

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
  const periodOnly = PERIOD_ONLY_PATHS.includes(pathname);
  const hasFilters = (periodOnly ? ['from', 'to'] : FILTER_KEYS).some((k) => params.get(k));
  const pageParams = (PAGE_PARAMS[pathname] ?? []).flatMap((k) => params.getAll(k).map((v) => [k, v] as const));

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const next = Object.fromEntries(FILTER_KEYS.map((k) => [k, String(data.get(k) ?? '')])) as Record<FilterKey, string>;
    // Keep the URL clean while the period is the default one.
    if (next.from === defaultFrom && next.to === defaultTo && !params.get('from') && !params.get('to')) {
      next.from = '';
      next.to = '';
    }
    const query = new URLSearchParams(filtersToQuery(next));
    for (const [k, v] of pageParams) query.append(k, v);
    const qs = query.toString();
    router.push(`${pathname}${qs ? `?${qs}` : ''}`);
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
      {periodOnly ? (
        // Kept as they are, so that the other pages find them again.
        (['vendor', 'team', 'workflow'] as const).map((k) =>
          current(k) ? <input key={k} type="hidden" name={k} value={current(k)} /> : null,
        )
      ) : (
        <>
          <Select id="f-vendor" name="vendor" label="Vendor" value={current('vendor')} options={vendors} all="All vendors" />
          <Select id="f-team" name="team" label="Team" value={current('team')} options={teams} all="All teams" />
          <Select id="f-workflow" name="workflow" label="Workflow" value={current('workflow')} options={workflows} all="All workflows" />
        </>
      )}
      {pageParams.map(([k, v], i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: repeated keys (rule=...) in URL order
        <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className="btn btn-primary">
        Apply
      </button>
      {hasFilters ? (
        <Link href={periodOnly ? resetPeriod(pathname, params.toString()) : pathname} className="btn">
          Reset
        </Link>
      ) : (
        <span className="filters-note">
          Default: 30 days to {formatDay(defaultTo)}, the latest day with data{periodOnly ? '. This page reads the period only.' : ''}
        </span>
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

/** The same page without its period (other parameters, e.g. the scenario's rules, stay). */
function resetPeriod(pathname: string, query: string): string {
  const q = new URLSearchParams(query);
  q.delete('from');
  q.delete('to');
  const s = q.toString();
  return s ? `${pathname}?${s}` : pathname;
}
