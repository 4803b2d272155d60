import Link from 'next/link';
import type { CoverageSuggestion } from '@/db/queries/config';
import type { ItemizedConfig } from '@/lib/config/types';
import { formatDay, formatInt } from '@/lib/format';
import { Usd } from '../../../_components/usd';
import { deleteItemAction } from '../actions';
import { fallbacksToText, matchToText } from '../config-edit';

const CRIT_BADGE = { critical: 'badge-bad', important: 'badge-warn', optional: 'badge-neutral' } as const;

function DeleteButton({ section, itemKey, label }: { section: string; itemKey: string | number; label: string }) {
  return (
    <form action={deleteItemAction}>
      <input type="hidden" name="section" value={section} />
      <input type="hidden" name="key" value={itemKey} />
      <button type="submit" className="btn btn-sm btn-danger" aria-label={`Delete ${label}`}>
        Delete
      </button>
    </form>
  );
}

function Actions({ edit, section, itemKey, label }: { edit: string; section: string; itemKey: string | number; label: string }) {
  return (
    <div className="card-actions" style={{ justifyContent: 'flex-start' }}>
      <Link href={edit} className="btn btn-sm" aria-label={`Edit ${label}`}>
        Edit
      </Link>
      <DeleteButton section={section} itemKey={itemKey} label={label} />
    </div>
  );
}

export function WorkflowsTable({ config }: { config: ItemizedConfig }) {
  if (config.workflows.length === 0)
    return <p className="muted">No workflow yet. Add one, start from a suggestion below, or import an itemized.yaml.</p>;
  return (
    <div className="table-wrap">
      <table aria-label="Workflows">
        <thead>
          <tr>
            <th className="right">Order</th>
            <th>Workflow</th>
            <th>Team</th>
            <th>Criticality</th>
            <th>Match rules</th>
            <th>Fallbacks</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {config.workflows.map((w, i) => (
            <tr key={w.name}>
              <td className="right">{i + 1}</td>
              <td>
                <strong>{w.name}</strong>
                {w.description ? <div className="small muted">{w.description}</div> : null}
              </td>
              <td>{w.team}</td>
              <td>
                <span className={`badge ${CRIT_BADGE[w.criticality]}`}>{w.criticality}</span>
              </td>
              <td>
                <code className="small pre-lines">{matchToText(w.match)}</code>
              </td>
              <td>
                {w.fallbacks.length ? <code className="small pre-lines">{fallbacksToText(w)}</code> : <span className="muted">none</span>}
              </td>
              <td>
                <Actions
                  edit={`/settings/workflows?edit=workflow&name=${encodeURIComponent(w.name)}#editor`}
                  section="workflows"
                  itemKey={w.name}
                  label={w.name}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SuggestionsTable({ suggestions }: { suggestions: CoverageSuggestion[] }) {
  if (suggestions.length === 0) return <p className="muted">Every workflow tag and project in the data is covered by a workflow rule.</p>;
  return (
    <div className="table-wrap">
      <table aria-label="Uncovered workflow tags and projects">
        <thead>
          <tr>
            <th>Kind</th>
            <th>Value</th>
            <th className="right">Events</th>
            <th className="right">List cost</th>
            <th>Seen</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {suggestions.map((s) => (
            <tr key={`${s.kind}:${s.value}`}>
              <td>{s.kind === 'workflow_tag' ? 'workflow tag' : 'project'}</td>
              <td>
                <code>{s.value}</code>
              </td>
              <td className="right">{formatInt(s.events)}</td>
              <td className="right">
                <Usd value={s.listCostUsd} />
              </td>
              <td className="small">
                {formatDay(s.firstDay)} – {formatDay(s.lastDay)}
              </td>
              <td>
                <Link
                  className="btn btn-sm"
                  href={`/settings/workflows?edit=workflow&${s.kind === 'workflow_tag' ? 'tag' : 'project'}=${encodeURIComponent(s.value)}#editor`}
                >
                  Create workflow
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SubscriptionsTable({ config }: { config: ItemizedConfig }) {
  if (config.subscriptions.length === 0) return <p className="muted">No flat-rate plan declared.</p>;
  return (
    <div className="table-wrap">
      <table aria-label="Subscriptions">
        <thead>
          <tr>
            <th>Plan</th>
            <th>Vendor</th>
            <th className="right">Seats</th>
            <th className="right">Per seat / month</th>
            <th>Period</th>
            <th>Team</th>
            <th>Seat holders</th>
            <th>Covers</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {config.subscriptions.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a plan is identified by its position (names may repeat)
            <tr key={i}>
              <td>{s.plan}</td>
              <td>{s.vendor}</td>
              <td className="right">{formatInt(s.seats)}</td>
              <td className="right">
                <Usd value={s.monthlyPricePerSeatUsd} />
              </td>
              <td className="small">
                {s.periodStart ?? 'open'} – {s.periodEnd ?? 'open'}
              </td>
              <td>{s.team ?? '—'}</td>
              <td className="small">{s.users.length ? s.users.join(', ') : 'anyone'}</td>
              <td>{s.covers.join(', ')}</td>
              <td>
                <Actions
                  edit={`/settings/workflows?edit=subscription&index=${i}#editor`}
                  section="subscriptions"
                  itemKey={i}
                  label={`subscription ${s.plan}`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BudgetsTable({ config }: { config: ItemizedConfig }) {
  if (config.budgets.length === 0) return <p className="muted">No budget declared.</p>;
  return (
    <div className="table-wrap">
      <table aria-label="Budgets">
        <thead>
          <tr>
            <th>For</th>
            <th>Name</th>
            <th>Month</th>
            <th className="right">USD per month</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {config.budgets.map((b, i) => (
            <tr key={`${b.scope}:${b.name}:${b.month ?? ''}`}>
              <td>{b.scope}</td>
              <td>{b.name}</td>
              <td>{b.month ?? 'every month'}</td>
              <td className="right">
                <Usd value={b.amountUsd} />
              </td>
              <td>
                <Actions
                  edit={`/settings/workflows?edit=budget&index=${i}#editor`}
                  section="budgets"
                  itemKey={i}
                  label={`budget ${b.scope} ${b.name} ${b.month ?? ''}`.trim()}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
