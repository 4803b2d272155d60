/** The generated files follow the real vendor shapes (FORMATS.md 1a-1c, 2a-2d) and agree with each other. */
import { expect, test } from 'vitest';
import { parseConfigYaml } from '../config/yaml';
import { DEMO_PLAN } from './generate';
import { type Any, demoFiles, END, jsonDocs, jsonl, logLines, START } from './testing';

const files = () => demoFiles(7, 0.2);
const inWindow = (ms: number) => ms >= START.getTime() && ms < END.getTime();
const vendorOf = (b: Any) =>
  b.type === 'message' ? 'anthropic' : b.model.startsWith('grok') ? 'xai' : b.model.startsWith('deepseek') ? 'deepseek' : 'openai';

test('response bodies carry each vendor’s own conventions', () => {
  const seen = new Set<string>();
  for (const l of logLines(files())) {
    const b = l.response;
    const u = b.usage;
    expect(l.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.keys(l.metadata)).toEqual(
      expect.arrayContaining(['team', 'workflow', 'project', 'user', 'environment', 'trace_id', 'feature']),
    );
    if (b.object === 'response') {
      seen.add('responses');
      expect(b.id).toMatch(/^resp_/);
      expect(b.output.map((o: Any) => o.type)).toEqual(['reasoning', 'message']);
      expect(u.total_tokens).toBe(u.input_tokens + u.output_tokens);
      expect(b.model).toMatch(/-\d{4}-\d{2}-\d{2}$/);
    } else if (b.type === 'message') {
      seen.add('anthropic');
      expect(b.id).toMatch(/^msg_01/);
      const thinking = b.content.some((c: Any) => c.type === 'thinking');
      // thinking_tokens only where the response thought; input_tokens excludes the cache.
      expect(u.output_tokens_details !== undefined).toBe(thinking);
      expect(u.cache_creation_input_tokens).toBe(u.cache_creation.ephemeral_5m_input_tokens + u.cache_creation.ephemeral_1h_input_tokens);
    } else if (b.model === 'grok-3-mini') {
      seen.add('xai');
      const r = u.completion_tokens_details.reasoning_tokens;
      expect(u.total_tokens).toBe(u.prompt_tokens + u.completion_tokens + r);
      expect(r).toBeGreaterThan(0);
      expect(Number.isSafeInteger(u.cost_in_usd_ticks)).toBe(true);
      const uncached = u.prompt_tokens - u.prompt_tokens_details.cached_tokens;
      expect(u.cost_in_usd_ticks).toBe(uncached * 3000 + u.prompt_tokens_details.cached_tokens * 750 + (u.completion_tokens + r) * 5000);
    } else if (b.model === 'deepseek-reasoner') {
      seen.add('deepseek');
      expect(u.total_tokens).toBe(u.prompt_tokens + u.completion_tokens);
      expect(u.prompt_cache_hit_tokens + u.prompt_cache_miss_tokens).toBe(u.prompt_tokens);
    } else {
      seen.add('chat');
      expect(b.id).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/);
      expect(b.model).toMatch(/-\d{4}-\d{2}-\d{2}$/);
      expect(u.total_tokens).toBe(u.prompt_tokens + u.completion_tokens);
      expect(u.completion_tokens_details.reasoning_tokens).toBeLessThanOrEqual(u.completion_tokens);
    }
  }
  expect([...seen].sort()).toEqual(['anthropic', 'chat', 'deepseek', 'responses', 'xai']);
});

test('outcomes: none for growth/summarize, ~15% omitted elsewhere; triage falls back to claude-haiku-4-5 ~5% of the time', () => {
  const lines = logLines(demoFiles(1, 1));
  for (const wf of DEMO_PLAN.workflows) {
    const mine = lines.filter((l) => l.metadata.workflow === wf.workflow);
    const withOutcome = mine.filter((l) => l.outcome).length / mine.length;
    if (wf.shape === 'none') expect(withOutcome, wf.id).toBe(0);
    else expect(Math.abs(withOutcome - 0.85), wf.id).toBeLessThan(0.03);
    const vendors = new Set(mine.map((l) => vendorOf(l.response)));
    expect(vendors.size, wf.id).toBe(wf.fallback ? 2 : 1);
  }
  const triage = lines.filter((l) => l.metadata.workflow === 'ticket-triage');
  const haiku = triage.filter((l) => l.response.model === 'claude-haiku-4-5-20251001');
  expect(haiku.length / triage.length).toBeGreaterThan(0.03);
  expect(haiku.length / triage.length).toBeLessThan(0.08);
  for (const l of haiku) expect(l.response.usage.output_tokens_details).toBeUndefined();
});

test('the incident agent loops 5-40 calls per trace, with a growing prompt; the spike week is visible', () => {
  const lines = logLines(demoFiles(1, 1)).filter((l) => l.metadata.workflow === 'incident-agent');
  const traces = new Map<string, Any[]>();
  for (const l of lines) traces.set(l.metadata.trace_id, [...(traces.get(l.metadata.trace_id) ?? []), l]);
  for (const calls of traces.values()) {
    expect(calls.length).toBeGreaterThanOrEqual(5);
    expect(calls.length).toBeLessThanOrEqual(40);
    calls.sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
    expect(calls.at(-1).response.usage.prompt_tokens).toBeGreaterThan(calls[0].response.usage.prompt_tokens);
    expect(calls.at(-1).response.choices[0].finish_reason).toBe('stop');
    expect(calls[0].response.choices[0].finish_reason).toBe('tool_calls');
  }
  const { fromDay, toDayExclusive } = DEMO_PLAN.spike;
  const day = (l: Any) => Math.floor((Date.parse(l.timestamp) - START.getTime()) / 86_400_000);
  const spike = lines.filter((l) => day(l) >= fromDay && day(l) < toDayExclusive).length / 7;
  const before = lines.filter((l) => day(l) >= fromDay - 14 && day(l) < fromDay).length / 14;
  expect(spike / before).toBeGreaterThan(2);
});

function billing(kind: string): Any[] {
  return files()
    .filter((f) => f.path.startsWith(`billing/${kind}/`))
    .flatMap((f) => jsonDocs(f.content).map((page, i, all) => ({ page, last: i === all.length - 1 })));
}

test('billing pages are chained, in the window, and use each API’s units', () => {
  for (const kind of ['openai-usage', 'openai-costs', 'anthropic-usage', 'anthropic-costs']) {
    const pages = billing(kind);
    expect(pages.length, kind).toBeGreaterThan(3);
    for (const { page, last } of pages) {
      expect(page.has_more).toBe(!last);
      expect(page.next_page === null).toBe(last);
      for (const bucket of page.data) {
        const start = bucket.start_time !== undefined ? bucket.start_time * 1000 : Date.parse(bucket.starting_at);
        expect(inWindow(start), kind).toBe(true);
        for (const r of bucket.results) {
          if (kind === 'openai-usage') expect(r.project_id).toBe('proj_nightly-batch');
          if (kind === 'anthropic-usage') expect(r.workspace_id).toBe('wrkspc_analytics');
          if (kind === 'openai-costs') {
            expect(r.amount.currency).toBe('usd');
            expect(String(r.amount.value)).toMatch(/^\d+(\.\d{1,6})?$/);
            expect(r.line_item).toMatch(/^[\w.-]+, (input|cached input|output)$/);
          }
          if (kind === 'anthropic-costs') {
            expect(r.currency).toBe('USD');
            expect(r.amount).toMatch(/^\d+(\.\d+)?$/);
          }
        }
      }
    }
  }
});

test('the cost files bill exactly the logged tokens plus the billing-only workloads', () => {
  const out = { gpt5: 0, sonnetOut: 0, supportHaikuIn: 0 };
  for (const l of logLines(files())) {
    const u = l.response.usage;
    if (l.response.model === 'gpt-5-2025-08-07') out.gpt5 += u.output_tokens;
    if (l.response.model === 'claude-sonnet-4-5-20250929') out.sonnetOut += u.output_tokens;
    if (l.response.model === 'claude-haiku-4-5-20251001') out.supportHaikuIn += u.input_tokens;
  }
  const billed = { gpt5: 0, sonnetOut: 0, supportHaikuIn: 0 };
  for (const { page } of billing('openai-costs'))
    for (const b of page.data) for (const r of b.results) if (r.line_item === 'gpt-5-2025-08-07, output') billed.gpt5 += r.quantity;
  // Anthropic's cost report has no token counts: convert the amounts back at list price (cents / price per token).
  for (const { page } of billing('anthropic-costs'))
    for (const b of page.data)
      for (const r of b.results) {
        if (r.workspace_id === 'wrkspc_research' && r.model === 'claude-sonnet-4-5-20250929' && r.token_type === 'output_tokens')
          billed.sonnetOut += Number(r.amount) / 0.0015;
        if (r.workspace_id === 'wrkspc_support' && r.token_type === 'uncached_input_tokens')
          billed.supportHaikuIn += Number(r.amount) / 0.0001;
      }
  expect(billed.gpt5).toBe(out.gpt5);
  expect(Math.round(billed.sonnetOut)).toBe(out.sonnetOut);
  expect(Math.round(billed.supportHaikuIn)).toBe(out.supportHaikuIn);
});

test('Codex rollouts: cumulative totals, output includes reasoning, total = input + output, some repeated token_count', () => {
  let repeats = 0;
  for (const f of demoFiles(1, 1).filter((x) => x.path.startsWith('codex/'))) {
    const lines = jsonl(f.content);
    expect(lines[0].type).toBe('session_meta');
    expect(f.path).toContain(lines[0].payload.id);
    expect(lines.some((l) => l.type === 'turn_context' && l.payload.model)).toBe(true);
    const sum = { input_tokens: 0, output_tokens: 0, total_tokens: 0 };
    let prev = -1;
    for (const l of lines) {
      expect(inWindow(Date.parse(l.timestamp))).toBe(true);
      if (l.type !== 'event_msg' || l.payload.type !== 'token_count') continue;
      const { total_token_usage: total, last_token_usage: last } = l.payload.info;
      expect(last.cached_input_tokens).toBeLessThanOrEqual(last.input_tokens);
      expect(last.reasoning_output_tokens).toBeLessThanOrEqual(last.output_tokens);
      expect(last.total_tokens).toBe(last.input_tokens + last.output_tokens);
      if (total.total_tokens === prev) {
        repeats++;
        continue;
      }
      for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += last[k];
      expect(total).toMatchObject(sum);
      prev = total.total_tokens;
    }
  }
  expect(repeats).toBeGreaterThan(0);
});

test('Claude Code lines sit in their session file and folder, inside the window', () => {
  for (const f of files().filter((x) => x.path.startsWith('claude-code/'))) {
    const [, , folder, name] = f.path.split('/');
    for (const l of jsonl(f.content)) {
      expect(`${l.sessionId}.jsonl`).toBe(name);
      expect(l.cwd.replace(/[^A-Za-z0-9]/g, '-')).toBe(folder);
      expect(inWindow(Date.parse(l.timestamp))).toBe(true);
    }
  }
});

test('itemized.yaml declares the flat-rate coding-agent plans and every workflow', () => {
  const parsed = parseConfigYaml(files().find((f) => f.path === 'itemized.yaml')!.content);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  expect(parsed.config.subscriptions.map((s) => [s.vendor, s.plan, s.seats, s.monthlyPricePerSeatUsd, s.covers])).toEqual([
    ['anthropic', 'Claude Max', 8, '200.00', ['claude_code']],
    ['openai', 'ChatGPT Pro', 3, '200.00', ['codex']],
  ]);
  const names = parsed.config.workflows.map((w) => w.name);
  for (const wf of DEMO_PLAN.workflows) expect(names).toContain(wf.id);
});

test('rhythm: weekdays over weekends, office hours, growth across the window', () => {
  const office = logLines(demoFiles(1, 1)).filter((l) =>
    ['proof-check', 'copy-review', 'data-extract', 'summarize'].includes(l.metadata.workflow),
  );
  const ts = office.map((l) => new Date(l.timestamp));
  const weekend = ts.filter((d) => d.getUTCDay() === 0 || d.getUTCDay() === 6).length / 2;
  const weekday = ts.filter((d) => d.getUTCDay() !== 0 && d.getUTCDay() !== 6).length / 5;
  expect(weekday / weekend).toBeGreaterThan(2.5);
  expect(ts.filter((d) => d.getUTCHours() >= 8 && d.getUTCHours() < 18).length / ts.length).toBeGreaterThan(0.6);
  const day = (d: Date) => (d.getTime() - START.getTime()) / 86_400_000;
  expect(ts.filter((d) => day(d) >= 60).length / ts.filter((d) => day(d) < 30).length).toBeGreaterThan(1.2);
});
