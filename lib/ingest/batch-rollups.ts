/**
 * A load batch's usage_length_cells and usage_task_days rows, summed in this process from the events it is about to
 * COPY (db/queries/rollup-cells.ts and rollup-tasks.ts define the same rows in SQL: cellsSelect, tasksSelect). The
 * database then only adds these few thousand rows into the rollups instead of grouping the batch's 50k events twice:
 * those two aggregates were ~40 % of its per-batch fold (docs/scale.md). Every value is the SQL's exactly, scale
 * included (pg-numeric.ts); anything this does not reproduce exactly (an amount with an exponent, a product past
 * 2^53, a division Postgres would round) clears `exact`, and the loader folds that batch in SQL as before.
 *
 * Line formats (CSV for COPY, columns in this order: EventRollup.staged of lengthCellsRollup and taskDaysRollup, the
 * order each table is folded in; db/queries/staged-rollups.test.ts loads through both paths and compares):
 *  - cells: day, vendor, model, team, workflow, measure, bucket, bin, requests, outcomes, successes, min_tokens,
 *    max_tokens, tokens, token_price_sum, price_sum, token_cost_usd
 *  - tasks: day, vendor, team, workflow, trace_id, calls, input_tokens, output_tokens, reasoning_tokens,
 *    list_cost_usd, hidden_usd, outcome_calls, success_calls, first_at, last_at, last_outcome_at, last_outcome_id,
 *    last_success
 */
import { isoTimeWriter, txtCell } from './csv-row';
import { Ids, LoadIds } from './key-ids';
import { formatScaled, parseAtScale, parseDecimal } from './pg-numeric';
import { addPriced, type Priced, type PriceText, pricedSums } from './priced-sums';
import type { UsageEvent } from './types';

export { LoadIds };

/** ISO text of a time (ms), with a minute cache of its own (the event lines' serves them in file order). */
const isoText = isoTimeWriter();
const isoMs = (ms: number) => isoText(new Date(ms));

/**
 * The quarter-octave bucket of a token count exactly as the database computes it (QUARTER_OCTAVE in SQL); null
 * past the counts it knows (the batch is then folded in SQL).
 */
export type BucketOf = (tokens: number) => number | null;

interface Cell extends Priced {
  /** The key columns' CSV text (day .. bin). */
  line: string;
  requests: number;
  outcomes: number;
  successes: number;
  min: number;
  max: number;
  tokens: number;
}

interface Task extends Priced {
  /** The key columns' CSV text (day .. trace_id). */
  line: string;
  calls: number;
  input: number;
  output: number;
  reasoning: number;
  /** sum(list_cost_usd) in units of 10^-LIST_COST_SCALE USD (a safe integer, checked). */
  listUnits: number;
  listKnown: boolean;
  outcomeCalls: number;
  successCalls: number;
  firstMs: number;
  lastMs: number;
  /** The last call with an outcome by (time, position in the batch = id order): -1 while none. */
  lastOutcomeMs: number;
  lastOutcomePos: number;
  lastSuccess: boolean;
}

/** The scale of usage_events.list_cost_usd (numeric(20, 10), db/schema-usage.ts). */
const LIST_COST_SCALE = 10;
const MS_PER_DAY = 86_400_000;
const dayText = new Map<number, string>();
function utcDay(dayNumber: number): string {
  let t = dayText.get(dayNumber);
  if (t === undefined) {
    t = new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
    dayText.set(dayNumber, t);
  }
  return t;
}

/** log2 bin (LOG2_BIN in SQL): 0 for n < 1, else the bit length of n. */
function bitLength(n: number): number {
  if (n < 1) return 0;
  if (n < 2 ** 31) return 32 - Math.clz32(n);
  return Math.floor(n / 2 ** 31).toString(2).length + 31;
}

/** A key column's CSV cell: empty for NULL, "" for an empty string. */
const csv = (v: string | null) => (v === null ? '' : txtCell(v));

/**
 * Bits of each column in the numeric keys, which stay small integers (V8 Smis, below 2^30: hashed without a heap
 * number each): a batch whose ids or days do not fit (a day over 31 after or 32 before its first event's, 32 vendors, 1024 teams or
 * models, 512 workflows in one load) is folded in SQL instead. Rows are found by two keys: the columns both rollups
 * share (day, vendor, team, workflow: 6 + 5 + 10 + 9 bits), then the cell's or task's own.
 */
const DAY = 64;
const VENDOR = 32;
const TEAM = 1024;
const WORKFLOW = 512;
const MODEL = 1024;

/** The cells and tasks of one (day, vendor, team, workflow). */
interface Shared {
  cells: Map<number, Cell>;
  tasks: Map<number, Task>;
}

export class BatchRollups {
  /** False once any event needs what this does not reproduce exactly: the batch is then folded in SQL. */
  exact = true;
  private rows = 0;
  /** The batch's first event's UTC day (days since 1970): days are keyed from 32 before it. */
  private firstDay = Number.NaN;
  private readonly shared = new Map<number, Shared>();
  private readonly traces = new Ids();
  private readonly prices = new Map<string, PriceText | null>();
  private lastPriceText: string | null = null;
  private lastPrice: PriceText | undefined = undefined;

  constructor(
    private readonly bucketOf: BucketOf | null,
    private readonly ids: LoadIds = new LoadIds(),
  ) {
    if (!bucketOf) this.exact = false;
  }

  /** Adds the next event of the batch (in COPY order), with the list cost and output price the loader stores. */
  add(e: UsageEvent, listCostUsd: string | null, outputPerMtokUsd: string | null): void {
    const pos = this.rows++;
    if (!this.exact || e.periodSeconds !== 0) return;
    const ms = e.occurredAt.getTime();
    const dayNumber = Math.floor(ms / MS_PER_DAY);
    if (Number.isNaN(this.firstDay)) this.firstDay = dayNumber;
    const day = dayNumber - this.firstDay + DAY / 2;
    const vendor = this.ids.vendor.of(e.vendor);
    const team = this.ids.team.of(e.team);
    const workflow = this.ids.workflow.of(e.workflow);
    // Years 1970..9999 (the ISO text's shape, which utcDay slices); ids within their bits. SQL folds anything else.
    if (!(ms >= 0 && ms < 253_402_300_800_000 && day >= 0 && day < DAY && vendor < VENDOR && team < TEAM && workflow < WORKFLOW)) {
      this.exact = false;
      return;
    }
    const price = outputPerMtokUsd === null ? null : this.price(outputPerMtokUsd);
    if (price === undefined) return;
    const key = ((day * VENDOR + vendor) * TEAM + team) * WORKFLOW + workflow;
    let rows = this.shared.get(key);
    if (!rows) {
      rows = { cells: new Map(), tasks: new Map() };
      this.shared.set(key, rows);
    }
    const measured = e.reasoningTokens ?? e.outputTokens;
    if (measured !== null) this.addCell(e, rows.cells, dayNumber, measured, price, outputPerMtokUsd);
    this.addTask(e, rows.tasks, dayNumber, ms, pos, price, outputPerMtokUsd, listCostUsd);
  }

  private price(text: string) {
    // Most events repeat the price before (the loader hands the same text object for one catalog entry).
    if (text === this.lastPriceText) return this.lastPrice;
    let p = this.prices.get(text);
    if (p === undefined) {
      const d = parseDecimal(text);
      p = d && d.mantissa <= BigInt(Number.MAX_SAFE_INTEGER) ? { ...d, num: Number(d.mantissa) } : null;
      this.prices.set(text, p);
    }
    if (p === null) this.exact = false;
    this.lastPriceText = text;
    this.lastPrice = p ?? undefined;
    return this.lastPrice;
  }

  private addPriced(row: Priced, tokens: number, price: PriceText, text: string) {
    if (!addPriced(row, tokens, price, text)) this.exact = false;
  }

  private addCell(
    e: UsageEvent,
    cells: Map<number, Cell>,
    dayNumber: number,
    tokens: number,
    price: PriceText | null,
    text: string | null,
  ) {
    const bucket = Number.isSafeInteger(tokens) ? (this.bucketOf?.(tokens) ?? null) : null;
    const model = this.ids.model.of(e.model);
    const bin = bucket === null ? 0 : bitLength(tokens);
    // bin is bucket / 4 or one more (log2 n vs 4 log2(n + 1)): two bits of the key hold the difference.
    const binStep = bucket === null ? -1 : bin - Math.floor(bucket / 4);
    if (bucket === null || bucket >= 256 || model >= MODEL || binStep < 0 || binStep > 3) {
      this.exact = false;
      return;
    }
    const measure = e.reasoningTokens === null ? 0 : 1;
    // model 10 + measure 1 + bucket 8 + bin step 2 bits.
    const key = ((model * 2 + measure) * 256 + bucket) * 4 + binStep;
    let c = cells.get(key);
    if (!c) {
      const line = [
        utcDay(dayNumber),
        csv(e.vendor),
        csv(e.model),
        csv(e.team),
        csv(e.workflow),
        measure ? 'reasoning' : 'output',
        bucket,
        bin,
      ].join(',');
      c = {
        line,
        parts: new Map(),
        lastText: undefined,
        lastPart: undefined,
        divScale: -1,
        requests: 0,
        outcomes: 0,
        successes: 0,
        min: tokens,
        max: tokens,
        tokens: 0,
      };
      cells.set(key, c);
    }
    c.requests++;
    if (e.success !== null) c.outcomes++;
    if (e.success === true) c.successes++;
    if (tokens < c.min) c.min = tokens;
    if (tokens > c.max) c.max = tokens;
    c.tokens += tokens;
    if (price && text !== null) this.addPriced(c, tokens, price, text);
  }

  private addTask(
    e: UsageEvent,
    tasks: Map<number, Task>,
    dayNumber: number,
    ms: number,
    pos: number,
    price: PriceText | null,
    text: string | null,
    listCostUsd: string | null,
  ) {
    const trace = this.traces.of(e.traceId);
    let t = tasks.get(trace);
    if (!t) {
      t = {
        line: [utcDay(dayNumber), csv(e.vendor), csv(e.team), csv(e.workflow), csv(e.traceId)].join(','),
        parts: new Map(),
        lastText: undefined,
        lastPart: undefined,
        divScale: -1,
        calls: 0,
        input: 0,
        output: 0,
        reasoning: 0,
        listUnits: 0,
        listKnown: false,
        outcomeCalls: 0,
        successCalls: 0,
        firstMs: ms,
        lastMs: ms,
        lastOutcomeMs: -1,
        lastOutcomePos: -1,
        lastSuccess: false,
      };
      tasks.set(trace, t);
    }
    t.calls++;
    t.input += e.inputTokens ?? 0;
    t.output += e.outputTokens ?? 0;
    t.reasoning += e.reasoningTokens ?? 0;
    if (listCostUsd !== null) {
      // usage_events.list_cost_usd is numeric(20, 10): stored (and summed) at scale 10; more digits would round.
      const units = parseAtScale(listCostUsd, LIST_COST_SCALE);
      if (units === null) this.exact = false;
      else {
        t.listUnits += units;
        t.listKnown = true;
        if (!Number.isSafeInteger(t.listUnits)) this.exact = false;
      }
    }
    if (e.reasoningTokens !== null && price && text !== null) this.addPriced(t, e.reasoningTokens, price, text);
    if (ms < t.firstMs) t.firstMs = ms;
    if (ms > t.lastMs) t.lastMs = ms;
    if (e.success !== null) {
      t.outcomeCalls++;
      if (e.success) t.successCalls++;
      // Later in the batch = higher id: at one instant the later event wins (as the SQL's [time, id] maximum).
      if (t.lastOutcomePos < 0 || ms >= t.lastOutcomeMs) {
        t.lastOutcomeMs = ms;
        t.lastOutcomePos = pos;
        t.lastSuccess = e.success;
      }
    }
  }

  /**
   * The batch's usage_length_cells rows as CSV lines (see the file comment for the columns). Lines and keys are joined
   * arrays, flat strings: template-built ones are ropes that the COPY's join had to flatten (~8 ms a batch).
   */
  cellLines(): string[] {
    const out: string[] = [];
    if (!this.exact) return out;
    for (const c of [...this.shared.values()].flatMap((rows) => [...rows.cells.values()])) {
      if (!Number.isSafeInteger(c.tokens)) this.exact = false;
      const [tokenPrice, priceSum, cost] = pricedSums(c);
      out.push([c.line, c.requests, c.outcomes, c.successes, c.min, c.max, c.tokens, tokenPrice, priceSum, `${cost}\n`].join(','));
    }
    return out;
  }

  /** The batch's usage_task_days rows as CSV lines; `firstId` is the id the batch's first event was given. */
  taskLines(firstId: number): string[] {
    const out: string[] = [];
    if (!this.exact) return out;
    for (const t of [...this.shared.values()].flatMap((rows) => [...rows.tasks.values()])) {
      if (![t.input, t.output, t.reasoning].every(Number.isSafeInteger)) this.exact = false;
      const [, , hidden] = pricedSums(t);
      const list = t.listKnown ? formatScaled(BigInt(t.listUnits), LIST_COST_SCALE) : '';
      const outcome =
        t.lastOutcomePos < 0 ? ['', '', '\n'] : [isoMs(t.lastOutcomeMs), firstId + t.lastOutcomePos, t.lastSuccess ? 't\n' : 'f\n'];
      const times = [isoMs(t.firstMs), isoMs(t.lastMs)];
      out.push(
        [t.line, t.calls, t.input, t.output, t.reasoning, list, hidden, t.outcomeCalls, t.successCalls, ...times, ...outcome].join(','),
      );
    }
    return out;
  }
}
