/**
 * itemized.yaml at the root of the demo folder: the organisation's dependency map (workflows with
 * match rules and declared fallbacks, vendor projects, flat-rate subscriptions). Nothing reads it yet;
 * later issues define its loader. Written by hand (no YAML dependency): every scalar is quoted.
 */
import { DEMO_PLAN } from './plan';

const q = (s: string) => JSON.stringify(s);
const list = (xs: readonly string[]) => `[${xs.map(q).join(', ')}]`;

export function dependencyYaml(): string {
  const out: string[] = [
    '# Itemized dependency map for the demo organisation (written by `itemized demo`).',
    '# workflows: how usage events are attributed (match on log metadata, vendor project or ingest source),',
    '# who owns them, how critical they are, and which fallbacks are declared.',
    '# subscriptions: flat-rate plans whose usage appears only in local agent logs (never in vendor bills).',
    'version: 1',
    `teams: ${list(DEMO_PLAN.teams)}`,
    '',
    'projects:',
  ];
  // Vendor-side project (OpenAI proj_...) or workspace (Anthropic wrkspc_...) -> the project name used in log metadata.
  const projects = new Map<string, { vendor: string; project: string }>();
  for (const wf of DEMO_PLAN.workflows) {
    if (wf.billingProject) projects.set(wf.billingProject, { vendor: wf.models[0].vendor, project: wf.project });
    if (wf.fallback) projects.set(wf.fallback.billingProject, { vendor: wf.fallback.model.vendor, project: wf.project });
  }
  for (const b of DEMO_PLAN.billingOnly) projects.set(b.billingProject, { vendor: b.vendor, project: b.project });
  for (const [id, p] of projects) out.push(`  - vendor_project_id: ${q(id)}`, `    vendor: ${q(p.vendor)}`, `    project: ${q(p.project)}`);

  out.push('', 'workflows:');
  for (const wf of DEMO_PLAN.workflows) {
    out.push(
      `  - name: ${q(wf.id)}`,
      `    team: ${q(wf.team)}`,
      `    criticality: ${q(wf.criticality)}`,
      `    description: ${q(wf.description)}`,
      '    match:',
      `      workflow: ${q(wf.workflow)}`,
      `    vendors: ${list([...new Set(wf.models.map((m) => m.vendor))])}`,
      `    models: ${list(wf.models.map((m) => m.model))}`,
    );
    if (wf.fallback)
      out.push('    fallbacks:', `      - vendor: ${q(wf.fallback.model.vendor)}`, `        model: ${q(wf.fallback.model.model)}`);
    else out.push('    fallbacks: []');
  }
  for (const b of DEMO_PLAN.billingOnly) {
    out.push(
      `  - name: ${q(b.id)}`,
      `    team: ${q(b.team)}`,
      `    criticality: "low"`,
      `    description: ${q(b.description)}`,
      '    match:',
      `      vendor: ${q(b.vendor)}`,
      `      project: ${q(b.billingProject)}`,
      `    vendors: ${list([b.vendor])}`,
      `    models: ${list(b.models.map((m) => m.model))}`,
      '    fallbacks: []',
    );
  }
  out.push(
    '  - name: "devtools/coding-agents"',
    '    team: "devtools"',
    '    criticality: "medium"',
    '    description: "Claude Code and Codex CLI sessions of the developers (flat-rate seats)."',
    '    match:',
    '      source: ["claude_code", "codex"]',
    '    vendors: ["anthropic", "openai"]',
    '    fallbacks: []',
  );

  out.push('', 'subscriptions:');
  for (const s of DEMO_PLAN.subscriptions) {
    out.push(
      `  - vendor: ${q(s.vendor)}`,
      `    plan: ${q(s.plan)}`,
      `    seats: ${s.seats}`,
      `    monthly_price_per_seat: ${q(s.monthlyPricePerSeat)}`,
      '    currency: "USD"',
      `    covers: [${q(s.covers)}]`,
      `    team: ${q(s.team)}`,
      `    users: ${list(s.users)}`,
    );
  }
  return `${out.join('\n')}\n`;
}
