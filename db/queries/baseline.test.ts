/**
 * Baseline lines against an independent recomputation: every event read back raw, attributed by a
 * plain TypeScript reading of the match semantics (lib/config/types.ts), summed per key. The config
 * mixes rollup-level rules with api_key/user rules and a subscription naming users, so both the
 * rollup path and the deferred-to-events path are exercised.
 */
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ItemizedConfig, MatchField } from '../../lib/config/types';
import type { Connection } from '../client';
import { testDatabases } from '../testing';
import { getBaselineLines } from './baseline';
import { type FixtureEvent, insertFixtureEvents } from './usage-fixtures';

const CONFIG: ItemizedConfig = {
  version: 1,
  workflows: [
    { name: 'W-a', team: 'owner-a', criticality: 'critical', description: null, match: [{ workflow: ['a'] }], fallbacks: [] },
    {
      name: 'W-mixed',
      team: 'owner-m',
      criticality: 'important',
      description: null,
      match: [
        { project: ['p1'], user: ['u1'] },
        { team: ['t2'], environment: ['staging'] },
      ],
      fallbacks: [],
    },
    { name: 'W-key', team: 'owner-k', criticality: 'optional', description: null, match: [{ api_key: ['k1'] }], fallbacks: [] },
    { name: 'W-anthropic', team: 'owner-x', criticality: 'optional', description: null, match: [{ vendor: ['anthropic'] }], fallbacks: [] },
  ],
  subscriptions: [
    {
      vendor: 'anthropic',
      plan: 'Max',
      seats: 2,
      monthlyPricePerSeatUsd: '100',
      periodStart: '2026-03-02',
      periodEnd: null,
      team: 'dev',
      users: ['u1', 'u2'],
      covers: ['claude_code'],
    },
    {
      vendor: 'openai',
      plan: 'Pro',
      seats: 1,
      monthlyPricePerSeatUsd: '200',
      periodStart: null,
      periodEnd: null,
      team: 'dev',
      users: [],
      covers: ['codex'],
    },
  ],
  budgets: [],
};

/** Deterministic pseudo-random events over 2026-02-27 .. 2026-03-04 from small value pools. */
function fixtureEvents(n: number): FixtureEvent[] {
  let s = 12345;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const models: [string, string][] = [
    ['openai', 'gpt-5-mini'],
    ['openai', 'gpt-5'],
    ['anthropic', 'claude-sonnet-4-5'],
    ['xai', 'grok-3-mini'],
    ['xai', 'mystery-model'],
  ];
  return Array.from({ length: n }, () => {
    const [vendor, model] = pick(models);
    const input = Math.floor(rnd() * 5000);
    const cached = Math.floor(rnd() * input * 0.5);
    const cacheWrite = Math.floor(rnd() * (input - cached) * 0.3);
    const output = Math.floor(rnd() * 3000);
    return {
      at: `2026-0${pick(['2-27', '2-28', '3-01', '3-02', '3-03', '3-04'])}T${String(Math.floor(rnd() * 24)).padStart(2, '0')}:30:00Z`,
      vendor,
      model,
      source: pick(['response_log', 'claude_code', 'codex']),
      workflow: pick(['a', 'b', null]),
      project: pick(['p1', 'p2', null]),
      team: pick(['t1', 't2', null]),
      environment: pick(['production', 'staging', null]),
      apiKey: pick(['k1', 'k2', null]),
      userId: pick(['u1', 'u2', 'u3', null]),
      input,
      cached,
      cacheWrite,
      output,
      reasoning: pick([null, 0, Math.floor(output / 2)]),
      billedCostUsd: pick([null, '0.0001234']),
    };
  });
}

const FIELD_COLUMN: Record<MatchField, string> = {
  workflow: 'workflow',
  project: 'project',
  team: 'team',
  environment: 'environment',
  vendor: 'vendor',
  source: 'source',
  api_key: 'api_key',
  user: 'user_id',
};

type Raw = Record<string, string | null>;

function attribute(e: Raw): { wf: number; sub: number } {
  const wf = CONFIG.workflows.findIndex((w) =>
    w.match.some((r) => (Object.keys(r) as MatchField[]).every((f) => e[FIELD_COLUMN[f]] !== null && r[f]!.includes(e[FIELD_COLUMN[f]]!))),
  );
  const sub = CONFIG.subscriptions.findIndex(
    (s) =>
      s.vendor === e.vendor &&
      (s.covers as string[]).includes(e.source!) &&
      (s.periodStart === null || e.day! >= s.periodStart) &&
      (s.periodEnd === null || e.day! <= s.periodEnd) &&
      (s.users.length === 0 || e.user_id === null || s.users.includes(e.user_id)),
  );
  return { wf, sub };
}

describe.each(testDatabases())('baseline lines on $name', (tdb) => {
  let conn: Connection;
  let raw: Raw[];
  beforeAll(async () => {
    conn = await tdb.open();
    await insertFixtureEvents(conn, fixtureEvents(400));
    raw = await conn.query<Raw>(
      `SELECT (occurred_at AT TIME ZONE 'UTC')::date::text AS day, vendor, model, source, workflow, project, team, environment, api_key,
              user_id, input_tokens::text, cached_input_tokens::text, cache_write_tokens::text, output_tokens::text,
              reasoning_tokens::text, list_cost_usd::text, billed_cost_usd::text FROM usage_events`,
    );
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('day lines equal an independent per-event attribution and sum', async () => {
    const from = '2026-02-28';
    const to = '2026-03-03';
    const expected = new Map<string, { events: number; input: number; output: number; reasoning: number; list: Decimal | null }>();
    for (const e of raw.filter((x) => x.day! >= from && x.day! <= to)) {
      const { wf, sub } = attribute(e);
      const w = wf >= 0 ? CONFIG.workflows[wf] : null;
      const key = [e.day, w?.name ?? '', e.team ?? w?.team ?? '', e.vendor, e.model, e.source, sub >= 0 ? sub : ''].join('|');
      const x = expected.get(key) ?? { events: 0, input: 0, output: 0, reasoning: 0, list: null };
      x.events++;
      x.input += Number(e.input_tokens);
      x.output += Number(e.output_tokens);
      x.reasoning += Number(e.reasoning_tokens ?? 0);
      if (e.list_cost_usd !== null) x.list = (x.list ?? new Decimal(0)).plus(e.list_cost_usd);
      expected.set(key, x);
    }
    const lines = await getBaselineLines(conn, CONFIG, { from, to });
    const got = new Map(
      lines.map((l) => [
        [l.period, l.workflow ?? '', l.team ?? '', l.vendor, l.model, l.source, l.subscription ?? ''].join('|'),
        {
          events: l.events,
          input: l.inputTokens,
          output: l.outputTokens,
          reasoning: l.reasoningTokens,
          list: l.listCostUsd === null ? null : new Decimal(l.listCostUsd),
        },
      ]),
    );
    expect(got).toEqual(expected);
    // Every path was exercised: user-level plan coverage, the api_key workflow, and unattributed usage.
    expect(lines.some((l) => l.subscription === 0)).toBe(true);
    expect(lines.some((l) => l.workflow === 'W-key')).toBe(true);
    expect(lines.some((l) => l.workflow === null)).toBe(true);
    expect(lines.some((l) => l.model === 'mystery-model' && l.listCostUsd === null && l.costByClass === null && l.unpricedEvents > 0)).toBe(
      true,
    );
  });

  test('the split adds up to the list cost and prices each class at the model list price', async () => {
    const lines = await getBaselineLines(conn, CONFIG, { from: '2026-02-27', to: '2026-03-04' });
    for (const l of lines.filter((x) => x.costByClass !== null)) {
      const c = l.costByClass!;
      const sum = Object.values(c).reduce((a, v) => a.plus(v), new Decimal(0));
      expect(sum.eq(l.listCostUsd!)).toBe(true);
    }
    // gpt-5-mini list prices (USD per million tokens): input 0.25, cached 0.025, cache write 0.25, output 2.
    const mini = lines.filter((l) => l.model === 'gpt-5-mini');
    expect(mini.length).toBeGreaterThan(3);
    for (const l of mini) {
      const c = l.costByClass!;
      const uncached = l.inputTokens - l.cachedInputTokens - l.cacheWriteTokens;
      expect(c.uncachedInput).toBe(new Decimal(uncached).mul('0.25').div(1e6).toFixed());
      expect(c.cachedInput).toBe(new Decimal(l.cachedInputTokens).mul('0.025').div(1e6).toFixed());
      expect(c.cacheWrite).toBe(new Decimal(l.cacheWriteTokens).mul('0.25').div(1e6).toFixed());
      expect(c.visibleOutput).toBe(new Decimal(l.outputTokens - l.reasoningTokens).mul(2).div(1e6).toFixed());
      expect(c.reasoning).toBe(new Decimal(l.reasoningTokens).mul(2).div(1e6).toFixed());
      expect(c.residual).toBe('0');
    }
  });

  test('month grain is the exact sum of the day lines; unknown reasoning is counted apart', async () => {
    const p = { from: '2026-02-27', to: '2026-03-04' };
    const [days, months] = await Promise.all([getBaselineLines(conn, CONFIG, p), getBaselineLines(conn, CONFIG, { ...p, grain: 'month' })]);
    expect(new Set(months.map((m) => m.period))).toEqual(new Set(['2026-02', '2026-03']));
    const total = (ls: typeof days, f: (l: (typeof days)[number]) => string | number | null) =>
      ls.reduce((a, l) => a.plus(f(l) ?? 0), new Decimal(0)).toFixed();
    for (const f of [
      (l: (typeof days)[number]) => l.listCostUsd,
      (l: (typeof days)[number]) => l.costByClass?.reasoning ?? null,
      (l: (typeof days)[number]) => l.reasoningUnknownOutputTokens,
      (l: (typeof days)[number]) => l.events,
    ])
      expect(total(months, f)).toBe(total(days, f));
    const unknown = raw.filter((e) => e.reasoning_tokens === null).reduce((a, e) => a + Number(e.output_tokens), 0);
    expect(Number(total(days, (l) => l.reasoningUnknownOutputTokens))).toBe(unknown);
  });
});
