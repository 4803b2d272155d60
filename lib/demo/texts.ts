/** Short canned texts for response bodies: enough to look real, small enough to keep the files light. */
import type { ApiEvent } from './api-events';
import type { Rng } from './rng';

const QUEUES = ['billing', 'bugs', 'account', 'shipping', 'how-to', 'refunds'];

const ANSWERS: Record<string, string[]> = {
  'proof-check': [
    'All steps check. Verdict: valid.',
    'Step 3 does not follow: the bound needs n >= 2. Verdict: invalid.',
    'Lemma 2 is used before it is proved; reorder. Verdict: valid after fix.',
    'The induction step omits the base case n = 0. Verdict: incomplete.',
  ],
  'copy-review': [
    "Tighten the headline to under 8 words; replace 'leverage' with 'use'.",
    'Clear and on-brand. Consider a stronger call to action.',
    'The claim "fastest" needs a source or softer wording.',
    'Cut the second paragraph; it repeats the first.',
  ],
  'incident-agent': [
    'Root cause: deploy 4f2c of checkout-api raised p99 latency; rolled back, error rate normal.',
    'Disk pressure on db-replica-2; expanded volume, replication lag back under 1s.',
    'Upstream payment provider timeouts; enabled circuit breaker, status page updated.',
  ],
  'data-extract': [
    '{"rows":12,"columns":["year","revenue","margin"]}',
    '{"rows":4,"columns":["metric","value"]}',
    '{"rows":31,"columns":["date","amount"]}',
  ],
  'data-extract:verify': [
    'Verified: all rows match the source table.',
    'Row 7 amount differs from source (1,204 vs 1,240).',
    'Verified with one unit fix (k -> thousands).',
  ],
  summarize: [
    'Customer wants SSO before renewal; follow up with a security review by Friday.',
    'Weekly digest: 3 launches, churn flat, two enterprise trials started.',
    'Prospect compared us with two vendors; price is the main objection.',
  ],
};

const THOUGHTS: Record<string, string[]> = {
  'ticket-triage': ['Mentions an invoice and a double charge: billing.', 'Login failure after reset: account queue.'],
  'proof-check': ['Check each inference against the lemma statement.', 'Verify the inequality direction in step 3.'],
  'incident-agent': ['Error spike starts at the deploy; check the diff first.', 'Latency up on one replica only; look at disk.'],
  'data-extract': ['Header spans two rows; merge before mapping columns.', 'Units are in thousands per the caption.'],
};

const TOOLS: [string, string][] = [
  ['query_metrics', '{"service":"checkout-api","metric":"p99_latency","window":"15m"}'],
  ['search_logs', '{"query":"level:error service:payments","window":"30m"}'],
  ['get_deploys', '{"service":"checkout-api","limit":5}'],
  ['read_runbook', '{"name":"db-replication-lag"}'],
  ['rollback_deploy', '{"service":"checkout-api","to":"4f2b"}'],
  ['post_status', '{"status":"investigating"}'],
];

export function pickText(rng: Rng, e: ApiEvent): string {
  const wf = e.wf.workflow;
  if (wf === 'ticket-triage') return `{"queue":"${rng.pick(QUEUES)}","priority":"P${rng.int(1, 4)}"}`;
  const key = e.step === 'verify' ? `${wf}:verify` : wf;
  return rng.pick(ANSWERS[key] ?? ANSWERS.summarize);
}

export function reasoningText(rng: Rng, e: ApiEvent): string {
  return rng.pick(THOUGHTS[e.wf.workflow] ?? THOUGHTS['proof-check']);
}

export function toolCall(rng: Rng): Record<string, unknown> {
  const [name, args] = rng.pick(TOOLS);
  return { id: `call_${rng.base62(24)}`, function: { name, arguments: args }, type: 'function' };
}
