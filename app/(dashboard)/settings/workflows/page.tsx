import type { Metadata } from 'next';
import Link from 'next/link';
import { getConfig, getUncoveredSuggestions } from '@/db/queries/config';
import { requirePage } from '@/lib/auth/guard';
import type { ItemizedConfig, WorkflowConfig } from '@/lib/config/types';
import type { SearchParamsRecord } from '@/lib/filters';
import { openPageConnection } from '../../_components/connection';
import { DatabaseUnavailable } from '../../_components/database-unavailable';
import { BudgetForm } from './_components/budget-form';
import { BudgetsTable, SubscriptionsTable, SuggestionsTable, WorkflowsTable } from './_components/config-tables';
import { ImportForm } from './_components/import-form';
import { SubscriptionForm } from './_components/subscription-form';
import { WorkflowForm } from './_components/workflow-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Workflows & budgets' };

const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);
const SUGGESTIONS_SHOWN = 25;

export default async function WorkflowSettingsPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  await requirePage('/settings/workflows');
  const [sp, c] = await Promise.all([searchParams, openPageConnection()]);
  if (!c.ok) return <DatabaseUnavailable message={c.message} />;
  const config = await getConfig(c.conn.db);
  const suggestions = (await getUncoveredSuggestions(c.conn, config)).slice(0, SUGGESTIONS_SHOWN);
  const saved = one(sp.saved);
  const error = one(sp.error);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Workflows, subscriptions and budgets</h1>
          <p>
            The dependency map: how usage is attributed to workflows (first match wins, in order), who owns them, how critical they are and
            what they fall back to; flat-rate plans; monthly budgets. Kept in git as <code>itemized.yaml</code>: import and export below.
          </p>
        </div>
      </div>
      {saved ? (
        <p className="notice" role="status">
          {saved}
        </p>
      ) : null}
      {error ? (
        <p className="notice notice-bad" role="alert">
          {error}
        </p>
      ) : null}
      <Editor sp={sp} config={config} />
      <section className="card" aria-labelledby="yaml-title">
        <div className="card-head">
          <div>
            <h2 id="yaml-title">itemized.yaml</h2>
            <p>
              Import validates the whole file and reports errors by line; only a file with no error replaces the map (workflows,
              subscriptions and budgets together). Export writes the canonical form: export, import, export gives the same bytes.
            </p>
          </div>
          <a className="btn btn-sm" href="/api/config" download="itemized.yaml">
            Export itemized.yaml
          </a>
        </div>
        {/* Remounted after any save, so an earlier import's errors do not linger beside a newer outcome. */}
        <ImportForm key={saved ?? error ?? ''} />
      </section>
      <section className="card" aria-labelledby="workflows-title" id="workflows">
        <div className="card-head">
          <div>
            <h2 id="workflows-title">Workflows</h2>
            <p>A usage line belongs to the first workflow whose match rules it fits; lines no rule fits stay unattributed.</p>
          </div>
          <Link href="/settings/workflows?edit=workflow#editor" className="btn btn-sm">
            Add workflow
          </Link>
        </div>
        <WorkflowsTable config={config} />
      </section>
      <section className="card" aria-labelledby="suggest-title" id="suggestions">
        <div className="card-head">
          <div>
            <h2 id="suggest-title">Not covered yet</h2>
            <p>Workflow tags and projects in the data (all periods) that no workflow rule matches, largest list cost first.</p>
          </div>
        </div>
        <SuggestionsTable suggestions={suggestions} />
      </section>
      <section className="card" aria-labelledby="subs-title" id="subscriptions">
        <div className="card-head">
          <div>
            <h2 id="subs-title">Subscriptions</h2>
            <p>Flat-rate plans, and the logs whose usage they pay for (the first plan that covers a usage line gets it).</p>
          </div>
          <Link href="/settings/workflows?edit=subscription#editor" className="btn btn-sm">
            Add subscription
          </Link>
        </div>
        <SubscriptionsTable config={config} />
      </section>
      <section className="card" aria-labelledby="budgets-title" id="budgets">
        <div className="card-head">
          <div>
            <h2 id="budgets-title">Budgets</h2>
            <p>USD per calendar month, per team or per workflow; scenarios report the ones they would break.</p>
          </div>
          <Link href="/settings/workflows?edit=budget#editor" className="btn btn-sm">
            Add budget
          </Link>
        </div>
        <BudgetsTable config={config} />
      </section>
    </>
  );
}

/** The form for ?edit=workflow|subscription|budget (with name / index to edit one, without to add one). */
function Editor({ sp, config }: { sp: SearchParamsRecord; config: ItemizedConfig }) {
  const edit = one(sp.edit);
  if (edit !== 'workflow' && edit !== 'subscription' && edit !== 'budget') return null;
  const index = one(sp.index);
  const at = index !== undefined && /^\d+$/.test(index) ? Number(index) : null;
  let title: string;
  let form: React.ReactNode;
  if (edit === 'workflow') {
    const name = one(sp.name);
    const found = name === undefined ? undefined : config.workflows.find((w) => w.name === name);
    const pos = found ? config.workflows.indexOf(found) + 1 : config.workflows.length + 1;
    const tag = one(sp.tag);
    const project = one(sp.project);
    const prefill: WorkflowConfig | null =
      found ??
      (tag || project
        ? {
            name: tag ?? project ?? '',
            team: '',
            criticality: 'important',
            description: null,
            match: [tag ? { workflow: [tag] } : { project: [project!] }],
            fallbacks: [],
          }
        : null);
    title = found ? `Edit workflow ${found.name}` : 'New workflow';
    form = (
      <WorkflowForm
        key={name ?? `new:${tag ?? project ?? ''}`}
        workflow={prefill}
        original={found?.name ?? null}
        position={pos}
        count={config.workflows.length + (found ? 0 : 1)}
      />
    );
  } else if (edit === 'subscription') {
    const s = at === null ? null : (config.subscriptions[at] ?? null);
    title = s ? `Edit subscription ${s.plan}` : 'New subscription';
    form = <SubscriptionForm key={at ?? 'new'} subscription={s} index={s ? at : null} />;
  } else {
    const b = at === null ? null : (config.budgets[at] ?? null);
    title = b ? `Edit budget for ${b.scope} ${b.name}` : 'New budget';
    const names = [...new Set([...config.workflows.map((w) => w.team), ...config.workflows.map((w) => w.name)])].sort();
    form = <BudgetForm key={at ?? 'new'} budget={b} index={b ? at : null} names={names} />;
  }
  return (
    <section className="card" aria-labelledby="editor-title" id="editor">
      <div className="card-head">
        <h2 id="editor-title">{title}</h2>
      </div>
      {form}
    </section>
  );
}
