/**
 * itemized.yaml: read with the `yaml` package (it keeps every node's position, so each validation
 * error names its line) and validated with zod; written back in one canonical form, so that
 * export -> import -> export gives the same bytes.
 *
 * Canonical form: keys in a fixed order, optional keys left out when empty, a match field with one
 * value written as a scalar and with several as a flow list, one match rule written as a mapping and
 * several as a list, amounts quoted (they are exact decimal text, never YAML floats).
 */
import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, Document as YamlDocument } from 'yaml';
import type { ZodIssue } from 'zod';
import { type ItemizedConfig, MATCH_FIELDS, type MatchRule } from './types';
import { configYamlSchema, fromYamlShape } from './yaml-schema';

export interface ConfigError {
  /** 1-based line in the file (1 when the error concerns the whole file). */
  line: number;
  /** Where in the document, e.g. "workflows[3].criticality"; "" for the document itself. */
  path: string;
  message: string;
}

export type ConfigParseResult = { ok: true; config: ItemizedConfig } | { ok: false; errors: ConfigError[] };

/** "itemized.yaml:12: workflows[3].criticality: expected one of critical|important|optional" */
export function formatConfigError(file: string, e: ConfigError): string {
  return `${file}:${e.line}: ${e.path ? `${e.path}: ` : ''}${e.message}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

/** Parses and validates; never throws on bad input. */
export function parseConfigYaml(text: string): ConfigParseResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0)
    return {
      ok: false,
      errors: doc.errors.map((e) => ({ line: lines.linePos(e.pos[0]).line, path: '', message: firstLine(e.message) })),
    };
  // Numbers keep their source text ("200.00", not 200): amounts stay exact and "1e3" is rejected as an amount.
  numbersAsSource(doc.contents);
  const parsed = configYamlSchema.safeParse(doc.toJS() ?? undefined);
  if (parsed.success) return { ok: true, config: fromYamlShape(parsed.data) };
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : lines.linePos(offset).line);
  const errors = parsed.error.issues.flatMap((issue): ConfigError[] => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((k) => ({
        line: lineOf(keyOffset(doc, path, k) ?? nodeOffset(doc, path)),
        path: formatPath(path),
        message: `unknown key "${k}"${suggest(issue, k)}`,
      }));
    return [{ line: lineOf(nodeOffset(doc, path)), path: formatPath(path), message: issue.message }];
  });
  errors.sort((a, b) => a.line - b.line);
  return { ok: false, errors };
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function numbersAsSource(node: unknown): void {
  if (isScalar(node)) {
    if (typeof node.value === 'number' || typeof node.value === 'bigint') node.value = node.source ?? String(node.value);
  } else if (isMap(node) || isSeq(node)) {
    for (const item of node.items) {
      if (isPair(item)) {
        numbersAsSource(item.key);
        numbersAsSource(item.value);
      } else numbersAsSource(item);
    }
  }
}

/** Start offset of the deepest existing node on the path (a missing key points at its parent). */
function nodeOffset(doc: Document, path: (string | number)[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as Node | null | undefined;
    if (node && typeof node === 'object' && 'range' in node && node.range) return node.range[0];
  }
  return undefined;
}

function keyOffset(doc: Document, path: (string | number)[], key: string): number | undefined {
  const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  return pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
}

const KNOWN_KEYS = ['version', 'workflows', 'subscriptions', 'budgets', 'name', 'team', 'criticality', 'description', 'match', 'fallbacks'];
function suggest(_issue: ZodIssue, key: string): string {
  const near = [...KNOWN_KEYS, ...MATCH_FIELDS, 'monthly_price_per_seat_usd', 'period_start', 'period_end', 'amount_usd', 'month'].find(
    (k) => k !== key && (k.startsWith(key.slice(0, 4)) || key.startsWith(k.slice(0, 4))),
  );
  return near ? ` (did you mean "${near}"?)` : '';
}

const DEFAULT_HEADER = [
  ' itemized.yaml: the dependency map (workflows, flat-rate subscriptions, budgets).',
  ' Import with `itemized config import itemized.yaml` (validates; replaces the whole map).',
  ' Workflows are tried in order; the first whose match rules fit a usage line gets it.',
];

/** The file's shape (snake_case keys, canonical order, empty optional keys left out). */
function yamlShape(c: ItemizedConfig) {
  const one = (xs: readonly string[]) => (xs.length === 1 ? xs[0] : [...xs]);
  const rule = (r: MatchRule) => Object.fromEntries(MATCH_FIELDS.filter((f) => r[f]?.length).map((f) => [f, one(r[f]!)]));
  return {
    version: 1,
    workflows: c.workflows.map((w) => ({
      name: w.name,
      team: w.team,
      criticality: w.criticality,
      ...(w.description !== null ? { description: w.description } : {}),
      match: w.match.length === 1 ? rule(w.match[0]) : w.match.map(rule),
      fallbacks: w.fallbacks.map((f) => ({ vendor: f.vendor, model: f.model })),
    })),
    subscriptions: c.subscriptions.map((s) => ({
      vendor: s.vendor,
      plan: s.plan,
      seats: s.seats,
      monthly_price_per_seat_usd: s.monthlyPricePerSeatUsd,
      ...(s.periodStart !== null ? { period_start: s.periodStart } : {}),
      ...(s.periodEnd !== null ? { period_end: s.periodEnd } : {}),
      ...(s.team !== null ? { team: s.team } : {}),
      ...(s.users.length ? { users: [...s.users] } : {}),
      covers: [...s.covers],
    })),
    budgets: c.budgets.map((b) => ({
      [b.scope]: b.name,
      ...(b.month !== null ? { month: b.month } : {}),
      amount_usd: b.amountUsd,
    })),
  };
}

/** The canonical YAML text of a config; `header` lines become a leading comment. */
export function exportConfigYaml(c: ItemizedConfig, header: readonly string[] = DEFAULT_HEADER): string {
  const doc = new YamlDocument(yamlShape(c));
  flowScalarLists(doc.contents);
  doc.commentBefore = header.join('\n');
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Lists of plain values read best on one line: covers: [claude_code, codex]. */
function flowScalarLists(node: unknown): void {
  if (isSeq(node)) {
    if (node.items.length > 0 && node.items.every(isScalar)) node.flow = true;
    else for (const i of node.items) flowScalarLists(i);
  } else if (isMap(node)) for (const p of node.items) flowScalarLists(p.value);
}

export class ConfigValidationError extends Error {
  readonly code = 'invalid_config';
  constructor(readonly errors: { path: string; message: string }[]) {
    super(`invalid dependency map: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  }
}

/**
 * Checks a map built in code (a settings form, a server action) with exactly the rules a file is
 * checked with. Paths name the file's keys, e.g. "workflows[2].criticality". Empty = valid.
 */
export function validateConfig(c: ItemizedConfig): { path: string; message: string }[] {
  // The file schema receives numbers as their source text (see parseConfigYaml).
  const shape: unknown = JSON.parse(JSON.stringify(yamlShape(c), (_k, v) => (typeof v === 'number' ? String(v) : v)));
  const r = configYamlSchema.safeParse(shape);
  if (r.success) return [];
  return r.error.issues.flatMap((issue) => {
    const path = formatPath(issue.path.filter((p): p is string | number => typeof p !== 'symbol'));
    return issue.code === 'unrecognized_keys'
      ? issue.keys.map((k) => ({ path, message: `unknown key "${k}"` }))
      : [{ path, message: issue.message }];
  });
}
