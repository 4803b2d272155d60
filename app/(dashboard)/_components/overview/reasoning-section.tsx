import type { Db } from '@/db/client';
import { getReasoningByModel } from '@/db/queries/overview';
import { computeReasoningShare } from '@/lib/analysis/reasoning-share';
import type { ResolvedFilters } from '@/lib/filters';
import { formatCompact, formatInt, formatShare } from '@/lib/format';

const MODELS_SHOWN = 8;

/** Measured and estimated hidden reasoning shares, side by side and never added together. */
export async function ReasoningSection({ db, filters }: { db: Db; filters: ResolvedFilters }) {
  const s = computeReasoningShare(await getReasoningByModel(db, filters));
  const m = s.measured;
  const e = s.estimated;
  const models = s.byModel.filter((x) => x.outputTokens > 0).slice(0, MODELS_SHOWN);
  return (
    <section className="card" aria-labelledby="reasoning-title">
      <div className="card-head">
        <div>
          <h2 id="reasoning-title">Hidden reasoning share</h2>
          <p>Reasoning tokens are billed as output but never shown. Share = reasoning ÷ output tokens.</p>
        </div>
      </div>
      <div className="split">
        <section className="panel" aria-labelledby="reasoning-measured">
          <h3 id="reasoning-measured">
            <span className="badge badge-measured">Measured</span>
          </h3>
          <p className="big">{formatShare(m.share)}</p>
          <div className="meter" aria-hidden="true">
            <span style={{ width: `${Math.min(100, (m.share ?? 0) * 100)}%` }} />
          </div>
          <p className="small muted">
            <span className="num">{formatInt(m.reasoningTokens)}</span> reasoning of{' '}
            <span className="num">{formatInt(m.knownOutputTokens)}</span> output tokens, from requests that report their reasoning.
          </p>
        </section>
        <section className="panel panel-estimate" aria-labelledby="reasoning-estimated">
          <h3 id="reasoning-estimated">
            <span className="badge badge-estimate">Estimated</span>
          </h3>
          {e.unknownBucketOutputTokens === 0 ? (
            <p className="small muted">
              Nothing to estimate: no aggregated usage buckets (usage APIs without a reasoning split) in this period.
            </p>
          ) : (
            <>
              <p className="big">{e.share === null ? '—' : `≈ ${formatShare(e.share)}`}</p>
              <div className="meter" aria-hidden="true">
                <span style={{ width: `${Math.min(100, (e.share ?? 0) * 100)}%` }} />
              </div>
              <p className="small muted">
                ≈ <span className="num">{formatInt(e.estimatedReasoningTokens)}</span> reasoning tokens in aggregated usage buckets, using
                each model&apos;s measured per-request share. Coverage: <strong>{formatShare(e.coverage)}</strong> of{' '}
                <span className="num">{formatInt(e.unknownBucketOutputTokens)}</span> bucket output tokens
                {e.coverage !== null && e.coverage < 1 ? ' (the rest belongs to models with no per-request logs)' : ''}.
              </p>
            </>
          )}
        </section>
      </div>
      {s.notReportedOutputTokens > 0 ? (
        <p className="small muted" style={{ marginTop: 8 }}>
          {formatInt(s.notReportedOutputTokens)} output tokens come from request logs that do not report reasoning; they are in neither
          figure.
        </p>
      ) : null}
      {models.length > 0 ? (
        <div className="table-wrap" style={{ marginTop: 12 }}>
          <table aria-label="Reasoning share by model" className="table-nowrap">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col" className="right">
                  Output
                </th>
                <th scope="col" className="right">
                  Measured
                </th>
                <th scope="col" className="right">
                  Estimated (coverage)
                </th>
              </tr>
            </thead>
            <tbody>
              {models.map((x) => (
                <tr key={x.model ?? '(none)'}>
                  <td>{x.model ?? <span className="faint">(unknown model)</span>}</td>
                  <td className="right">{formatCompact(x.outputTokens)}</td>
                  <td className="right">{formatShare(x.measured.share)}</td>
                  <td className="right">
                    {x.estimated.unknownBucketOutputTokens === 0
                      ? '—'
                      : `${x.estimated.share === null ? 'no basis' : `≈ ${formatShare(x.estimated.share)}`} (${formatShare(x.estimated.coverage, 0)})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
