import { expect, test } from 'vitest';
import { analyseLoops, classifyCalls, type TaskCallsRow } from './loops';

const row = (workflow: string, calls: number, tasks: number, cost: string | null, outcomeTasks = 0, successTasks = 0): TaskCallsRow => ({
  workflow,
  calls,
  tasks,
  inputTokens: 100 * calls * tasks,
  outputTokens: 10 * calls * tasks,
  listCostUsd: cost,
  outcomeTasks,
  successTasks,
});

test.each([
  ['single call (95% one call)', [row('a', 1, 95, '1'), row('a', 3, 5, '1')], 'single_call'],
  ['fixed chain (all 2 calls)', [row('a', 2, 100, '1')], 'fixed_chain'],
  ['fixed chain (85% 3 calls)', [row('a', 1, 15, '1'), row('a', 3, 85, '1')], 'fixed_chain'],
  ['agent loop (5..40 calls)', [5, 9, 12, 20, 40].map((c) => row('a', c, 10, '1')), 'agent_loop'],
  ['agent loop (mixed 1 and 5)', [row('a', 1, 10, '0.1'), row('a', 5, 2, '0.2')], 'agent_loop'],
])('%s', (_name, rows, cls) => expect(classifyCalls(rows)).toBe(cls));

test('hand-computed: 10 single tasks at $0.01 and 2 five-call tasks at $0.10 each', () => {
  const [f] = analyseLoops([row('a', 1, 10, '0.1', 10, 9), row('a', 5, 2, '0.2', 2, 1)]);
  // per task 0.3 / 12 = 0.025; single 0.01 -> 2.5x; per call 0.3 / 20 = 0.015 -> 1.667x; success 10/12
  expect(f).toMatchObject({ class: 'agent_loop', tasks: 12, calls: 20, costPerTaskUsd: '0.025', singleCallCostPerTaskUsd: '0.01' });
  expect(f.costMultiple).toBeCloseTo(2.5, 12);
  expect(f.costMultipleBaseline).toBe('single_call_tasks');
  expect(f.successRate).toBeCloseTo(10 / 12, 12);
  expect(f.callsPerTask).toMatchObject({ median: 1, max: 5 });
  // type-7 p90 of ten 1s and two 5s: h = 11 x 0.9 = 9.9 -> 1 + 0.9 x 4
  expect(f.callsPerTask.p90).toBeCloseTo(4.6, 12);
  expect(f.callsPerTask.mean).toBeCloseTo(20 / 12, 12);
  expect(f.tokensPerTask).toBeCloseTo((110 * 20) / 12, 10);
});

test('a chain that never runs alone has no single-call baseline: multiple unknown (null), not calls per task; unpriced -> null', () => {
  const [f] = analyseLoops([row('c', 2, 50, '5')]);
  expect(f).toMatchObject({
    class: 'fixed_chain',
    costMultiple: null,
    costMultipleBaseline: null,
    singleCallTasks: 0,
    successRate: null,
  });
  const [u] = analyseLoops([row('u', 1, 5, null)]);
  expect(u).toMatchObject({ costPerTaskUsd: null, costMultiple: null, costMultipleBaseline: null });
});
