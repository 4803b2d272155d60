/**
 * Hidden reasoning share (DESIGN.md "Definitions"): reasoning / output tokens.
 *
 * MEASURED: rows whose reasoning is known; share = reasoning_tokens / reasoning_known_output_tokens.
 * ESTIMATED: output of aggregated billing buckets whose reasoning is unknown, times the same model's
 *   measured share from per-request rows. Coverage = the part of that unknown bucket output whose
 *   model has a measured basis. The two are reported side by side and never summed together.
 * Output of per-request rows with unknown reasoning (a source that does not report it) is neither:
 *   it is left as "not reported".
 */

export interface ReasoningInputRow {
  model: string | null;
  /** usage_daily.is_bucket: aggregated billing bucket (reasoning not reported per request). */
  isBucket: boolean;
  outputTokens: number;
  /** Sum of known reasoning tokens. */
  reasoningTokens: number;
  /** Output tokens of the events whose reasoning is known. */
  reasoningKnownOutputTokens: number;
}

export interface MeasuredShare {
  reasoningTokens: number;
  knownOutputTokens: number;
  /** 0..1; null when no output with known reasoning. */
  share: number | null;
}

export interface EstimatedShare {
  /** Bucket output tokens whose reasoning is unknown (what an estimate is needed for). */
  unknownBucketOutputTokens: number;
  /** The part of it whose model has a measured per-request basis. */
  coveredOutputTokens: number;
  /** Estimated reasoning tokens in the covered output (rounded to whole tokens). */
  estimatedReasoningTokens: number;
  /** Estimated share of the covered output; null when nothing is covered. */
  share: number | null;
  /** coveredOutputTokens / unknownBucketOutputTokens; null when there is nothing to estimate. */
  coverage: number | null;
}

export interface ModelReasoningShare {
  model: string | null;
  outputTokens: number;
  measured: MeasuredShare;
  /** The share measured on this model's per-request rows: the basis applied to its buckets. */
  basisShare: number | null;
  estimated: EstimatedShare;
  /** Per-request output whose reasoning the source did not report (not estimated). */
  notReportedOutputTokens: number;
}

export interface ReasoningShareSummary {
  outputTokens: number;
  measured: MeasuredShare;
  estimated: EstimatedShare;
  notReportedOutputTokens: number;
  byModel: ModelReasoningShare[];
}

function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

interface Acc {
  output: number;
  reasoning: number;
  known: number;
  requestReasoning: number;
  requestKnown: number;
  bucketUnknown: number;
  requestUnknown: number;
}

export function computeReasoningShare(rows: readonly ReasoningInputRow[]): ReasoningShareSummary {
  const byModel = new Map<string | null, Acc>();
  for (const r of rows) {
    const a = byModel.get(r.model) ?? {
      output: 0,
      reasoning: 0,
      known: 0,
      requestReasoning: 0,
      requestKnown: 0,
      bucketUnknown: 0,
      requestUnknown: 0,
    };
    const unknown = Math.max(0, r.outputTokens - r.reasoningKnownOutputTokens);
    a.output += r.outputTokens;
    a.reasoning += r.reasoningTokens;
    a.known += r.reasoningKnownOutputTokens;
    if (r.isBucket) {
      a.bucketUnknown += unknown;
    } else {
      a.requestReasoning += r.reasoningTokens;
      a.requestKnown += r.reasoningKnownOutputTokens;
      a.requestUnknown += unknown;
    }
    byModel.set(r.model, a);
  }

  const models: ModelReasoningShare[] = [];
  for (const [model, a] of byModel) {
    // A null model cannot borrow a basis: "the same model" is not defined for it.
    const basisShare = model === null ? null : ratio(a.requestReasoning, a.requestKnown);
    const covered = basisShare === null ? 0 : a.bucketUnknown;
    const estimatedReasoning = basisShare === null ? 0 : Math.round(a.bucketUnknown * basisShare);
    models.push({
      model,
      outputTokens: a.output,
      measured: { reasoningTokens: a.reasoning, knownOutputTokens: a.known, share: ratio(a.reasoning, a.known) },
      basisShare,
      estimated: {
        unknownBucketOutputTokens: a.bucketUnknown,
        coveredOutputTokens: covered,
        estimatedReasoningTokens: estimatedReasoning,
        share: ratio(estimatedReasoning, covered),
        coverage: ratio(covered, a.bucketUnknown),
      },
      notReportedOutputTokens: a.requestUnknown,
    });
  }
  models.sort((x, y) => y.outputTokens - x.outputTokens || String(x.model).localeCompare(String(y.model)));

  const sum = (f: (m: ModelReasoningShare) => number) => models.reduce((s, m) => s + f(m), 0);
  const reasoning = sum((m) => m.measured.reasoningTokens);
  const known = sum((m) => m.measured.knownOutputTokens);
  const unknownBucket = sum((m) => m.estimated.unknownBucketOutputTokens);
  const covered = sum((m) => m.estimated.coveredOutputTokens);
  const estimated = sum((m) => m.estimated.estimatedReasoningTokens);
  return {
    outputTokens: sum((m) => m.outputTokens),
    measured: { reasoningTokens: reasoning, knownOutputTokens: known, share: ratio(reasoning, known) },
    estimated: {
      unknownBucketOutputTokens: unknownBucket,
      coveredOutputTokens: covered,
      estimatedReasoningTokens: estimated,
      share: ratio(estimated, covered),
      coverage: ratio(covered, unknownBucket),
    },
    notReportedOutputTokens: sum((m) => m.notReportedOutputTokens),
    byModel: models,
  };
}
