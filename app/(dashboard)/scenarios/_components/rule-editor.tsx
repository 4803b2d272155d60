'use client';

/**
 * The scenario rule editor. The rules live in the URL (`rule=` in text form, as the CLI takes them), so a
 * link reproduces the scenario: "Run scenario" writes them there and the server page recomputes the
 * results. Presets replace the rules with their expansion for this period (computed by the server).
 */
import { usePathname, useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { parseRule } from '@/lib/analysis/scenario-rules';
import { checkDraft, emptyDraft, type RuleDraft, ruleToDraft } from './rule-draft';
import { type EditorOptions, RuleRow } from './rule-row';

export interface PresetOption {
  name: string;
  label: string;
  /** The preset's rules for this period, text form. */
  rules: string[];
  notes: string[];
}

interface Props {
  options: EditorOptions;
  presets: PresetOption[];
  /** The rules in the URL (valid ones), text form. */
  initialRules: string[];
  /** The period as the URL gives it (absent = the default period). */
  from?: string;
  to?: string;
}

interface Row {
  key: number;
  draft: RuleDraft;
}

let nextKey = 1;
const toRows = (texts: string[]): Row[] => texts.map((t) => ({ key: nextKey++, draft: ruleToDraft(parseRule(t)) }));

export function RuleEditor({ options, presets, initialRules, from, to }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const [rows, setRows] = useState<Row[]>(() => toRows(initialRules));
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [pending, startTransition] = useTransition();

  function go(texts: string[]) {
    const q = new URLSearchParams();
    if (from) q.set('from', from);
    if (to) q.set('to', to);
    for (const t of texts) q.append('rule', t);
    const qs = q.toString();
    startTransition(() => router.push(`${pathname}${qs ? `?${qs}` : ''}`, { scroll: false }));
  }

  function run() {
    const found: Record<number, string> = {};
    const texts: string[] = [];
    for (const r of rows) {
      const c = checkDraft(r.draft);
      if (c.ok) texts.push(c.text);
      else found[r.key] = c.error;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      const first = rows.findIndex((r) => found[r.key]);
      document.getElementById(`rule-${first}-kind`)?.focus();
      return;
    }
    go(texts);
  }

  function applyPreset(p: PresetOption) {
    setRows(toRows(p.rules));
    setErrors({});
    go(p.rules);
  }

  const update = (key: number, patch: Partial<RuleDraft>) => {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, draft: { ...r.draft, ...patch } } : r)));
    setErrors(({ [key]: _, ...rest }) => rest);
  };

  return (
    <section className="card" aria-labelledby="rules-title">
      <div className="card-head">
        <div>
          <h2 id="rules-title">Rules</h2>
          <p>
            Applied in order to the period&apos;s baseline; rules of the same kind multiply. The rules are kept in the address bar: copy the
            link to share the scenario.
          </p>
        </div>
      </div>
      <fieldset className="preset-row">
        <legend className="small muted">Start from a preset:</legend>
        {presets.map((p) => (
          <button
            key={p.name}
            type="button"
            className="btn btn-sm"
            onClick={() => applyPreset(p)}
            disabled={pending || p.rules.length === 0}
            title={p.rules.join(' ') || p.notes.join('; ')}
          >
            {p.label}
          </button>
        ))}
      </fieldset>
      <ul className="small muted preset-notes" aria-label="About the presets">
        {presets.flatMap((p) => p.notes.map((n) => <li key={`${p.name}-${n}`}>{`${p.label}: ${n}`}</li>))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
        aria-label="Scenario rules"
        style={{ marginTop: 12 }}
      >
        {rows.length === 0 ? (
          <p className="muted small">No rule yet: the results below are the baseline. Add a rule or start from a preset.</p>
        ) : null}
        <ol className="rule-list">
          {rows.map((r, i) => (
            <RuleRow
              key={r.key}
              index={i}
              draft={r.draft}
              error={errors[r.key] ?? null}
              options={options}
              onChange={(patch) => update(r.key, patch)}
              onRemove={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
            />
          ))}
        </ol>
        <div className="form-actions">
          <button
            type="button"
            className="btn"
            onClick={() => setRows((rs) => [...rs, { key: nextKey++, draft: emptyDraft('vendor', options.vendors[0] ?? '') }])}
          >
            Add rule
          </button>
          <button type="submit" className="btn btn-primary" disabled={pending}>
            Run scenario
          </button>
          {rows.length > 0 ? (
            <button
              type="button"
              className="btn btn-link"
              onClick={() => {
                setRows([]);
                setErrors({});
                go([]);
              }}
            >
              Clear rules
            </button>
          ) : null}
          <span className="small muted" role="status">
            {pending ? 'Recomputing on the server…' : ''}
          </span>
        </div>
      </form>
    </section>
  );
}
