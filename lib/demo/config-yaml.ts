/**
 * itemized.yaml at the root of the demo folder: the organisation's dependency map (workflows with
 * match rules and declared fallbacks, flat-rate subscriptions, budgets), built from DEMO_PLAN and
 * written by the same serializer as `itemized config export`. `itemized demo` imports it.
 */
import type { ItemizedConfig, WorkflowConfig } from '../config/types';
import { exportConfigYaml } from '../config/yaml';
import { DEMO_PLAN } from './plan';

const HEADER = [
  ' Itemized dependency map for the demo organisation (written by `itemized demo`, which also imports it).',
  ' workflows: how usage is attributed (first match wins, in this order), owner team, criticality, fallbacks.',
  ' Logged workflows match their metadata.workflow tag; billing-only workloads match the vendor project id',
  ' (OpenAI proj_..., Anthropic wrkspc_...); the coding agents match their ingest source.',
  ' subscriptions: flat-rate plans whose usage appears only in local agent logs (never in vendor bills).',
  ' budgets: USD per calendar month, per team or per workflow (a month-specific budget wins over a recurring one).',
];

/** The demo's dependency map as data (tests read it; dependencyYaml() writes it). */
export function demoConfig(): ItemizedConfig {
  const workflows: WorkflowConfig[] = [
    ...DEMO_PLAN.workflows.map((wf) => ({
      name: wf.id,
      team: wf.team,
      criticality: wf.criticality,
      description: wf.description,
      match: [{ workflow: [wf.workflow] }],
      fallbacks: wf.fallback ? [{ vendor: wf.fallback.model.vendor, model: wf.fallback.model.model }] : [],
    })),
    ...DEMO_PLAN.billingOnly.map((b) => ({
      name: b.id,
      team: b.team,
      criticality: 'optional' as const,
      description: b.description,
      match: [{ vendor: [b.vendor], project: [b.billingProject] }],
      fallbacks: [],
    })),
    {
      name: 'devtools/coding-agents',
      team: 'devtools',
      criticality: 'important',
      description: 'Claude Code and Codex CLI sessions of the developers (flat-rate seats).',
      match: [{ source: ['claude_code', 'codex'] }],
      fallbacks: [],
    },
  ];
  return {
    version: 1,
    workflows,
    subscriptions: DEMO_PLAN.subscriptions.map((s) => ({
      vendor: s.vendor,
      plan: s.plan,
      seats: s.seats,
      monthlyPricePerSeatUsd: s.monthlyPricePerSeat,
      periodStart: null,
      periodEnd: null,
      team: s.team,
      users: [...s.users],
      covers: [s.covers],
    })),
    budgets: DEMO_PLAN.budgets.map((b) => ({ ...b })),
  };
}

export function dependencyYaml(): string {
  return exportConfigYaml(demoConfig(), HEADER);
}
