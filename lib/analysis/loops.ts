/**
 * Pattern audit (DESIGN.md): per workflow, calls, tokens and money per task (trace), the pattern
 * classified from the calls-per-task distribution, the cost multiple against the workflow's own
 * single-call tasks, and the task success rate beside it.
 *
 * Classification (documented rule), over the workflow's tasks in the period:
 * - single_call: >= 90% of tasks are one call;
 * - fixed_chain: the most common calls-per-task value (> 1) covers >= 80% of tasks (a pipeline of fixed length);
 * - agent_loop: otherwise (variable, multi-call tasks).
 * A task = one trace_id; a request without trace_id is its own single-call task. Tasks cut by the
 * period's edges count with the calls inside the period. Task success = the outcome of the task's last
 * call that has one. costMultiple = mean cost per task / mean cost of the workflow's single-call tasks
 * (baseline 'single_call_tasks'); a workflow with fewer than MIN_BASELINE_TASKS single-call tasks (a
 * chain or loop that never runs alone) has no baseline: costMultiple is null (unknown). Dividing by the
 * mean call instead would only restate calls per task, which is reported on its own.
 */
import Decimal from 'decimal.js';
import { quantileSorted } from './stats';

export const MIN_BASELINE_TASKS = 5;

export type LoopClass = 'single_call' | 'fixed_chain' | 'agent_loop';

/** One row per (workflow, calls per task): SQL aggregates of the tasks that made that many calls. */
export interface TaskCallsRow {
  workflow: string | null;
  calls: number;
  tasks: number;
  inputTokens: number;
  outputTokens: number;
  /** Exact USD list cost of these tasks; null = none priced. */
  listCostUsd: string | null;
  /** Tasks with an outcome on some call, and how many of them ended in success. */
  outcomeTasks: number;
  successTasks: number;
}

export interface LoopFinding {
  workflow: string | null;
  class: LoopClass;
  tasks: number;
  calls: number;
  callsPerTask: { mean: number; median: number; p90: number; max: number };
  tokensPerTask: number;
  /** Exact USD per task (10 decimal places); null when nothing is priced. */
  costPerTaskUsd: string | null;
  singleCallTasks: number;
  singleCallCostPerTaskUsd: string | null;
  costMultiple: number | null;
  /** null when the workflow has too few single-call tasks to compare against (the multiple is then unknown). */
  costMultipleBaseline: 'single_call_tasks' | null;
  /** Share of tasks with an outcome that succeeded; null without outcomes. */
  successRate: number | null;
  outcomeTasks: number;
}

function expandCalls(rows: readonly TaskCallsRow[]): number[] {
  const out: number[] = [];
  for (const r of [...rows].sort((a, b) => a.calls - b.calls)) for (let i = 0; i < r.tasks; i++) out.push(r.calls);
  return out;
}

export function classifyCalls(rows: readonly TaskCallsRow[]): LoopClass {
  const tasks = rows.reduce((a, r) => a + r.tasks, 0);
  const single = rows.filter((r) => r.calls === 1).reduce((a, r) => a + r.tasks, 0);
  if (tasks === 0 || single / tasks >= 0.9) return 'single_call';
  const modal = rows.filter((r) => r.calls > 1).reduce((m, r) => (r.tasks > m.tasks ? r : m), { calls: 0, tasks: 0 });
  return modal.tasks / tasks >= 0.8 ? 'fixed_chain' : 'agent_loop';
}

export function analyseLoops(rows: readonly TaskCallsRow[]): LoopFinding[] {
  const byWorkflow = new Map<string | null, TaskCallsRow[]>();
  for (const r of rows) byWorkflow.set(r.workflow, [...(byWorkflow.get(r.workflow) ?? []), r]);
  const out: LoopFinding[] = [];
  for (const [workflow, rs] of byWorkflow) {
    const tasks = rs.reduce((a, r) => a + r.tasks, 0);
    if (tasks === 0) continue;
    const calls = rs.reduce((a, r) => a + r.tasks * r.calls, 0);
    const tokens = rs.reduce((a, r) => a + r.inputTokens + r.outputTokens, 0);
    const priced = rs.filter((r) => r.listCostUsd !== null);
    const cost = priced.length ? priced.reduce((a, r) => a.plus(r.listCostUsd as string), new Decimal(0)) : null;
    const single = rs.filter((r) => r.calls === 1);
    const singleTasks = single.reduce((a, r) => a + r.tasks, 0);
    const singleCost = single.some((r) => r.listCostUsd !== null)
      ? single.reduce((a, r) => a.plus(r.listCostUsd ?? 0), new Decimal(0))
      : null;
    const perTask = cost === null ? null : cost.dividedBy(tasks);
    const singlePerTask = singleCost === null || singleTasks === 0 ? null : singleCost.dividedBy(singleTasks);
    const sorted = expandCalls(rs);
    const vsSingle =
      perTask !== null && singlePerTask !== null && singleTasks >= MIN_BASELINE_TASKS && !singlePerTask.isZero()
        ? perTask.dividedBy(singlePerTask).toNumber()
        : null;
    const outcomeTasks = rs.reduce((a, r) => a + r.outcomeTasks, 0);
    out.push({
      workflow,
      class: classifyCalls(rs),
      tasks,
      calls,
      callsPerTask: {
        mean: calls / tasks,
        median: quantileSorted(sorted, 0.5),
        p90: quantileSorted(sorted, 0.9),
        max: sorted[sorted.length - 1],
      },
      tokensPerTask: tokens / tasks,
      costPerTaskUsd: perTask === null ? null : perTask.toDecimalPlaces(10).toString(),
      singleCallTasks: singleTasks,
      singleCallCostPerTaskUsd: singlePerTask === null ? null : singlePerTask.toDecimalPlaces(10).toString(),
      // Only against real single-call tasks: dividing by the mean call would just restate calls per task.
      costMultiple: vsSingle,
      costMultipleBaseline: vsSingle !== null ? 'single_call_tasks' : null,
      successRate: outcomeTasks > 0 ? rs.reduce((a, r) => a + r.successTasks, 0) / outcomeTasks : null,
      outcomeTasks,
    });
  }
  return out.sort((a, b) => String(a.workflow).localeCompare(String(b.workflow)));
}
