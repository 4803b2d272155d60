import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import type { Connection } from '@/db/client';
import { getLoopsPage, getTaskCalls } from '@/db/queries/loops';
import { analyseLoops } from '@/lib/analysis/loops';
import { requirePage } from '@/lib/auth/guard';
import { filtersKey, type ResolvedFilters, type SearchParamsRecord } from '@/lib/filters';
import { formatUsd } from '@/lib/format';
import { sumUsd } from '@/lib/money';
import { carryFilters } from '../_components/audit/audit-cards';
import { DatabaseUnavailable } from '../_components/database-unavailable';
import { EmptyState } from '../_components/overview/empty-state';
import { MoneyKind } from '../_components/overview/money-kind';
import { loadPageContext } from '../_components/page-context';
import { PageHeader } from '../_components/page-header';
import { CardSkeleton } from '../_components/skeletons';
import { CallsTable, LoopsTable, TasksTable } from './_components/loops-tables';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Loops' };

const outcome = (s: boolean | null) => (s === null ? 'unknown' : s ? 'success' : 'failure');

export default async function LoopsPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  await requirePage('/loops');
  const ctx = await loadPageContext(searchParams);
  if (ctx.kind === 'unavailable') return <DatabaseUnavailable message={ctx.message} />;
  if (ctx.kind === 'empty')
    return (
      <>
        <h1>Loops</h1>
        <EmptyState />
      </>
    );
  const { conn, filters, sp } = ctx;
  const trace = typeof sp.trace === 'string' && sp.trace.length <= 300 ? sp.trace : null;
  const key = filtersKey(filters);
  return (
    <>
      <PageHeader title="Loops" filters={filters}>
        <p className="small muted">
          Calls, tokens and money per task (all calls sharing a trace): single calls, fixed chains and agent loops, and what a task costs
          against the workflow&apos;s own single-call tasks.
        </p>
      </PageHeader>
      {trace ? (
        <Suspense key={`trace|${trace}`} fallback={<CardSkeleton label="calls of the task" height={300} />}>
          <TraceSection conn={conn} traceId={trace} back={`/loops${carryFilters(filters)}`} />
        </Suspense>
      ) : null}
      <Suspense key={`loops|${key}`} fallback={<CardSkeleton label="patterns by workflow" height={400} />}>
        <LoopsSection conn={conn} filters={filters} />
      </Suspense>
    </>
  );
}

async function LoopsSection({ conn, filters }: { conn: Connection; filters: ResolvedFilters }) {
  const { distribution: dist, expensive: tasks } = await getLoopsPage(conn, filters, 50);
  const loops = analyseLoops(dist);
  const base = carryFilters(filters);
  const withTrace = (t: string) => {
    const q = new URLSearchParams(base.slice(1));
    q.set('trace', t);
    return `/loops?${q.toString()}`;
  };
  return (
    <>
      <section className="card" aria-labelledby="patterns-title">
        <div className="card-head">
          <div>
            <h2 id="patterns-title">
              Patterns by workflow <MoneyKind kind="list" />
            </h2>
            <p>
              Single call: 90%+ of tasks are one call. Fixed chain: one call count covers 80%+ of tasks. Agent loop: anything else. “×
              single-call tasks” divides the cost per task by the cost of the same workflow&apos;s own one-call tasks; a workflow with fewer
              than five of them has no baseline, so no multiple is claimed.
            </p>
          </div>
        </div>
        <LoopsTable
          rows={loops.map((l) => ({
            workflow: l.workflow ?? '(no workflow)',
            class: l.class,
            tasks: l.tasks,
            callsMean: l.callsPerTask.mean,
            callsMedian: l.callsPerTask.median,
            callsMax: l.callsPerTask.max,
            tokensPerTask: l.tokensPerTask,
            costPerTaskUsd: l.costPerTaskUsd,
            costMultiple: l.costMultiple,
            successRate: l.successRate,
          }))}
        />
      </section>
      <section className="card" aria-labelledby="tasks-title">
        <div className="card-head">
          <div>
            <h2 id="tasks-title">
              Most expensive loops and chains <MoneyKind kind="list" />
            </h2>
            <p>The 50 multi-call tasks that cost most in the period. Open one to see its calls in order.</p>
          </div>
        </div>
        <TasksTable
          rows={tasks.map((t) => ({
            traceId: t.traceId,
            workflow: t.workflow ?? '(no workflow)',
            team: t.team ?? '(no team)',
            calls: t.calls,
            tokens: t.inputTokens + t.outputTokens,
            reasoningTokens: t.reasoningTokens,
            listCostUsd: t.listCostUsd,
            outcome: outcome(t.success),
            startedAt: t.startedAt,
            href: withTrace(t.traceId),
          }))}
        />
      </section>
    </>
  );
}

async function TraceSection({ conn, traceId, back }: { conn: Connection; traceId: string; back: string }) {
  const calls = await getTaskCalls(conn, traceId);
  const total = sumUsd(calls.map((c) => c.listCostUsd));
  return (
    <section className="card" aria-labelledby="trace-title" id="trace">
      <div className="card-head">
        <div>
          <h2 id="trace-title">
            Task <code>{traceId}</code>
          </h2>
          <p>
            {calls.length} calls in order · {formatUsd(total)} at list price. The prompt usually grows call by call: each call re-sends the
            conversation so far.
          </p>
        </div>
        <Link href={back} className="btn btn-sm">
          Close
        </Link>
      </div>
      {calls.length === 0 ? (
        <p className="muted">No calls found for this task.</p>
      ) : (
        <CallsTable
          traceId={traceId}
          rows={calls.map((c, i) => ({
            n: i + 1,
            occurredAt: c.occurredAt,
            vendor: c.vendor,
            model: c.model ?? '(unknown model)',
            inputTokens: c.inputTokens,
            outputTokens: c.outputTokens,
            reasoningTokens: c.reasoningTokens,
            listCostUsd: c.listCostUsd,
            toolCalls: c.toolCalls,
            latencyMs: c.latencyMs,
            outcome: outcome(c.success),
          }))}
        />
      )}
    </section>
  );
}
