/**
 * Plan checks for the page queries (page-queries.ts): record the SQL a page data function sends, EXPLAIN
 * it on a database holding realistic data, and list what a plan does that the catalogue does not allow.
 * Used by page-plans.test.ts; kept apart so that the rules are unit-testable on hand-made plans.
 */
import type { Connection } from '../client';
import { openConnection } from '../client';
import type { PageContext, PageQuery } from './page-queries';

export interface Scan {
  node: string;
  relation: string;
  index?: string;
}

/** usage_events, its monthly partitions and its default partition (not usage_daily, not temp tables). */
export const isEventRelation = (r: string) => r === 'usage_events' || /^usage_events_(\d{4}_\d{2}|default)$/.test(r);
const INDEX_NODES = new Set(['Index Scan', 'Index Only Scan', 'Bitmap Heap Scan', 'Bitmap Index Scan']);

/** Every node of an EXPLAIN (FORMAT JSON) plan that reads a relation. */
export function scansOf(plan: unknown): Scan[] {
  const out: Scan[] = [];
  const walk = (n: Record<string, unknown>) => {
    if (typeof n['Relation Name'] === 'string') {
      out.push({ node: String(n['Node Type']), relation: n['Relation Name'], index: n['Index Name'] as string | undefined });
    }
    for (const c of (n.Plans as Record<string, unknown>[] | undefined) ?? []) walk(c);
  };
  const root = (Array.isArray(plan) ? plan[0] : plan) as { Plan: Record<string, unknown> };
  walk(root.Plan);
  return out;
}

/** The partitions (usage_events_YYYY_MM) a period of UTC days overlaps. */
export function partitionsOverlapping(from: string, to: string): Set<string> {
  const out = new Set<string>();
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const last = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7));
  while (y * 12 + m <= last) {
    out.add(`usage_events_${y}_${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** What a statement's plan does that the query's catalogue entry does not allow (empty = fine). */
export function planProblems(
  q: Pick<PageQuery, 'reads' | 'indexOnly'>,
  scans: Scan[],
  period: { from: string; to: string },
  /** Partitions holding no pages (months created ahead, an empty default): scanning them reads nothing. */
  empty: ReadonlySet<string> = new Set(),
): string[] {
  const problems: string[] = [];
  const allowed = partitionsOverlapping(period.from, period.to);
  for (const s of scans.filter((x) => isEventRelation(x.relation))) {
    if (q.reads === 'rollup') problems.push(`${s.node} on ${s.relation}: a rollup page query reads raw events`);
    else if (INDEX_NODES.has(s.node) || empty.has(s.relation)) continue;
    else if (q.indexOnly) problems.push(`${s.node} on ${s.relation}: must use an index`);
    else if (s.relation === 'usage_events') problems.push(`${s.node} on the whole of usage_events (not partitioned?)`);
    else if (!allowed.has(s.relation)) problems.push(`${s.node} on ${s.relation}: outside the period, not pruned`);
  }
  return problems;
}

export interface Recorded {
  text: string;
  params: unknown[];
}

/** A Postgres connection that records the statements sent while `recording` holds an array. */
export async function recordingConnection(
  url: string,
): Promise<{ conn: Connection; record<T>(fn: () => Promise<T>): Promise<Recorded[]> }> {
  let sink: Recorded[] | null = null;
  const conn = await openConnection({ databaseUrl: url, onQuery: (text, params) => sink?.push({ text, params }) });
  return {
    conn,
    async record(fn) {
      const got: Recorded[] = [];
      sink = got;
      try {
        await fn();
      } finally {
        sink = null;
      }
      return got;
    },
  };
}

/** Statements that have a plan (reads), as opposed to SET, BEGIN, catalogue lookups of the driver. */
export const isPlannable = (text: string) => /^\s*(select|with)\b/i.test(text) && !/pg_catalog\.pg_type/.test(text);

export async function explain(conn: Connection, s: Recorded): Promise<Scan[]> {
  const [row] = await conn.query<Record<string, unknown>>(`EXPLAIN (FORMAT JSON) ${s.text}`, s.params);
  const plan = row['QUERY PLAN'];
  return scansOf(typeof plan === 'string' ? JSON.parse(plan) : plan);
}

/** Records one catalogue entry's statements and returns each with its scans and problems. */
export async function checkPageQuery(
  rec: Awaited<ReturnType<typeof recordingConnection>>,
  q: PageQuery,
  ctx: PageContext,
): Promise<{ statements: number; relations: Set<string>; problems: string[] }> {
  const sent = (await rec.record(() => q.run(rec.conn, ctx))).filter((s) => isPlannable(s.text));
  const relations = new Set<string>();
  const problems: string[] = [];
  const period = q.period?.(ctx) ?? ctx;
  const empty = new Set(
    (
      await rec.conn.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
          WHERE i.inhparent = 'usage_events'::regclass AND c.relpages = 0`,
      )
    ).map((r) => r.name),
  );
  for (const s of sent) {
    const scans = await explain(rec.conn, s);
    for (const x of scans) relations.add(x.relation);
    for (const p of planProblems(q, scans, period, empty)) problems.push(`${p}\n    in: ${s.text.replace(/\s+/g, ' ').slice(0, 300)}`);
  }
  return { statements: sent.length, relations, problems };
}
