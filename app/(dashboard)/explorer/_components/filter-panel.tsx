/**
 * The explorer's filters as a plain GET form (works without JavaScript): period, label search, and a
 * multi-select per dimension (checkboxes; the values in the period, most used first). The rest of the
 * view rides along in hidden fields; applying goes back to page 1.
 */
import Link from 'next/link';
import type { Connection } from '@/db/client';
import { listFilterValues } from '@/db/queries/explorer-filters';
import { patchHref } from '@/lib/explorer-links';
import {
  DIMENSION_LABELS,
  EXPLORER_DIMENSIONS,
  type ExplorerDimension,
  type ExplorerView,
  explorerViewToSearchParams,
  FILTER_VALUE_LIMIT,
} from '@/lib/explorer-view';
import { formatInt } from '@/lib/format';

export const NOT_SET = '(not set)';

export async function FilterPanel({ conn, view, period }: { conn: Connection; view: ExplorerView; period: { from: string; to: string } }) {
  const values = await listFilterValues(conn, { ...period, limit: FILTER_VALUE_LIMIT });
  const lists = EXPLORER_DIMENSIONS.map((d) => values[d]);
  const hidden = [...explorerViewToSearchParams({ ...view, filters: {}, search: undefined, from: undefined, to: undefined, page: 1 })];
  const active = EXPLORER_DIMENSIONS.filter((d) => view.filters[d]?.length);
  return (
    <section className="card" aria-label="Explorer filters">
      <form method="get" action="/explorer" className="filters explorer-filters">
        {hidden.map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <div className="field">
          <label htmlFor="x-from">From</label>
          <input id="x-from" name="from" type="date" defaultValue={period.from} />
        </div>
        <div className="field">
          <label htmlFor="x-to">To</label>
          <input id="x-to" name="to" type="date" defaultValue={period.to} />
        </div>
        <div className="field">
          <label htmlFor="x-q">Search labels</label>
          <input id="x-q" name="q" type="search" defaultValue={view.search ?? ''} placeholder="e.g. agent" />
        </div>
        {EXPLORER_DIMENSIONS.map((d, i) => (
          <DimensionFilter key={d} dimension={d} values={lists[i]} selected={view.filters[d] ?? []} />
        ))}
        <button type="submit" className="btn btn-primary">
          Apply filters
        </button>
      </form>
      {active.length || view.search ? (
        <ul className="chips" aria-label="Active filters">
          {active.flatMap((d) =>
            (view.filters[d] ?? []).map((v) => {
              const rest = (view.filters[d] ?? []).filter((x) => x !== v);
              const filters = { ...view.filters, [d]: rest };
              if (!rest.length) delete filters[d];
              return (
                <li key={`${d}:${v}`} className="chip">
                  {DIMENSION_LABELS[d]}: {v ?? NOT_SET}
                  <Link
                    href={patchHref(view, { filters })}
                    className="chip-btn"
                    aria-label={`Remove filter ${DIMENSION_LABELS[d]} ${v ?? NOT_SET}`}
                  >
                    ×
                  </Link>
                </li>
              );
            }),
          )}
          {view.search ? (
            <li className="chip">
              Search: “{view.search}”
              <Link href={patchHref(view, { search: undefined })} className="chip-btn" aria-label="Clear the search">
                ×
              </Link>
            </li>
          ) : null}
          <li>
            <Link href={patchHref(view, { filters: {}, search: undefined })} className="btn btn-sm">
              Clear all filters
            </Link>
          </li>
        </ul>
      ) : null}
    </section>
  );
}

function DimensionFilter({
  dimension,
  values,
  selected,
}: {
  dimension: ExplorerDimension;
  values: { value: string | null; events: number }[];
  selected: (string | null)[];
}) {
  // Selected values outside the top of the list stay visible (and ticked), so the state is never hidden.
  const missing = selected.filter((s) => !values.some((v) => v.value === s)).map((value) => ({ value, events: null as number | null }));
  const all: { value: string | null; events: number | null }[] = [...missing, ...values];
  const label = DIMENSION_LABELS[dimension];
  return (
    <details className="popover">
      <summary className="btn">
        {label}
        {selected.length ? <span className="badge badge-neutral">{selected.length}</span> : <span className="faint">any</span>}
      </summary>
      <fieldset className="popover-panel popover-list">
        <legend className="visually-hidden">{label}</legend>
        {all.length === 0 ? <p className="small muted">No values in this period.</p> : null}
        {all.map((v) => (
          <label key={v.value ?? ''} className="check">
            <input type="checkbox" name={dimension} value={v.value ?? ''} defaultChecked={selected.includes(v.value)} />
            <span className={v.value === null ? 'null-label' : undefined}>{v.value ?? NOT_SET}</span>
            <span className="faint num">{v.events === null ? '' : formatInt(v.events)}</span>
          </label>
        ))}
        <div className="popover-actions">
          <button type="submit" className="btn btn-sm btn-primary">
            Apply filters
          </button>
        </div>
        {values.length >= FILTER_VALUE_LIMIT ? (
          <p className="small muted">
            Only the {FILTER_VALUE_LIMIT} most used values are listed; to reach others, group by {label.toLowerCase()} and search labels.
          </p>
        ) : null}
      </fieldset>
    </details>
  );
}
