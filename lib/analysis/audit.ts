/**
 * The reasoning audit: assembles per-workflow findings from the accuracy cells, hidden reasoning rows,
 * verification rows and the calls-per-task distribution (db/queries/audit.ts loadAudit runs the
 * queries). Used by the reasoning and accuracy pages, the overview cards and `itemized audit --json`.
 *
 * A workflow's verdict is the pooled (all models) finding on reasoning tokens; without one (no
 * request reports reasoning) the output-length finding stands in, which never carries a cap.
 * savingsAvailableUsd = sum of workflow cap savings (cap at the knee); easy-task savings are reported
 * apart (a cap at the lowest quartile's edge is another recommendation, not an additional saving).
 */
import Decimal from 'decimal.js';
import { type AccuracyCell, type AccuracyFinding, analyseAccuracy, MIN_OUTCOMES, type Verdict } from './accuracy';
import { analyseLoops, type LoopFinding, type TaskCallsRow } from './loops';
import {
  type BucketOutputCostInput,
  detectEasyTask,
  type EasyTaskFinding,
  type HiddenReasoningInput,
  type HiddenReasoningSummary,
  summariseHiddenReasoning,
} from './reasoning';
import { summariseVerification, type VerificationFinding, type VerificationInput } from './verification';

export interface AuditRange {
  from: string;
  to: string;
  vendor?: string;
  team?: string;
  workflow?: string;
}

export interface AuditInputs {
  range: AuditRange;
  accuracyCells: readonly AccuracyCell[];
  /** getHiddenReasoningBy(..., 'workflow') and getBucketOutputCostBy(..., 'workflow'). */
  hiddenByWorkflow: readonly HiddenReasoningInput[];
  bucketCostByWorkflow: readonly BucketOutputCostInput[];
  /** usage_daily sums per (model, workflow). */
  verification: readonly VerificationInput[];
  taskCalls: readonly TaskCallsRow[];
}

export interface WorkflowAudit {
  workflow: string | null;
  measure: 'reasoning' | 'output' | null;
  verdict: Verdict;
  flat: boolean;
  needed: number | null;
  reason: string;
  outcomes: number;
  /** Token range of the knee bin; null without a knee. */
  knee: { bin: number; minTokens: number; maxTokens: number } | null;
  capTokens: number | null;
  savingsUsd: string;
  expectedSuccessChange: number | null;
  easyTask: boolean;
  easyTaskCapTokens: number | null;
  easyTaskSavingsUsd: string;
  hiddenReasoningSpendUsd: string;
  estimatedHiddenReasoningSpendUsd: string;
  listCostUsd: string;
  unverifiedUsd: string;
  unverifiedShare: number | null;
  costPerVerifiedSuccessUsd: string | null;
  successRate: number | null;
  loop: (Pick<LoopFinding, 'class' | 'costMultiple' | 'costMultipleBaseline' | 'successRate'> & { callsPerTask: number }) | null;
}

export interface AuditTotals {
  listCostUsd: string;
  hiddenReasoningSpendUsd: string;
  hiddenReasoningShare: number | null;
  measuredCoveragePct: number | null;
  estimatedHiddenReasoningSpendUsd: string;
  estimatedHiddenReasoningShare: number | null;
  estimatedCoveragePct: number | null;
  unverifiedUsd: string;
  unverifiedShare: number | null;
  savingsAvailableUsd: string;
  easyTaskSavingsUsd: string;
}

export interface AuditReport {
  range: AuditRange;
  totals: AuditTotals;
  workflows: WorkflowAudit[];
  /** Every accuracy finding: per (model, workflow) and per workflow pooled, with bins. */
  accuracy: AccuracyFinding[];
  easyTasks: EasyTaskFinding[];
  hiddenByWorkflow: HiddenReasoningSummary[];
  verification: { byWorkflow: VerificationFinding[]; byModel: VerificationFinding[]; byModelWorkflow: VerificationFinding[] };
  loops: LoopFinding[];
}

const sumUsd = (xs: readonly string[]) => xs.reduce((a, x) => a.plus(x), new Decimal(0)).toString();

function pickFinding(findings: readonly AccuracyFinding[], workflow: string | null): AccuracyFinding | undefined {
  const pooled = findings.filter((f) => f.scope === 'workflow' && f.workflow === workflow);
  const reasoning = pooled.find((f) => f.measure === 'reasoning');
  const output = pooled.find((f) => f.measure === 'output');
  if (reasoning && (reasoning.verdict !== 'not-enough-data' || !output || output.verdict === 'not-enough-data')) return reasoning;
  return output ?? reasoning;
}

export function buildAudit(input: AuditInputs): AuditReport {
  const accuracy = analyseAccuracy(input.accuracyCells);
  const easyTasks = accuracy.map((f) => detectEasyTask(f, input.accuracyCells)).filter((e): e is EasyTaskFinding => e !== null);
  const hidden = summariseHiddenReasoning(input.hiddenByWorkflow, input.bucketCostByWorkflow);
  const byWorkflow = summariseVerification(input.verification, 'workflow');
  const loops = analyseLoops(input.taskCalls);
  const names = new Set<string | null>([
    ...byWorkflow.map((v) => v.workflow),
    ...accuracy.map((f) => f.workflow),
    ...loops.map((l) => l.workflow),
  ]);
  const workflows: WorkflowAudit[] = [...names].map((workflow) => {
    const f = pickFinding(accuracy, workflow);
    const easy = easyTasks.find((e) => e.scope === 'workflow' && e.workflow === workflow);
    const v = byWorkflow.find((x) => x.workflow === workflow);
    const h = hidden.find((x) => x.key === workflow);
    const l = loops.find((x) => x.workflow === workflow);
    const knee = f && f.kneeBin !== null ? f.bins[f.kneeBin] : null;
    return {
      workflow,
      measure: f?.measure ?? null,
      verdict: f?.verdict ?? 'not-enough-data',
      flat: f?.flat ?? false,
      needed: f ? f.needed : MIN_OUTCOMES,
      reason: f?.reason ?? `no request has an outcome signal; a verdict needs ${MIN_OUTCOMES}`,
      outcomes: f?.outcomes ?? 0,
      knee: knee && f?.kneeBin != null ? { bin: f.kneeBin, minTokens: knee.minTokens, maxTokens: knee.maxTokens } : null,
      capTokens: f?.capTokens ?? null,
      savingsUsd: f?.savingsUsd ?? '0',
      expectedSuccessChange: f?.expectedSuccessChange ?? null,
      easyTask: easy?.easy ?? false,
      easyTaskCapTokens: easy?.capTokens ?? null,
      easyTaskSavingsUsd: easy?.savingsUsd ?? '0',
      hiddenReasoningSpendUsd: h?.measured.spendUsd ?? '0',
      estimatedHiddenReasoningSpendUsd: h?.estimated.spendUsd ?? '0',
      listCostUsd: v?.listCostUsd ?? '0',
      unverifiedUsd: v?.unverifiedUsd ?? '0',
      unverifiedShare: v?.unverifiedShare ?? null,
      costPerVerifiedSuccessUsd: v?.costPerVerifiedSuccessUsd ?? null,
      successRate: v?.successRate ?? null,
      loop: l
        ? {
            class: l.class,
            callsPerTask: l.callsPerTask.mean,
            costMultiple: l.costMultiple,
            costMultipleBaseline: l.costMultipleBaseline,
            successRate: l.successRate,
          }
        : null,
    };
  });
  workflows.sort((a, b) => new Decimal(b.listCostUsd).comparedTo(a.listCostUsd) || String(a.workflow).localeCompare(String(b.workflow)));

  const total = summariseVerification(input.verification, 'total')[0];
  const allHidden = summariseHiddenReasoning(
    input.hiddenByWorkflow.map((r) => ({ ...r, key: null })),
    input.bucketCostByWorkflow.map((r) => ({ ...r, key: null })),
  )[0];
  return {
    range: input.range,
    totals: {
      listCostUsd: total?.listCostUsd ?? '0',
      hiddenReasoningSpendUsd: allHidden?.measured.spendUsd ?? '0',
      hiddenReasoningShare: allHidden?.measured.share ?? null,
      measuredCoveragePct: allHidden?.measured.coveragePct ?? null,
      estimatedHiddenReasoningSpendUsd: allHidden?.estimated.spendUsd ?? '0',
      estimatedHiddenReasoningShare: allHidden?.estimated.share ?? null,
      estimatedCoveragePct: allHidden?.estimated.coveragePct ?? null,
      unverifiedUsd: total?.unverifiedUsd ?? '0',
      unverifiedShare: total?.unverifiedShare ?? null,
      savingsAvailableUsd: sumUsd(workflows.map((w) => w.savingsUsd)),
      easyTaskSavingsUsd: sumUsd(workflows.map((w) => w.easyTaskSavingsUsd)),
    },
    workflows,
    accuracy,
    easyTasks,
    hiddenByWorkflow: hidden,
    verification: {
      byWorkflow,
      byModel: summariseVerification(input.verification, 'model'),
      byModelWorkflow: summariseVerification(input.verification, 'model-workflow'),
    },
    loops,
  };
}
