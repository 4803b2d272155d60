import type { ResolvedFilters } from '@/lib/filters';
import { formatDay } from '@/lib/format';

/** The page title with the period and the active filters, as on the overview. */
export function PageHeader({ title, filters, children }: { title: string; filters: ResolvedFilters; children?: React.ReactNode }) {
  const scope = [filters.vendor, filters.team, filters.workflow].filter(Boolean).join(' · ');
  return (
    <div className="page-head">
      <div>
        <h1>{title}</h1>
        <p>
          {formatDay(filters.from)} – {formatDay(filters.to)} (UTC)
          {filters.isDefaultPeriod ? ', the 30 days ending at the latest day with data' : ''}
          {scope ? ` · ${scope}` : ''}
        </p>
        <PeriodNotes filters={filters} />
        {children}
      </div>
    </div>
  );
}

/** What the page changed from the URL's period (a parameter that is not a date, a reversed or too long range), said once. */
export function PeriodNotes({ filters }: { filters: Pick<ResolvedFilters, 'notes'> }) {
  if (!filters.notes?.length) return null;
  return (
    <p className="small period-notes" role="status" data-testid="period-notes">
      From the link: {filters.notes.join('; ')}.
    </p>
  );
}
