import Link from 'next/link';
import type { SavedScenario } from '@/db/queries/scenarios';
import { formatRule } from '@/lib/analysis/scenario-rules';
import { formatDateTime } from '@/lib/format';
import { deleteScenarioAction } from '../actions';
import { scenarioQuery } from './rule-draft';

/**
 * Saved scenarios: open one (its rules go into the URL, on the current period), delete one, or pick two
 * to compare side by side (a plain GET form: `compare=A&compare=B`).
 */
export function SavedScenarios({
  saved,
  period,
  compare,
}: {
  saved: SavedScenario[];
  period: { from?: string; to?: string };
  compare: number[];
}) {
  return (
    <section className="card" aria-labelledby="saved-title">
      <div className="card-head">
        <div>
          <h2 id="saved-title">Saved scenarios</h2>
          <p>Saved rules are re-run on the period shown, so a saved scenario follows the data. Newest first.</p>
        </div>
      </div>
      {saved.length === 0 ? (
        <p className="muted">No saved scenario yet.</p>
      ) : (
        <>
          <div className="table-wrap">
            <table aria-label="Saved scenarios">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Rules</th>
                  <th>Saved</th>
                  <th>
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {saved.map((s) => (
                  <tr key={s.id}>
                    <td>{s.name}</td>
                    <td>
                      <code className="small">{s.rules.map(formatRule).join(' ')}</code>
                    </td>
                    <td className="small">{formatDateTime(s.createdAt.toISOString())}</td>
                    <td>
                      <div className="card-actions" style={{ justifyContent: 'flex-start' }}>
                        <Link
                          className="btn btn-sm"
                          href={`/scenarios${scenarioQuery(s.rules, period, { open: String(s.id) })}`}
                          aria-label={`Open ${s.name}`}
                        >
                          Open
                        </Link>
                        <form action={deleteScenarioAction}>
                          <input type="hidden" name="id" value={s.id} />
                          <button type="submit" className="btn btn-sm btn-danger" aria-label={`Delete ${s.name}`}>
                            Delete
                          </button>
                        </form>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {saved.length >= 2 ? (
            <form method="get" action="/scenarios" className="form-actions" aria-label="Compare saved scenarios">
              {period.from ? <input type="hidden" name="from" value={period.from} /> : null}
              {period.to ? <input type="hidden" name="to" value={period.to} /> : null}
              {(['A', 'B'] as const).map((side, i) => (
                <div className="field" key={side}>
                  <label htmlFor={`compare-${side}`}>Scenario {side}</label>
                  <select id={`compare-${side}`} name="compare" defaultValue={String(compare[i] ?? saved[i].id)}>
                    {saved.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
              <button type="submit" className="btn">
                Compare side by side
              </button>
            </form>
          ) : null}
        </>
      )}
    </section>
  );
}
