'use client';

/** One rule of the editor: its kind and the fields that kind takes, every input labelled, the error beside them. */
import { TOKEN_CLASSES } from '@/lib/analysis/scenario-rules';
import { RULE_KIND_LABEL, RULE_KINDS, type RuleDraft } from './rule-draft';

export interface EditorOptions {
  vendors: string[];
  models: string[];
  plans: string[];
  workflows: { name: string; critical: boolean; fallbacks: string[] }[];
}

interface RowProps {
  index: number;
  draft: RuleDraft;
  error: string | null;
  options: EditorOptions;
  onChange: (patch: Partial<RuleDraft>) => void;
  onRemove: () => void;
}

function Choice(props: {
  id: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (v: string) => void;
  describedBy?: string;
  invalid?: boolean;
}) {
  const known = props.options.some((o) => o.value === props.value);
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid || undefined}
      >
        {known ? null : <option value={props.value}>{props.value || 'Choose…'}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Text(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  describedBy?: string;
  invalid?: boolean;
  width?: number;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="text"
        inputMode="decimal"
        value={props.value}
        style={props.width ? { width: props.width } : undefined}
        onChange={(e) => props.onChange(e.target.value)}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid || undefined}
      />
    </div>
  );
}

const opts = (xs: string[]) => xs.map((x) => ({ value: x, label: x }));

export function RuleRow({ index, draft: d, error, options, onChange, onRemove }: RowProps) {
  const id = (f: string) => `rule-${index}-${f}`;
  const errId = error ? id('error') : undefined;
  const common = { describedBy: errId, invalid: Boolean(error) };
  const n = index + 1;
  const factor = (
    <Text id={id('factor')} label="Factor ×" value={d.factor} onChange={(factor) => onChange({ factor })} {...common} width={80} />
  );
  const wf = options.workflows.find((w) => w.name === d.target);
  const workflowChoice = (onlyWithFallback: boolean) => (
    <Choice
      id={id('workflow')}
      label="Workflow"
      value={d.target}
      options={options.workflows
        .filter((w) => !onlyWithFallback || w.fallbacks.length > 0)
        .map((w) => ({ value: w.name, label: `${w.name}${w.critical ? ' (critical)' : ''}` }))}
      onChange={(target) => onChange({ target, fallbackTo: '' })}
      {...common}
    />
  );
  return (
    <li className="rule-row" aria-label={`Rule ${n}`}>
      <Choice
        id={id('kind')}
        label={`Rule ${n}`}
        value={d.kind}
        options={RULE_KINDS.map((k) => ({ value: k, label: RULE_KIND_LABEL[k] }))}
        onChange={(kind) => onChange({ kind: kind as RuleDraft['kind'], target: '' })}
      />
      {d.kind === 'vendor' ? (
        <>
          <Choice
            id={id('vendor')}
            label="Vendor"
            value={d.target}
            options={opts(options.vendors)}
            onChange={(target) => onChange({ target })}
            {...common}
          />
          {factor}
        </>
      ) : null}
      {d.kind === 'model' ? (
        <>
          <Choice
            id={id('model')}
            label="Model"
            value={d.target}
            options={opts(options.models)}
            onChange={(target) => onChange({ target })}
            {...common}
          />
          {factor}
        </>
      ) : null}
      {d.kind === 'tokens' ? (
        <>
          <Choice
            id={id('class')}
            label="Token class"
            value={d.tokenClass}
            options={TOKEN_CLASSES.map((c) => ({ value: c, label: c.replace('_', ' ') }))}
            onChange={(c) => onChange({ tokenClass: c as RuleDraft['tokenClass'] })}
          />
          {factor}
        </>
      ) : null}
      {d.kind === 'subscription' ? (
        <>
          <Choice
            id={id('plan')}
            label="Plan"
            value={d.target}
            options={opts(options.plans)}
            onChange={(target) => onChange({ target })}
            {...common}
          />
          {factor}
        </>
      ) : null}
      {d.kind === 'subscriptions_metered' ? (
        <Choice
          id={id('plan')}
          label="Plan"
          value={d.target}
          options={[{ value: '', label: 'Every plan' }, ...opts(options.plans)]}
          onChange={(target) => onChange({ target })}
        />
      ) : null}
      {d.kind === 'fallback' ? (
        <>
          {workflowChoice(true)}
          <Choice
            id={id('to')}
            label="Fallback"
            value={d.fallbackTo}
            options={[
              { value: '', label: wf?.fallbacks[0] ? `First declared (${wf.fallbacks[0]})` : 'First declared' },
              ...opts(wf?.fallbacks ?? []),
            ]}
            onChange={(fallbackTo) => onChange({ fallbackTo })}
          />
        </>
      ) : null}
      {d.kind === 'self_hosted' ? (
        <>
          {workflowChoice(false)}
          <Text id={id('gpu')} label="GPU type" value={d.gpuType} onChange={(gpuType) => onChange({ gpuType })} {...common} width={90} />
          <Text id={id('count')} label="GPUs" value={d.gpuCount} onChange={(gpuCount) => onChange({ gpuCount })} {...common} width={60} />
          <Choice
            id={id('pricing')}
            label="Priced"
            value={d.pricing}
            options={[
              { value: 'hourly', label: 'per GPU-hour' },
              { value: 'purchase', label: 'bought, amortised' },
            ]}
            onChange={(p) => onChange({ pricing: p as RuleDraft['pricing'] })}
          />
          {d.pricing === 'hourly' ? (
            <Text
              id={id('hourly')}
              label="USD / GPU-hour"
              value={d.hourlyPriceUsd}
              onChange={(hourlyPriceUsd) => onChange({ hourlyPriceUsd })}
              {...common}
            />
          ) : (
            <>
              <Text
                id={id('purchase')}
                label="USD / GPU"
                value={d.purchasePriceUsd}
                onChange={(purchasePriceUsd) => onChange({ purchasePriceUsd })}
                {...common}
              />
              <Text
                id={id('months')}
                label="Over months"
                value={d.amortisationMonths}
                onChange={(amortisationMonths) => onChange({ amortisationMonths })}
                {...common}
                width={70}
              />
            </>
          )}
          <Text
            id={id('tps')}
            label="Tokens / s"
            value={d.tokensPerSecond}
            onChange={(tokensPerSecond) => onChange({ tokensPerSecond })}
            {...common}
            width={80}
          />
          <Text
            id={id('util')}
            label="Utilisation 0–1"
            value={d.utilisation}
            onChange={(utilisation) => onChange({ utilisation })}
            {...common}
            width={80}
          />
        </>
      ) : null}
      <button type="button" className="btn btn-sm" onClick={onRemove} aria-label={`Remove rule ${n}`}>
        Remove
      </button>
      {error ? (
        <p id={errId} className="field-error rule-text" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}
