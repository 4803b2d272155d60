import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageLink } from '@/app/(dashboard)/_components/page-link';
import type { Connection } from '@/db/client';
import { listScenarios, loadScenarioInput } from '@/db/queries/scenarios';
import type { ScenarioInput } from '@/lib/analysis/scenario';
import { formatRule, type ScenarioRule } from '@/lib/analysis/scenario-rules';
import { expandPreset, PRESETS, type PresetName } from '@/lib/analysis/scenario-run';
import { requirePage } from '@/lib/auth/guard';
import type { ResolvedFilters, SearchParamsRecord } from '@/lib/filters';
import { DatabaseUnavailable } from '../_components/database-unavailable';
import { EmptyState } from '../_components/overview/empty-state';
import { loadPageContext } from '../_components/page-context';
import { PageHeader } from '../_components/page-header';
import { CardSkeleton } from '../_components/skeletons';
import { CompareScenarios } from './_components/compare-scenarios';
import { rulesFromParams, scenarioQuery } from './_components/rule-draft';
import { type PresetOption, RuleEditor } from './_components/rule-editor';
import type { EditorOptions } from './_components/rule-row';
import { runApplicable as run } from './_components/run-applicable';
import { SaveScenarioForm } from './_components/save-form';
import { SavedScenarios } from './_components/saved-scenarios';
import { ScenarioResults } from './_components/scenario-results';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Scenarios' };

const PRESET_LABEL: Record<PresetName, string> = {
  'everything-5x': 'Everything 5×',
  'top-vendor-5x': 'Top vendor 5×',
  'reasoning-5x': 'Reasoning 5×',
  'subscriptions-metered': 'Subscriptions go metered',
  'fail-over-critical': 'Fail over every critical workflow',
};

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export default async function ScenariosPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  await requirePage('/scenarios');
  const ctx = await loadPageContext(searchParams);
  if (ctx.kind === 'unavailable') return <DatabaseUnavailable message={ctx.message} />;
  if (ctx.kind === 'empty')
    return (
      <>
        <h1>Scenarios</h1>
        <EmptyState />
      </>
    );
  const { conn, filters, sp } = ctx;
  const parsed = rulesFromParams(sp.rule);
  const compare = list(sp.compare)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)
    .slice(0, 2);
  const open = Number(typeof sp.open === 'string' ? sp.open : NaN);
  return (
    <>
      <PageHeader title="Scenarios" filters={{ ...filters, vendor: undefined, team: undefined, workflow: undefined }}>
        <p className="small muted">
          What if a vendor, a model, a token class or a subscription got more expensive, a flat plan went metered, a workflow failed over or
          moved to self-hosted GPUs? Recomputed on the server from the period&apos;s usage, line by line, beside what it cost. The same
          numbers as <code>itemized scenario --rule … --json</code>.
        </p>
      </PageHeader>
      <Suspense
        key={`${filters.from}|${filters.to}|${list(sp.rule).join('|')}|${compare.join(',')}`}
        fallback={<CardSkeleton label="the scenario" height={520} />}
      >
        <ScenarioSection
          conn={conn}
          filters={filters}
          rules={parsed.rules}
          ruleErrors={parsed.errors}
          compare={compare}
          openId={Number.isInteger(open) ? open : null}
        />
      </Suspense>
    </>
  );
}

function editorOptions(input: ScenarioInput): EditorOptions {
  const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort((a, b) => a.localeCompare(b));
  const { config, lines } = input;
  return {
    vendors: sorted([...lines.map((l) => l.vendor), ...config.subscriptions.map((s) => s.vendor)]),
    models: sorted([
      ...lines.flatMap((l) => (l.model ? [l.model] : [])),
      ...config.workflows.flatMap((w) => w.fallbacks.map((f) => f.model)),
    ]),
    plans: sorted(config.subscriptions.map((s) => s.plan)),
    workflows: config.workflows.map((w) => ({
      name: w.name,
      critical: w.criticality === 'critical',
      fallbacks: w.fallbacks.map((f) => `${f.vendor}/${f.model}`),
    })),
  };
}

async function ScenarioSection(props: {
  conn: Connection;
  filters: ResolvedFilters;
  rules: ScenarioRule[];
  ruleErrors: string[];
  compare: number[];
  openId: number | null;
}) {
  const { conn, filters, rules } = props;
  const period = { from: filters.from, to: filters.to };
  const urlPeriod: { from?: string; to?: string } = filters.isDefaultPeriod ? {} : period;
  const [input, saved] = await Promise.all([loadScenarioInput(conn, period), listScenarios(conn.db)]);
  const { result, problems } = run(input, rules);
  const presets: PresetOption[] = PRESETS.map((name) => {
    const e = expandPreset(name, input);
    return { name, label: PRESET_LABEL[name], rules: e.rules.map(formatRule), notes: e.notes };
  });
  const opened = props.openId === null ? undefined : saved.find((s) => s.id === props.openId);
  const pair = props.compare.map((id) => saved.find((s) => s.id === id)).filter((s) => s !== undefined);
  // Saved as applied: the rules the results below were computed with.
  const ruleTexts = result.rules.map(formatRule);
  const errors = [...props.ruleErrors, ...problems];
  return (
    <>
      {pair.length === 2 ? (
        <CompareScenarios
          a={{ name: pair[0].name, result: run(input, pair[0].rules).result }}
          b={{ name: pair[1].name, result: run(input, pair[1].rules).result }}
          closeHref={`/scenarios${scenarioQuery(rules, urlPeriod)}`}
        />
      ) : null}
      {opened ? (
        <p className="notice" role="status">
          Saved scenario <strong>{opened.name}</strong>, on the period shown. Editing a rule makes it a new, unsaved scenario.
        </p>
      ) : null}
      {errors.length ? (
        <div className="notice notice-bad" role="alert">
          <p>
            <strong>Some rules could not be applied</strong> and were left out of the results below.
          </p>
          <ul className="issue-list">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <RuleEditor
        key={rules.map(formatRule).join('\n')}
        options={editorOptions(input)}
        presets={presets}
        initialRules={rules.map(formatRule)}
        from={urlPeriod.from}
        to={urlPeriod.to}
      />
      <section className="card" aria-labelledby="save-title">
        <h2 id="save-title" className="subhead">
          Save this scenario
        </h2>
        <SaveScenarioForm key={ruleTexts.join('\n')} rules={ruleTexts} defaultName={opened?.name ?? ''} />
      </section>
      <ScenarioResults result={result} fileStem={`itemized-scenario-${period.from}-${period.to}`} />
      <SavedScenarios saved={saved} period={urlPeriod} compare={props.compare} />
      {input.config.workflows.length === 0 ? (
        <p className="small muted">
          No workflow is declared: fallback and self-hosting rules need workflows, and budgets per workflow need them too. See{' '}
          <PageLink href="/settings/workflows" fallback={<>Settings (admins)</>}>
            Settings
          </PageLink>
          .
        </p>
      ) : null}
    </>
  );
}
