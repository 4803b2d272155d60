import type { ReactNode } from 'react';

/** A headline figure of a finance page; testId marks the exact value for the browser tests. */
export function FinanceKpi(props: { id: string; label: string; badge?: ReactNode; value: string; testId: string; children?: ReactNode }) {
  return (
    <section className="card kpi" aria-labelledby={props.id}>
      <h2 id={props.id} className="kpi-label">
        {props.label} {props.badge}
      </h2>
      <p className="kpi-value" data-testid={props.testId}>
        {props.value}
      </p>
      {props.children ? <p className="kpi-sub">{props.children}</p> : null}
    </section>
  );
}
