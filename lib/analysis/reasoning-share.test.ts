import { describe, expect, test } from 'vitest';
import { computeReasoningShare, type ReasoningInputRow } from './reasoning-share';

const req = (model: string | null, output: number, reasoning: number, known = output): ReasoningInputRow => ({
  model,
  isBucket: false,
  outputTokens: output,
  reasoningTokens: reasoning,
  reasoningKnownOutputTokens: known,
});
const bucket = (model: string | null, output: number): ReasoningInputRow => ({
  model,
  isBucket: true,
  outputTokens: output,
  reasoningTokens: 0,
  reasoningKnownOutputTokens: 0,
});

describe('computeReasoningShare', () => {
  test('empty input', () => {
    const s = computeReasoningShare([]);
    expect(s.measured.share).toBeNull();
    expect(s.estimated).toEqual({
      unknownBucketOutputTokens: 0,
      coveredOutputTokens: 0,
      estimatedReasoningTokens: 0,
      share: null,
      coverage: null,
    });
  });

  test('the two sample uploads: measured only', () => {
    const s = computeReasoningShare([req('claude-opus-5', 1699, 139), req('gpt-5-mini', 163, 128)]);
    expect(s.measured).toEqual({ reasoningTokens: 267, knownOutputTokens: 1862, share: 267 / 1862 });
    expect(s.estimated.coverage).toBeNull();
    expect(s.notReportedOutputTokens).toBe(0);
  });

  test.each([
    {
      name: 'bucket borrows its model basis',
      rows: [req('m', 1000, 250), bucket('m', 4000)],
      estimated: { unknownBucketOutputTokens: 4000, coveredOutputTokens: 4000, estimatedReasoningTokens: 1000, share: 0.25, coverage: 1 },
    },
    {
      name: 'bucket of a model with no request logs is not covered',
      rows: [req('m', 1000, 250), bucket('other', 3000), bucket('m', 1000)],
      estimated: { unknownBucketOutputTokens: 4000, coveredOutputTokens: 1000, estimatedReasoningTokens: 250, share: 0.25, coverage: 0.25 },
    },
    {
      name: 'a null model never borrows a basis',
      rows: [req(null, 1000, 500), bucket(null, 1000)],
      estimated: { unknownBucketOutputTokens: 1000, coveredOutputTokens: 0, estimatedReasoningTokens: 0, share: null, coverage: 0 },
    },
    {
      name: 'measured bucket output is not estimated again',
      rows: [req('m', 100, 50), { model: 'm', isBucket: true, outputTokens: 300, reasoningTokens: 60, reasoningKnownOutputTokens: 200 }],
      estimated: { unknownBucketOutputTokens: 100, coveredOutputTokens: 100, estimatedReasoningTokens: 50, share: 0.5, coverage: 1 },
    },
  ])('$name', ({ rows, estimated }) => {
    expect(computeReasoningShare(rows).estimated).toEqual(estimated);
  });

  test('measured figures never include estimates; unreported request output stays apart', () => {
    const s = computeReasoningShare([req('m', 1000, 400, 800), bucket('m', 10_000)]);
    expect(s.measured).toEqual({ reasoningTokens: 400, knownOutputTokens: 800, share: 0.5 });
    expect(s.estimated.estimatedReasoningTokens).toBe(5000);
    expect(s.notReportedOutputTokens).toBe(200);
    expect(s.outputTokens).toBe(11_000);
    expect(s.byModel).toHaveLength(1);
  });
});
