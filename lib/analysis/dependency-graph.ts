/**
 * The dependency map as a graph for the Dependencies page: teams -> workflows -> models -> vendors,
 * usage edges weighted by list spend (USD, exact strings) and events, declared fallbacks as separate
 * edges from a workflow to the fallback model, and a risk label per workflow. Pure; the page lays it
 * out. Node ids are prefixed by kind; a model node is per (vendor, model): the same model bought from
 * two vendors is two dependencies.
 */
import DecimalBase from 'decimal.js';
import type { Criticality, ItemizedConfig } from '../config/types';
import type { BaselineLine } from './baseline';
import type { ConcentrationReport, FallbackStatus } from './concentration';

const Decimal = DecimalBase.clone({ precision: 40 });

/**
 * exposed: single-vendor exposed; mitigated: one vendor >= 95% but a fallback on another vendor was
 * exercised; diversified: no vendor reaches 95%; idle: no usage in the period.
 */
export type WorkflowRisk = 'exposed' | 'mitigated' | 'diversified' | 'idle';

export interface GraphNode {
  /** "team:<name>", "workflow:<name>" ("workflow:" = unattributed), "model:<vendor>/<model>", "vendor:<id>". */
  id: string;
  kind: 'team' | 'workflow' | 'model' | 'vendor';
  label: string;
  /** List spend through the node in the period (USD); null when none of it is priced. */
  spendUsd: string | null;
  events: number;
  /** Workflow nodes only. */
  criticality?: Criticality;
  risk?: WorkflowRisk;
  /** Vendor nodes only: exposed workflows whose top vendor this is. */
  exposedWorkflows?: string[];
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** usage: observed in the period; fallback: declared (workflow -> fallback model). */
  kind: 'usage' | 'fallback';
  spendUsd: string | null;
  events: number;
  fallbackStatus?: FallbackStatus;
}

export interface DependencyGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const NO_TEAM = '(no team)';
const UNATTRIBUTED = '(unattributed)';

export function buildDependencyGraph(lines: readonly BaselineLine[], config: ItemizedConfig, report: ConcentrationReport): DependencyGraph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const node = (id: string, kind: GraphNode['kind'], label: string) => {
    let n = nodes.get(id);
    if (!n) {
      n = { id, kind, label, spendUsd: null, events: 0 };
      nodes.set(id, n);
    }
    return n;
  };
  const bump = (x: { spendUsd: string | null; events: number }, l: BaselineLine) => {
    if (l.listCostUsd !== null) x.spendUsd = new Decimal(x.spendUsd ?? 0).plus(l.listCostUsd).toFixed();
    x.events += l.events;
  };
  const edge = (source: string, target: string, kind: GraphEdge['kind']) => {
    const id = `${kind}:${source}->${target}`;
    let e = edges.get(id);
    if (!e) {
      e = { id, source, target, kind, spendUsd: null, events: 0 };
      edges.set(id, e);
    }
    return e;
  };

  const byName = new Map(report.workflows.map((w) => [w.workflow, w]));
  for (const wf of config.workflows) {
    const c = byName.get(wf.name);
    const n = node(`workflow:${wf.name}`, 'workflow', wf.name);
    n.criticality = wf.criticality;
    n.risk = !c || c.events === 0 ? 'idle' : c.exposed ? 'exposed' : (c.topShare ?? 0) >= 0.95 ? 'mitigated' : 'diversified';
  }
  for (const l of lines) {
    const team = node(`team:${l.team ?? ''}`, 'team', l.team ?? NO_TEAM);
    const wf = node(`workflow:${l.workflow ?? ''}`, 'workflow', l.workflow ?? UNATTRIBUTED);
    const model = node(`model:${l.vendor}/${l.model ?? ''}`, 'model', l.model ?? '(unknown model)');
    const vendor = node(`vendor:${l.vendor}`, 'vendor', l.vendor);
    for (const n of [team, wf, model, vendor]) bump(n, l);
    bump(edge(team.id, wf.id, 'usage'), l);
    bump(edge(wf.id, model.id, 'usage'), l);
    bump(edge(model.id, vendor.id, 'usage'), l);
  }
  for (const wf of config.workflows) {
    if (!nodes.has(`team:${wf.team}`) && (byName.get(wf.name)?.events ?? 0) === 0) {
      // An idle workflow still hangs off its owner team.
      node(`team:${wf.team}`, 'team', wf.team);
      edge(`team:${wf.team}`, `workflow:${wf.name}`, 'usage');
    }
    for (const f of byName.get(wf.name)?.fallbacks ?? []) {
      const model = node(`model:${f.vendor}/${f.model}`, 'model', f.model);
      node(`vendor:${f.vendor}`, 'vendor', f.vendor);
      if (!edges.has(`usage:${model.id}->vendor:${f.vendor}`)) edge(model.id, `vendor:${f.vendor}`, 'usage');
      const e = edge(`workflow:${wf.name}`, model.id, 'fallback');
      e.fallbackStatus = f.status;
      e.events = f.events;
      e.spendUsd = f.spendUsd;
    }
  }
  for (const w of report.exposed) {
    const v = w.topVendor ? nodes.get(`vendor:${w.topVendor}`) : undefined;
    if (v) v.exposedWorkflows = [...(v.exposedWorkflows ?? []), w.workflow];
  }
  const order = { team: 0, workflow: 1, model: 2, vendor: 3 };
  return {
    nodes: [...nodes.values()].sort((a, b) => order[a.kind] - order[b.kind] || a.id.localeCompare(b.id)),
    edges: [...edges.values()].sort((a, b) => a.id.localeCompare(b.id)),
  };
}
