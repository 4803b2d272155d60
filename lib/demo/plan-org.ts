/** The people, subscriptions and file layout of the demo organisation (part of DEMO_PLAN). */
import type { BudgetConfig } from '../config/types';
import type { DemoDeveloper, DemoFolder, DemoSubscription } from './plan-types';

export const DEVELOPERS: DemoDeveloper[] = [
  { user: 'alex', home: '/Users/alex', repos: ['itemized-web', 'design-system'], activity: 1.4, usesCodex: false },
  { user: 'priya', home: '/Users/priya', repos: ['billing-service', 'itemized-web'], activity: 1.2, usesCodex: true },
  { user: 'jonas', home: '/home/jonas', repos: ['infra-terraform', 'incident-bot'], activity: 0.9, usesCodex: false },
  { user: 'maria', home: '/Users/maria', repos: ['mobile-app'], activity: 0.8, usesCodex: false },
  { user: 'li', home: '/Users/li', repos: ['data-pipeline', 'ml-evals'], activity: 1, usesCodex: true },
  { user: 'ethan', home: '/Users/ethan', repos: ['billing-service', 'api-gateway'], activity: 1.1, usesCodex: true },
  { user: 'fatima', home: '/Users/fatima', repos: ['support-console'], activity: 0.7, usesCodex: false },
  { user: 'noah', home: '/home/noah', repos: ['api-gateway', 'infra-terraform'], activity: 0.9, usesCodex: false },
];

/** metadata.user values per team (service accounts for automation, people where a human drives it). */
export const TEAM_USERS: Record<string, string[]> = {
  support: ['ana.ruiz', 'ben.okafor', 'chloe.martin', 'dev.patel', 'svc-support-bot'],
  research: ['mia.chen', 'omar.haddad', 'lena.fischer'],
  growth: ['sam.rivera', 'nora.berg', 'tom.lindqvist'],
  platform: ['svc-incident-bot', 'raj.iyer', 'kate.novak'],
};

export const SUBSCRIPTIONS: DemoSubscription[] = [
  {
    vendor: 'anthropic',
    plan: 'Claude Max',
    seats: 8,
    monthlyPricePerSeat: '200.00',
    covers: 'claude_code',
    team: 'devtools',
    users: DEVELOPERS.map((d) => d.user),
  },
  {
    vendor: 'openai',
    plan: 'ChatGPT Pro',
    seats: 3,
    monthlyPricePerSeat: '200.00',
    covers: 'codex',
    team: 'devtools',
    users: DEVELOPERS.filter((d) => d.usesCodex).map((d) => d.user),
  },
];

/**
 * Monthly budgets (USD, every month), set against the demo's list spend at scale 1 (seed 42, ~2026):
 * all hold in the baseline except research's in its busiest month (proof-check on Opus), and every
 * one breaks when everything costs 5x. devtools pays 2 x flat plans (2,200 USD a month).
 */
export const BUDGETS: BudgetConfig[] = [
  { scope: 'team', name: 'support', month: null, amountUsd: '20.00' },
  { scope: 'team', name: 'platform', month: null, amountUsd: '10.00' },
  { scope: 'team', name: 'research', month: null, amountUsd: '450.00' },
  { scope: 'team', name: 'devtools', month: null, amountUsd: '2500.00' },
  { scope: 'workflow', name: 'platform/incident-agent', month: null, amountUsd: '12.00' },
  { scope: 'workflow', name: 'growth/copy-review', month: null, amountUsd: '100.00' },
];

/** Every file the generator writes matches exactly one of these (paths relative, forward slashes). */
export const FOLDERS: DemoFolder[] = [
  {
    pattern: /^itemized\.yaml$/,
    source: null,
    description: 'Dependency map: workflows, fallbacks, projects, subscriptions. Not an ingest input.',
  },
  {
    pattern: /^logs\/(openai|anthropic|xai|deepseek)\/\d{4}-\d{2}\.jsonl$/,
    source: 'response_log',
    description: 'Itemized log lines (one per request, JSONL), one file per billing vendor per UTC month.',
  },
  {
    pattern: /^billing\/openai-usage\/\d{4}-\d{2}\.json$/,
    source: 'openai_usage',
    description: 'OpenAI Usage API (completions) pages, 1d buckets grouped by model+project, filtered to proj_nightly-batch.',
  },
  {
    pattern: /^billing\/openai-costs\/\d{4}-\d{2}\.json$/,
    source: 'openai_costs',
    description: 'OpenAI Costs API pages, 1d buckets grouped by line_item+project: the whole OpenAI API spend.',
  },
  {
    pattern: /^billing\/anthropic-usage\/\d{4}-\d{2}\.json$/,
    source: 'anthropic_usage',
    description: 'Anthropic Admin usage report pages, 1d buckets grouped by model+workspace, filtered to wrkspc_analytics.',
  },
  {
    pattern: /^billing\/anthropic-costs\/\d{4}-\d{2}\.json$/,
    source: 'anthropic_costs',
    description: 'Anthropic Admin cost report pages, 1d buckets grouped by workspace+description: the whole Anthropic API spend.',
  },
  {
    pattern: /^claude-code\/projects\/-[A-Za-z0-9-]+\/[0-9a-f-]{36}\.jsonl$/,
    source: 'claude_code',
    description: 'Claude Code session transcripts (~/.claude/projects/<encoded-cwd>/<sessionId>.jsonl).',
  },
  {
    pattern: /^codex\/sessions\/\d{4}\/\d{2}\/\d{2}\/rollout-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-[0-9a-f-]{36}\.jsonl$/,
    source: 'codex',
    description: 'Codex CLI rollouts (~/.codex/sessions/YYYY/MM/DD/rollout-<local ts>-<uuid>.jsonl).',
  },
];
