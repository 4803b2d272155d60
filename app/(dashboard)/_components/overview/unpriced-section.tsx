import type { Db } from '@/db/client';
import { getUnpricedUsage } from '@/db/queries/overview';
import type { ResolvedFilters } from '@/lib/filters';
import { formatInt } from '@/lib/format';

const ROWS_SHOWN = 8;

/** Usage with no list price: list-price spend leaves it out, so it must be visible. */
export async function UnpricedSection({ db, filters }: { db: Db; filters: ResolvedFilters }) {
  const rows = await getUnpricedUsage(db, filters);
  const events = rows.reduce((s, r) => s + r.unpricedEvents, 0);
  const tokens = rows.reduce((s, r) => s + r.unpricedTokens, 0);
  return (
    <section className="card" aria-labelledby="unpriced-title">
      <div className="card-head">
        <div>
          <h2 id="unpriced-title">Unpriced usage</h2>
          <p>Usage whose model has no list price. List-price spend leaves it out; billed spend still includes it.</p>
        </div>
        {rows.length === 0 ? (
          <span className="badge badge-ok">All priced</span>
        ) : (
          <span className="badge badge-warn">{formatInt(events)} events</span>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="muted">Every usage record in this period has a list price.</p>
      ) : (
        <>
          <p>
            <strong className="num">{formatInt(events)}</strong> events with <strong className="num">{formatInt(tokens)}</strong> tokens
            have no list price.
          </p>
          <div className="table-wrap" style={{ marginTop: 10 }}>
            <table aria-label="Unpriced usage by model" className="table-nowrap">
              <thead>
                <tr>
                  <th scope="col">Vendor</th>
                  <th scope="col">Model</th>
                  <th scope="col">Source</th>
                  <th scope="col" className="right">
                    Events
                  </th>
                  <th scope="col" className="right">
                    Tokens
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, ROWS_SHOWN).map((r) => (
                  <tr key={`${r.vendor}|${r.model}|${r.source}`}>
                    <td>{r.vendor}</td>
                    <td>{r.model ?? <span className="faint">(no model)</span>}</td>
                    <td>{r.source}</td>
                    <td className="right">{formatInt(r.unpricedEvents)}</td>
                    <td className="right">{formatInt(r.unpricedTokens)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.length > ROWS_SHOWN ? <p className="small muted">and {rows.length - ROWS_SHOWN} more models.</p> : null}
          <p className="notice small" style={{ marginTop: 10 }}>
            <strong>What to do:</strong> check the model name first; a private deployment or alias name is not in the catalog. Otherwise set
            its price (USD per million tokens, from a date):{' '}
            <code>npx itemized prices set --model NAME --from YYYY-MM-DD --input USD --output USD</code>. Records already loaded are
            repriced too. To see what the usage really cost, import the vendor&apos;s cost export; billed spend does not depend on the
            catalog.
          </p>
        </>
      )}
    </section>
  );
}
