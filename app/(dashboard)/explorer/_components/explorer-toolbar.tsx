'use client';

/**
 * The explorer's view controls: ordered group-by levels, time grain and visible columns. Each change
 * writes the URL (router.push), so the server renders the new view and back/forward replay it.
 */
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { patchHref } from '@/lib/explorer-links';
import {
  DIMENSION_LABELS,
  EXPLORER_DIMENSIONS,
  EXPLORER_METRICS,
  type ExplorerDimension,
  type ExplorerMetric,
  type ExplorerView,
  METRIC_LABELS,
  TIME_GRAINS,
  type TimeGrain,
} from '@/lib/explorer-view';

const GRAIN_LABELS: Record<TimeGrain, string> = { day: 'Day', week: 'Week (Mon)', month: 'Month' };

export function ExplorerToolbar({ view }: { view: ExplorerView }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const go = (patch: Partial<ExplorerView>) => startTransition(() => router.push(patchHref(view, patch), { scroll: false }));
  const grainId = useId();
  const addId = useId();
  const levels = view.groupBy;
  const unused = EXPLORER_DIMENSIONS.filter((d) => !levels.includes(d));
  const move = (i: number, by: -1 | 1) => {
    const next = [...levels];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    go({ groupBy: next });
  };

  return (
    <section className="card explorer-toolbar" aria-label="View" aria-busy={pending}>
      <fieldset className="group-levels">
        <legend>Group by</legend>
        {levels.length === 0 ? <span className="small muted">Nothing: one total row.</span> : null}
        <ol>
          {levels.map((d, i) => (
            <li key={d} className="chip">
              <span>
                <span className="faint num">{i + 1}.</span> {DIMENSION_LABELS[d]}
                {i === 0 && levels.length + (view.grain ? 1 : 0) > 1 ? <span className="faint"> (subtotals)</span> : null}
              </span>
              <button
                type="button"
                className="chip-btn"
                onClick={() => move(i, -1)}
                disabled={i === 0}
                aria-label={`Move ${DIMENSION_LABELS[d]} up`}
              >
                ↑
              </button>
              <button
                type="button"
                className="chip-btn"
                onClick={() => move(i, 1)}
                disabled={i === levels.length - 1}
                aria-label={`Move ${DIMENSION_LABELS[d]} down`}
              >
                ↓
              </button>
              <button
                type="button"
                className="chip-btn"
                onClick={() => go({ groupBy: levels.filter((x) => x !== d) })}
                aria-label={`Remove ${DIMENSION_LABELS[d]} from the grouping`}
              >
                ×
              </button>
            </li>
          ))}
        </ol>
        {unused.length ? (
          <div className="field">
            <label htmlFor={addId} className="visually-hidden">
              Add a group level
            </label>
            <select
              id={addId}
              value=""
              onChange={(e) => e.target.value && go({ groupBy: [...levels, e.target.value as ExplorerDimension] })}
            >
              <option value="">Add level…</option>
              {unused.map((d) => (
                <option key={d} value={d}>
                  {DIMENSION_LABELS[d]}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </fieldset>
      <div className="field">
        <label htmlFor={grainId}>Time</label>
        <select id={grainId} value={view.grain ?? ''} onChange={(e) => go({ grain: (e.target.value || null) as TimeGrain | null })}>
          <option value="">Whole period</option>
          {TIME_GRAINS.map((g) => (
            <option key={g} value={g}>
              {GRAIN_LABELS[g]}
            </option>
          ))}
        </select>
      </div>
      <ColumnChooser key={view.columns.join(',')} columns={view.columns} onApply={(columns) => go({ columns })} />
      {pending ? (
        <span className="small muted" role="status">
          Loading…
        </span>
      ) : null}
    </section>
  );
}

function ColumnChooser({ columns, onApply }: { columns: ExplorerMetric[]; onApply: (c: ExplorerMetric[]) => void }) {
  const [chosen, setChosen] = useState<ExplorerMetric[]>(columns);
  const toggle = (m: ExplorerMetric) => setChosen((c) => (c.includes(m) ? c.filter((x) => x !== m) : [...c, m]));
  // Columns keep the catalogue order whatever order they were ticked in.
  const ordered = EXPLORER_METRICS.filter((m) => chosen.includes(m));
  return (
    <details className="popover">
      <summary className="btn">
        Columns{' '}
        <span className="faint num">
          {columns.length}/{EXPLORER_METRICS.length}
        </span>
      </summary>
      <div className="popover-panel">
        <fieldset>
          <legend className="visually-hidden">Visible columns</legend>
          {EXPLORER_METRICS.map((m) => (
            <label key={m} className="check">
              <input type="checkbox" checked={chosen.includes(m)} onChange={() => toggle(m)} /> {METRIC_LABELS[m]}
            </label>
          ))}
        </fieldset>
        <div className="popover-actions">
          <button type="button" className="btn btn-sm btn-primary" disabled={ordered.length === 0} onClick={() => onApply(ordered)}>
            Apply columns
          </button>
          <button type="button" className="btn btn-sm" onClick={() => setChosen([...EXPLORER_METRICS])}>
            All
          </button>
        </div>
        {ordered.length === 0 ? <p className="small muted">Pick at least one column.</p> : null}
      </div>
    </details>
  );
}
