import Decimal from 'decimal.js';
import Link from 'next/link';
import type { Connection } from '@/db/client';
import { detectEasyTask } from '@/lib/analysis/reasoning';
import type { ResolvedFilters } from '@/lib/filters';
import { formatCompact, formatShare, formatUsd } from '@/lib/format';
import { loadAccuracy } from '../../_components/audit/savings';
import { MoneyKind } from '../../_components/overview/money-kind';
import { type EasyTaskRow, EasyTasksTable } from './easy-tasks-table';

/**
 * Easy-task reasoning (lib/analysis/reasoning.ts detectEasyTask): the lowest reasoning quartile
 * already reaches the best success rate while the median request reasons far more.
 */
export async function EasyTasksSection({ conn, filters }: { conn: Connection; filters: ResolvedFilters }) {
  const { cells, findings } = await loadAccuracy(conn, filters);
  const rows: EasyTaskRow[] = findings
    .filter((f) => f.scope === 'model')
    .flatMap((f) => {
      const e = detectEasyTask(f, cells);
      if (!e?.easy) return [];
      return [
        {
          workflow: f.workflow ?? '(no workflow)',
          model: f.model ?? '(unknown model)',
          outcomes: f.outcomes,
          lowQuartileMaxTokens: e.lowQuartileMaxTokens,
          lowRate: e.lowQuartile.rate,
          bestRate: f.bestBin === null ? null : (f.bins[f.bestBin]?.rate ?? null),
          medianTokensAtLeast: e.medianTokensAtLeast,
          medianRatio: e.medianTokensAtLeast / Math.max(1, e.lowQuartileMaxTokens),
          cap: e.capTokens ?? 0,
          savingsUsd: e.savingsUsd,
          expectedChangePp: e.expectedSuccessChange === null ? null : e.expectedSuccessChange * 100,
        },
      ];
    })
    .sort((a, b) => new Decimal(b.savingsUsd).comparedTo(a.savingsUsd));
  const total = rows.reduce((s, r) => s.plus(r.savingsUsd), new Decimal(0)).toString();
  return (
    <section className="card" aria-labelledby="easy-title">
      <div className="card-head">
        <div>
          <h2 id="easy-title">
            Reasoning spent on easy tasks <MoneyKind kind="list" />
          </h2>
          <p>
            Workflows where the quarter of requests that reason least already succeed as often as the best, while the median request reasons
            at least 4× more. A reasoning budget at the top of that quarter saves the spend above it.
          </p>
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="muted">No easy-task reasoning found in this period (it needs 200 requests with an outcome per model and workflow).</p>
      ) : (
        <>
          <p style={{ marginBottom: 8 }}>
            A cap would save <strong className="text-ok">{formatUsd(total)}</strong> over the period.
          </p>
          <ul className="small" style={{ margin: '0 0 12px', paddingLeft: 18 }}>
            {rows.slice(0, 3).map((r) => (
              <li key={`${r.workflow}|${r.model}`}>
                <strong>{r.workflow}</strong> on {r.model}: {formatShare(r.lowRate)} success up to {formatCompact(r.lowQuartileMaxTokens)}{' '}
                reasoning tokens (best bin {formatShare(r.bestRate)}); the median request reasons ≥ {formatCompact(r.medianTokensAtLeast)}.
                Cap at {formatCompact(r.cap)}: saves <strong className="text-ok">{formatUsd(r.savingsUsd)}</strong>.{' '}
                <Link href={`/accuracy?workflow=${encodeURIComponent(r.workflow)}`}>See the curve</Link>
              </li>
            ))}
          </ul>
          <EasyTasksTable rows={rows} />
        </>
      )}
    </section>
  );
}
