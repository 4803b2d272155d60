import { expect, test } from 'vitest';
import { summariseVerification, type VerificationInput } from './verification';

const rows: VerificationInput[] = [
  {
    model: 'a',
    workflow: 'x',
    events: 20,
    listCostUsd: '10',
    unverifiedListCostUsd: '4',
    successListCostUsd: '5',
    outcomeEvents: 10,
    successEvents: 6,
  },
  {
    model: 'b',
    workflow: 'x',
    events: 5,
    listCostUsd: '2.5',
    unverifiedListCostUsd: null,
    successListCostUsd: '2',
    outcomeEvents: 5,
    successEvents: 4,
  },
  {
    model: 'a',
    workflow: 'y',
    events: 7,
    listCostUsd: '0.3',
    unverifiedListCostUsd: '0.3',
    successListCostUsd: null,
    outcomeEvents: 0,
    successEvents: 0,
  },
  {
    model: 'c',
    workflow: 'y',
    events: 1,
    listCostUsd: null,
    unverifiedListCostUsd: null,
    successListCostUsd: null,
    outcomeEvents: 0,
    successEvents: 0,
  },
];

test.each([
  // workflow x: list 12.5, unverified 4, verified 8.5 / 10 successes
  [
    'workflow',
    'x',
    {
      listCostUsd: '12.5',
      unverifiedUsd: '4',
      verifiedUsd: '8.5',
      costPerVerifiedSuccessUsd: '0.85',
      unverifiedShare: 0.32,
      successRate: 10 / 15,
    },
  ],
  // workflow y: all unverified, no success
  [
    'workflow',
    'y',
    { listCostUsd: '0.3', unverifiedUsd: '0.3', verifiedUsd: '0', costPerVerifiedSuccessUsd: null, unverifiedShare: 1, successRate: null },
  ],
  // total: 12.8 list, 4.3 unverified
  ['total', null, { listCostUsd: '12.8', unverifiedUsd: '4.3', verifiedUsd: '8.5', costPerVerifiedSuccessUsd: '0.85' }],
] as const)('%s %s (hand-computed)', (by, workflow, expected) => {
  const f = summariseVerification(rows, by).find((r) => r.workflow === workflow)!;
  expect(f).toMatchObject(expected);
});

test('by model-workflow keeps each pair; nothing priced -> share null', () => {
  const out = summariseVerification(rows, 'model-workflow');
  expect(out).toHaveLength(4);
  expect(out.find((r) => r.model === 'c')).toMatchObject({ listCostUsd: '0', unverifiedShare: null });
  expect(summariseVerification(rows, 'total')[0].unverifiedShare).toBeCloseTo(4.3 / 12.8, 12);
});
