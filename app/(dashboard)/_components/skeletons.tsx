/** Placeholders shown while a widget's queries run (each widget streams in on its own). */

/** count given: bare cards for a grid the caller owns; else the full KPI row. */
export function KpiSkeleton({ count }: { count?: number } = {}) {
  const cards = Array.from({ length: count ?? 5 }, (_, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
    <div key={i} className="card kpi" aria-hidden="true">
      <div className="skeleton" style={{ height: 14, width: '50%' }} />
      <div className="skeleton" style={{ height: 28, width: '70%' }} />
      <div className="skeleton" style={{ height: 12, width: '90%' }} />
    </div>
  ));
  if (count !== undefined) return <>{cards}</>;
  return (
    <div className="grid-kpi" aria-hidden="true">
      {Array.from({ length: 5 }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <div key={i} className="card kpi">
          <div className="skeleton" style={{ height: 14, width: '50%' }} />
          <div className="skeleton" style={{ height: 28, width: '70%' }} />
          <div className="skeleton" style={{ height: 12, width: '90%' }} />
        </div>
      ))}
    </div>
  );
}

export function CardSkeleton({ height = 240, label }: { height?: number; label: string }) {
  return (
    <div className="card" role="status" aria-label={`Loading ${label}`}>
      <div className="skeleton" style={{ height: 16, width: 180, marginBottom: 14 }} />
      <div className="skeleton" style={{ height }} />
    </div>
  );
}
