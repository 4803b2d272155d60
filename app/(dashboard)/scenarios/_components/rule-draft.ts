/**
 * The rule editor's working copy of a rule: every field as the text the user typed, whatever the kind,
 * so switching kinds keeps what was typed. A draft becomes the rule's text form (the one
 * `itemized scenario --rule` takes and the URL carries) and is validated by the same parser (parseRule),
 * so the page, the URL and the CLI agree on what a rule means. Pure; used by the client editor.
 */
import { formatRule, parseRule, RuleError, type ScenarioRule, type TokenClass } from '@/lib/analysis/scenario-rules';

export const RULE_KINDS = ['vendor', 'model', 'tokens', 'subscription', 'subscriptions_metered', 'fallback', 'self_hosted'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const RULE_KIND_LABEL: Record<RuleKind, string> = {
  vendor: 'Vendor price ×',
  model: 'Model price ×',
  tokens: 'Token class price ×',
  subscription: 'Subscription price ×',
  subscriptions_metered: 'Subscriptions go metered',
  fallback: 'Workflow switched to its fallback',
  self_hosted: 'Workflow moved to self-hosted',
};

export interface RuleDraft {
  kind: RuleKind;
  /** Vendor, model or plan for multipliers; plan ("" = every plan) for metered; workflow for moves. */
  target: string;
  factor: string;
  tokenClass: TokenClass;
  /** Fallback: "" = the workflow's first declared fallback, else "vendor/model". */
  fallbackTo: string;
  gpuType: string;
  gpuCount: string;
  pricing: 'hourly' | 'purchase';
  hourlyPriceUsd: string;
  purchasePriceUsd: string;
  amortisationMonths: string;
  tokensPerSecond: string;
  utilisation: string;
}

export function emptyDraft(kind: RuleKind = 'vendor', target = ''): RuleDraft {
  return {
    kind,
    target,
    factor: '5',
    tokenClass: 'reasoning',
    fallbackTo: '',
    gpuType: 'H100',
    gpuCount: '1',
    pricing: 'hourly',
    hourlyPriceUsd: '2.50',
    purchasePriceUsd: '30000',
    amortisationMonths: '36',
    tokensPerSecond: '2000',
    utilisation: '0.5',
  };
}

export function ruleToDraft(r: ScenarioRule): RuleDraft {
  const d = emptyDraft(r.kind);
  switch (r.kind) {
    case 'vendor':
      return { ...d, target: r.vendor, factor: r.factor };
    case 'model':
      return { ...d, target: r.model, factor: r.factor };
    case 'tokens':
      return { ...d, tokenClass: r.tokenClass, factor: r.factor };
    case 'subscription':
      return { ...d, target: r.plan, factor: r.factor };
    case 'subscriptions_metered':
      return { ...d, target: r.plan ?? '' };
    case 'fallback':
      return { ...d, target: r.workflow, fallbackTo: r.vendor && r.model ? `${r.vendor}/${r.model}` : '' };
    case 'self_hosted': {
      const s = r.spec;
      return {
        ...d,
        target: r.workflow,
        gpuType: s.gpuType,
        gpuCount: String(s.gpuCount),
        pricing: s.hourlyPriceUsd ? 'hourly' : 'purchase',
        hourlyPriceUsd: s.hourlyPriceUsd ?? d.hourlyPriceUsd,
        purchasePriceUsd: s.purchasePriceUsd ?? d.purchasePriceUsd,
        amortisationMonths: String(s.amortisationMonths ?? d.amortisationMonths),
        tokensPerSecond: s.tokensPerSecond,
        utilisation: s.utilisation,
      };
    }
  }
}

const factorText = (f: string) => `x${f.trim().replace(/^[x×]/i, '')}`;

/** The rule's text form as typed (not yet validated). */
export function draftToText(d: RuleDraft): string {
  const t = d.target.trim();
  switch (d.kind) {
    case 'vendor':
      return `vendor=${t}:${factorText(d.factor)}`;
    case 'model':
      return `model=${t}:${factorText(d.factor)}`;
    case 'tokens':
      return `tokens=${d.tokenClass}:${factorText(d.factor)}`;
    case 'subscription':
      return `subscription=${t}:${factorText(d.factor)}`;
    case 'subscriptions_metered':
      return t ? `subscription=${t}:metered` : 'subscriptions=metered';
    case 'fallback':
      return d.fallbackTo ? `fallback=${t}:${d.fallbackTo}` : `fallback=${t}`;
    case 'self_hosted': {
      const price =
        d.pricing === 'hourly'
          ? `hourly=${d.hourlyPriceUsd.trim()}`
          : `purchase=${d.purchasePriceUsd.trim()},months=${d.amortisationMonths.trim()}`;
      return `selfhost=${t}:gpu=${d.gpuType.trim()},count=${d.gpuCount.trim()},${price},tps=${d.tokensPerSecond.trim()},util=${d.utilisation.trim()}`;
    }
  }
}

/** The draft as a rule, or what is wrong with it (the parser's message without the echo of the rule). */
export function checkDraft(d: RuleDraft): { ok: true; rule: ScenarioRule; text: string } | { ok: false; error: string } {
  if (d.kind !== 'tokens' && d.kind !== 'subscriptions_metered' && !d.target.trim())
    return { ok: false, error: d.kind === 'fallback' || d.kind === 'self_hosted' ? 'choose a workflow' : `choose a ${d.kind}` };
  const text = draftToText(d);
  try {
    const rule = parseRule(text);
    return { ok: true, rule, text: formatRule(rule) };
  } catch (e) {
    if (e instanceof RuleError) return { ok: false, error: e.message.replace(/^rule "[^"]*": /, '') };
    throw e;
  }
}

/** Rules from the URL (`rule=` repeated, text form): the valid ones in order, and a message per invalid one. */
export function rulesFromParams(values: string | string[] | undefined): { rules: ScenarioRule[]; errors: string[] } {
  const list = values === undefined ? [] : Array.isArray(values) ? values : [values];
  const rules: ScenarioRule[] = [];
  const errors: string[] = [];
  for (const v of list.slice(0, 50)) {
    try {
      rules.push(parseRule(v));
    } catch (e) {
      if (e instanceof RuleError) errors.push(e.message);
      else throw e;
    }
  }
  if (list.length > 50) errors.push(`only the first 50 of ${list.length} rules are read`);
  return { rules, errors };
}

/** The query string of a scenario: the period (when not the default) and each rule in order. */
export function scenarioQuery(
  rules: readonly ScenarioRule[],
  period: { from?: string; to?: string },
  extra: Record<string, string> = {},
): string {
  const q = new URLSearchParams();
  if (period.from) q.set('from', period.from);
  if (period.to) q.set('to', period.to);
  for (const r of rules) q.append('rule', formatRule(r));
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
