import type { ReactNode } from 'react';

/** Exact machine value of a displayed figure (browser tests compare these to the digit); "null" = unknown. */
export const exactAttr = (v: string | number | null | undefined) => (v === undefined ? undefined : v === null ? 'null' : String(v));

/** A headline figure of a finance page; testId marks it and `exact` carries the unrounded value for the browser tests. */
export function FinanceKpi(props: {
  id: string;
  label: string;
  badge?: ReactNode;
  value: string;
  testId: string;
  exact?: string | number | null;
  children?: ReactNode;
}) {
  return (
    <section className="card kpi" aria-labelledby={props.id}>
      <h2 id={props.id} className="kpi-label">
        {props.label} {props.badge}
      </h2>
      <p className="kpi-value" data-testid={props.testId} data-exact={exactAttr(props.exact)}>
        {props.value}
      </p>
      {props.children ? <p className="kpi-sub">{props.children}</p> : null}
    </section>
  );
}
