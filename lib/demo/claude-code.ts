/**
 * Claude Code session transcripts, shaped like shared/samples/claude-code/claude-code-log-sidechain_integrated.jsonl:
 * user lines, assistant lines (one per content block: a message with 2-3 blocks is written on 2-3
 * lines that all repeat the full usage; dedupe on message.id + requestId), Task sub-agents written
 * inline with isSidechain: true, and a context that grows as cache reads until it is compacted.
 */
import { DEMO_PLAN } from './plan';
import { Rng } from './rng';
import { encodeCwd, fitBeforeEnd, scheduleSessions } from './sessions';
import { iso, type Window } from './time';

type Json = Record<string, unknown>;

interface Line {
  t: number;
  /** Everything but the timestamp, in the key order Claude Code writes. */
  head: Json;
  tail: Json;
}

interface Thread {
  sidechain: boolean;
  agentId: string | null;
  /** Tokens already in the prompt cache (read on the next call). */
  ctx: number;
  /** Tokens added since the last call (written to the cache on the next call). */
  pending: number;
  parent: string | null;
  model: string;
}

const TOOLS: [string, Json][] = [
  ['Read', { file_path: 'src/index.ts' }],
  ['Grep', { pattern: 'TODO', output_mode: 'files_with_matches' }],
  ['Edit', { file_path: 'src/app.ts', old_string: 'let x', new_string: 'const x' }],
  ['Bash', { command: 'npm test', description: 'Run tests' }],
  ['Glob', { pattern: '**/*.test.ts' }],
  ['TodoWrite', { todos: [] }],
];
const PROMPTS = [
  'Fix the failing test in the billing module',
  'Add pagination to the list endpoint',
  'Why is this query slow?',
  'Refactor the retry logic',
];
const SAYS = [
  "I'll look at the relevant files first.",
  'The test fails because the date is parsed as local time.',
  'Done: all tests pass.',
];

export interface ClaudeCodeFile {
  path: string;
  content: string;
  /** Unique (message.id, requestId) pairs in the file: the request-level events. */
  messages: number;
}

function session(slotSeed: number, t0: number, day: number, dev: (typeof DEMO_PLAN.developers)[number], w: Window): ClaudeCodeFile {
  const cc = DEMO_PLAN.claudeCode;
  const rng = Rng.fromInt(slotSeed);
  const sessionId = rng.uuid();
  const cwd = `${dev.home}/code/${rng.pick(dev.repos)}`;
  const gitBranch = rng.pick(['main', 'main', `feat/${rng.hex(4)}`, `fix/${rng.hex(4)}`]);
  const version = `2.0.${46 + Math.floor(day / 12)}`;
  const mainModel = cc.models[rng.weighted(cc.models.map((m) => m.share))].modelRaw;
  const calls = Math.min(cc.callsPerSession.max, Math.max(cc.callsPerSession.min, 20 + Math.round(rng.lognormal(30, 0.75))));
  const lines: Line[] = [];
  let t = t0;
  let messages = 0;
  const base = (th: Thread, uuid: string): Json => ({
    parentUuid: th.parent,
    isSidechain: th.sidechain,
    userType: 'external',
    cwd,
    sessionId,
    version,
    gitBranch,
    uuid,
  });
  const userLine = (th: Thread, content: unknown, result?: Json) => {
    const uuid = rng.uuid();
    const tail: Json = { isMeta: null, type: 'user', message: { role: 'user', content } };
    if (result) tail.toolUseResult = result;
    if (th.agentId) tail.agentId = th.agentId;
    lines.push({ t, head: base(th, uuid), tail });
    th.parent = uuid;
  };
  const assistant = (th: Thread, blocks: Json[], stop: string) => {
    // First call of a thread (or after compaction): the system prompt and tools, often still cached from an earlier session.
    const first = th.ctx === 0;
    const sys = (th.sidechain ? 11_000 : 18_000) + rng.int(0, 4000);
    const read = first ? (rng.bool(0.5) ? Math.round(sys * 0.75) : 0) : th.ctx;
    const write = first ? sys - read : th.pending;
    const input = rng.int(1, 12);
    const output = Math.min(12_000, Math.max(1, Math.round(rng.lognormal(stop === 'end_turn' ? 350 : 140, 0.9))));
    const usage = {
      input_tokens: input,
      cache_creation_input_tokens: write,
      cache_read_input_tokens: read,
      cache_creation: { ephemeral_5m_input_tokens: th.sidechain ? write : 0, ephemeral_1h_input_tokens: th.sidechain ? 0 : write },
      output_tokens: output,
      service_tier: 'standard',
    };
    const id = `msg_01${rng.base58(22)}`;
    const requestId = `req_011C${rng.base58(20)}`;
    t += 1500 + output * rng.int(15, 35);
    for (const block of blocks) {
      const uuid = rng.uuid();
      const message = {
        id,
        type: 'message',
        role: 'assistant',
        model: th.model,
        content: [block],
        stop_reason: stop,
        stop_sequence: null,
        usage,
      };
      lines.push({ t, head: base(th, uuid), tail: { isMeta: null, type: 'assistant', message, requestId } });
      th.parent = uuid;
      t += rng.int(20, 400);
    }
    messages++;
    th.ctx = read + write + input;
    th.pending = output + Math.min(30_000, Math.max(20, Math.round(rng.lognormal(1100, 1))));
    if (th.ctx > 150_000) {
      th.ctx = 0; // compaction: the next call rebuilds a short context
      th.pending = 0;
    }
    t += rng.int(200, 15_000); // tool execution
  };
  const toolUse = (name?: string): Json => {
    const [n, input] = name
      ? [name, { description: 'Research the call sites', prompt: 'Find every caller of parseDate' }]
      : rng.pick(TOOLS);
    return { type: 'tool_use', id: `toolu_01${rng.base58(22)}`, name: n, input };
  };
  const blocksFor = (last: Json): Json[] => {
    if (!rng.bool(cc.duplicateMessageRate)) return [last];
    const thinking = { type: 'thinking', thinking: 'Check the callers before editing.', signature: rng.base62(40) };
    if (last.type === 'text') return [thinking, last];
    const text = { type: 'text', text: rng.pick(SAYS) };
    return rng.bool(0.15) ? [thinking, text, last] : [text, last];
  };

  const main: Thread = { sidechain: false, agentId: null, ctx: 0, pending: 0, parent: null, model: mainModel };
  let done = 0;
  let turnLeft = 0;
  while (done < calls) {
    if (turnLeft === 0) {
      userLine(main, rng.pick(PROMPTS));
      turnLeft = Math.min(calls - done, 1 + Math.round(rng.lognormal(9, 0.7)));
    }
    const remaining = calls - done;
    if (turnLeft > 1 && remaining >= 6 && rng.bool(cc.sidechainRate)) {
      const task = toolUse('Task');
      assistant(main, blocksFor(task), 'tool_use');
      const agentId = rng.hex(8);
      const sideModel = rng.bool(0.3) ? 'claude-haiku-4-5-20251001' : mainModel;
      const side: Thread = { sidechain: true, agentId, ctx: 0, pending: 0, parent: null, model: sideModel };
      userLine(side, 'Find every caller of parseDate');
      const k = Math.min(remaining - 2, rng.int(3, 12));
      for (let i = 0; i < k; i++) {
        const lastSide = i === k - 1;
        const blk = lastSide ? { type: 'text', text: 'Found 4 callers; summary follows.' } : toolUse();
        assistant(side, blocksFor(blk), lastSide ? 'end_turn' : 'tool_use');
        if (!lastSide) userLine(side, [{ tool_use_id: blk.id, type: 'tool_result', content: 'ok', is_error: null }], { type: 'text' });
      }
      main.agentId = agentId;
      userLine(main, [{ tool_use_id: task.id, type: 'tool_result', content: [{ type: 'text', text: 'Found 4 callers.' }] }], {
        status: 'completed',
      });
      main.agentId = null;
      done += k + 1;
      turnLeft = Math.max(1, turnLeft - 1);
      continue;
    }
    const endTurn = turnLeft === 1;
    const blk = endTurn ? { type: 'text', text: rng.pick(SAYS) } : toolUse();
    assistant(main, blocksFor(blk), endTurn ? 'end_turn' : 'tool_use');
    if (!endTurn)
      userLine(main, [{ tool_use_id: blk.id, type: 'tool_result', content: 'ok', is_error: null }], {
        stdout: 'ok',
        stderr: '',
        interrupted: false,
      });
    else t += rng.int(30_000, 600_000); // the developer reads and types the next prompt
    done++;
    turnLeft--;
  }
  const shift = fitBeforeEnd(
    lines.map((l) => l.t),
    w,
    rng,
  );
  const content = lines.map((l) => JSON.stringify({ ...l.head, timestamp: iso(l.t - shift), ...l.tail })).join('\n');
  return { path: `claude-code/projects/${encodeCwd(cwd)}/${sessionId}.jsonl`, content: `${content}\n`, messages };
}

export function* claudeCodeFiles(seed: number, w: Window, scale: number): Generator<ClaudeCodeFile> {
  const count = Math.round(DEMO_PLAN.claudeCode.sessions * scale);
  for (const s of scheduleSessions(seed, 'claude-code', w, count, DEMO_PLAN.developers)) yield session(s.seed, s.t0, s.day, s.dev, w);
}
