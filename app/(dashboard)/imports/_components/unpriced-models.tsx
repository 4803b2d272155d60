import type { UnpricedModel } from '@/db/queries/unpriced';
import { formatDateTime, formatInt } from '@/lib/format';

/** Models with usage and no list price (all time), each with the override that would price it. */
export function UnpricedModels({ models }: { models: UnpricedModel[] }) {
  return (
    <section className="card" aria-labelledby="unpriced-models-title">
      <div className="card-head">
        <div>
          <h2 id="unpriced-models-title">Unpriced models</h2>
          <p>Models with usage but no list price, over everything loaded. List-price spend leaves them out.</p>
        </div>
        {models.length === 0 ? (
          <span className="badge badge-ok">All priced</span>
        ) : (
          <span className="badge badge-warn">
            {formatInt(models.length)} {models.length === 1 ? 'model' : 'models'}
          </span>
        )}
      </div>
      {models.length === 0 ? (
        <p className="muted">Every model with usage has a list price (from the catalog or a price override).</p>
      ) : (
        <>
          <div className="table-wrap">
            <table aria-label="Unpriced models">
              <thead>
                <tr>
                  <th scope="col">Vendor</th>
                  <th scope="col">Model</th>
                  <th scope="col" className="right">
                    Requests
                  </th>
                  <th scope="col" className="right">
                    Input tokens
                  </th>
                  <th scope="col" className="right">
                    Output tokens
                  </th>
                  <th scope="col">First seen</th>
                  <th scope="col">Last seen</th>
                  <th scope="col">Sources</th>
                  <th scope="col">To price it</th>
                </tr>
              </thead>
              <tbody>
                {models.map((m) => (
                  <tr key={`${m.vendor}|${m.model ?? ''}`}>
                    <td>{m.vendor}</td>
                    <td>
                      {m.model ?? <span className="faint">(no model)</span>}
                      {m.modelsRaw.length && m.modelsRaw.some((r) => r !== m.model) ? (
                        <div className="small faint">as {m.modelsRaw.join(', ')}</div>
                      ) : null}
                    </td>
                    <td className="right">{formatInt(m.requests)}</td>
                    <td className="right">{formatInt(m.inputTokens)}</td>
                    <td className="right">{formatInt(m.outputTokens)}</td>
                    <td>{formatDateTime(m.firstSeen)}</td>
                    <td>{formatDateTime(m.lastSeen)}</td>
                    <td>{m.sources.join(', ')}</td>
                    <td>
                      {m.fix ? <code className="small">{m.fix}</code> : <span className="faint">the source names no model</span>}
                      {m.hint ? <div className="small muted">{m.hint}</div> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="notice small" style={{ marginTop: 10 }}>
            <strong>What to do:</strong> check the model name first (a private deployment or alias is not in the catalog). Then add a price
            override with the command beside it, replacing <code>USD</code> with the input and output price per million tokens (
            <code>--cached-input USD</code> and <code>--cache-write USD</code> are optional). Records already loaded are repriced and leave
            this list; later imports use the override. For example:{' '}
            <code>npx itemized prices set --model acme-7b --vendor openai --from 2026-03-01 --input 0.5 --output 1.5</code>.
          </p>
        </>
      )}
    </section>
  );
}
