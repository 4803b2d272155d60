import { expect, test } from 'vitest';
import { DEMO_PLAN, generateDemo } from './generate';
import { type Any, demoFiles, END, jsonl, logLines, normalise, quantile, quartileRates, reasoningOf, sha256 } from './testing';

test('the same seed and end give byte-identical files; another seed gives other data with the same layout', () => {
  const a = sha256(generateDemo({ seed: 20260901, end: END, scale: 0.2 }));
  const b = sha256(generateDemo({ seed: 20260901, end: END, scale: 0.2 }));
  const other = [...generateDemo({ seed: 20260902, end: END, scale: 0.2 })];
  expect(b).toBe(a);
  expect(sha256(other)).not.toBe(a);
  const kinds = (files: { path: string }[]) => [...new Set(files.map((f) => f.path.split('/').slice(0, 2).join('/')))].sort();
  expect(kinds(other)).toEqual(kinds(demoFiles(20260901, 0.2)));
});

test('rejects an end that is not a UTC midnight, and a bad scale or seed', () => {
  expect(() => generateDemo({ seed: 1, end: new Date('2026-10-01T05:00:00Z') }).next()).toThrow(/UTC midnight/);
  expect(() => generateDemo({ seed: 1, end: END, scale: 0 }).next()).toThrow(/scale/);
  expect(() => generateDemo({ seed: Number.NaN, end: END }).next()).toThrow(/seed/);
});

test('every file lives under exactly one documented folder, once', () => {
  const files = demoFiles(7, 0.2);
  const paths = files.map((f) => f.path);
  expect(new Set(paths).size).toBe(paths.length);
  for (const p of paths) {
    expect(p, p).not.toMatch(/\\|^\/|\.\./);
    expect(DEMO_PLAN.folders.filter((d) => d.pattern.test(p)).length, p).toBe(1);
  }
  // Every documented folder is used.
  for (const d of DEMO_PLAN.folders)
    expect(
      paths.some((p) => d.pattern.test(p)),
      String(d.pattern),
    ).toBe(true);
});

/** Request-level events counted straight from the files: log lines, unique Claude Code messages, Codex calls. */
function countEvents(files: { path: string; content: string }[]): number {
  let n = 0;
  for (const f of files) {
    if (f.path.startsWith('logs/')) n += jsonl(f.content).length;
    else if (f.path.startsWith('claude-code/')) {
      const ids = new Set(
        jsonl(f.content)
          .filter((l) => l.type === 'assistant')
          .map((l) => `${l.message.id}|${l.requestId}`),
      );
      n += ids.size;
    } else if (f.path.startsWith('codex/')) {
      let last = -1;
      for (const l of jsonl(f.content)) {
        if (l.type !== 'event_msg' || l.payload.type !== 'token_count') continue;
        const total = l.payload.info.total_token_usage.total_tokens;
        if (total !== last) n++;
        last = total;
      }
    }
  }
  return n;
}

test('volume at scale 1 is within the documented range, and every verified workflow has >= 2,000 outcomes', () => {
  const files = demoFiles(1, 1);
  const events = countEvents(files);
  const { min, max } = DEMO_PLAN.volume.requestEvents;
  expect(events).toBeGreaterThanOrEqual(min);
  expect(events).toBeLessThanOrEqual(max);
  expect(files.reduce((s, f) => s + f.events, 0)).toBe(events);
  expect(files.reduce((s, f) => s + Buffer.byteLength(f.content), 0)).toBeLessThan(DEMO_PLAN.volume.maxBytes);
  const withOutcome = new Map<string, number>();
  for (const l of logLines(files)) if (l.outcome) withOutcome.set(l.metadata.workflow, (withOutcome.get(l.metadata.workflow) ?? 0) + 1);
  for (const wf of DEMO_PLAN.workflows) {
    if (wf.shape === 'none') expect(withOutcome.get(wf.workflow) ?? 0, wf.id).toBe(0);
    else expect(withOutcome.get(wf.workflow) ?? 0, wf.id).toBeGreaterThanOrEqual(2000);
  }
});

test.each([1, 2])('planted outcome shapes hold in the log lines (seed %i)', (seed) => {
  const rows = new Map<string, { r: number; success: boolean }[]>();
  for (const l of logLines(demoFiles(seed, 1))) {
    const r = reasoningOf(l.response);
    if (!l.outcome || r === null) continue;
    const wf = l.metadata.workflow as string;
    if (!rows.has(wf)) rows.set(wf, []);
    rows.get(wf)!.push({ r, success: l.outcome.success });
  }
  for (const wf of DEMO_PLAN.workflows) {
    if (wf.shape === 'none') {
      expect(rows.has(wf.workflow), wf.id).toBe(false);
      continue;
    }
    const [q1, q2, q3, q4] = quartileRates(rows.get(wf.workflow)!);
    const msg = `${wf.id} ${wf.shape}: ${[q1, q2, q3, q4].map((x) => x.toFixed(3)).join(' ')}`;
    if (wf.shape === 'helps') {
      expect(q4 - q1, msg).toBeGreaterThanOrEqual(0.2);
      expect(q3, msg).toBeGreaterThan(q1);
    } else if (wf.shape === 'hurts') {
      expect(q1 - q4, msg).toBeGreaterThanOrEqual(0.15);
      expect(q2 - q4, msg).toBeGreaterThanOrEqual(0.1);
    } else if (wf.shape === 'plateau') {
      expect(Math.abs(q4 - q3), msg).toBeLessThan(0.08);
      expect(q4 - q1, msg).toBeGreaterThanOrEqual(0.1);
    } else if (wf.shape === 'easy') {
      expect(Math.abs(q4 - q1), msg).toBeLessThan(0.06);
      for (const q of [q1, q2, q3, q4]) expect(q, msg).toBeGreaterThan(0.88);
    }
  }
});

test('ticket-triage: the median request reasons ~8x the 25th percentile, for the same success', () => {
  const r = logLines(demoFiles(1, 1))
    .filter((l) => l.metadata.workflow === 'ticket-triage')
    .map((l) => reasoningOf(l.response))
    .filter((x): x is number => x !== null)
    .sort((a, b) => a - b);
  const ratio = quantile(r, 0.5) / quantile(r, 0.25);
  expect(ratio).toBeGreaterThan(5);
  expect(ratio).toBeLessThan(12);
});

test('Claude Code transcripts repeat some assistant messages on several lines with the same full usage', () => {
  const cc = demoFiles(7, 0.2).filter((f) => f.path.startsWith('claude-code/'));
  expect(cc.length).toBeGreaterThan(10);
  let messages = 0;
  let duplicated = 0;
  let sidechain = 0;
  let users = 0;
  for (const f of cc) {
    const lines = jsonl(f.content);
    const byKey = new Map<string, Any[]>();
    for (const l of lines) {
      if (l.type === 'user') users++;
      if (l.isSidechain) sidechain++;
      if (l.type !== 'assistant') continue;
      const key = `${l.message.id}|${l.requestId}`;
      if (!byKey.has(key)) byKey.set(key, []);
      byKey.get(key)!.push(l);
    }
    for (const group of byKey.values()) {
      messages++;
      if (group.length < 2) continue;
      duplicated++;
      for (const l of group) {
        expect(l.message.usage).toEqual(group[0].message.usage);
        expect(l.message.usage.cache_read_input_tokens).toBeTypeOf('number');
        expect(l.message.usage.cache_creation_input_tokens).toBeTypeOf('number');
      }
      expect(new Set(group.map((l) => l.uuid)).size).toBe(group.length);
      expect(new Set(group.map((l) => JSON.stringify(l.message.content))).size).toBe(group.length);
    }
    expect(byKey.size, f.path).toBeGreaterThanOrEqual(DEMO_PLAN.claudeCode.callsPerSession.min);
    expect(byKey.size, f.path).toBeLessThanOrEqual(DEMO_PLAN.claudeCode.callsPerSession.max);
  }
  expect(duplicated / messages).toBeGreaterThan(0.2);
  expect(duplicated / messages).toBeLessThan(0.5);
  expect(sidechain).toBeGreaterThan(0);
  expect(users).toBeGreaterThan(messages / 2);
});

test('log lines meet the token invariants in our convention and stay inside the window', () => {
  const start = END.getTime() - 90 * 86_400_000;
  for (const l of logLines(demoFiles(7, 0.2))) {
    const t = Date.parse(l.timestamp);
    expect(t).toBeGreaterThanOrEqual(start);
    expect(t).toBeLessThan(END.getTime());
    const n = normalise(l.response);
    for (const v of [n.input, n.cached, n.cacheWrite, n.output, n.reasoning ?? 0]) {
      expect(Number.isSafeInteger(v) && v >= 0, JSON.stringify(l.response.usage)).toBe(true);
    }
    expect(n.cached + n.cacheWrite).toBeLessThanOrEqual(n.input);
    expect(n.reasoning ?? 0).toBeLessThanOrEqual(n.output);
  }
});
