'use client';

import { useId, useState } from 'react';

const EXAMPLE = `name: acme-gateway            # part of every dedupe key: keep it stable
vendor_column: Provider       # or vendor: openai (who bills)
timestamp: { column: Created, format: iso, timezone: UTC }
model: Model
tokens: { input: Prompt Tokens, output: Completion Tokens, cached_input: Cached }
cost: { column: Cost (USD), currency: USD, kind: reported }
request_id: Request ID        # else a hash of the row
tags: { team: Team, workflow: Pipeline, user: User }`;

/** For CSV exports no source knows: a saved column mapping, or a mapping file (saved for next time on upload). */
export function MappingChooser(props: {
  saved: string[];
  file: File | null;
  name: string;
  onFile: (f: File | null) => void;
  onName: (name: string) => void;
}) {
  const selectId = useId();
  const fileId = useId();
  // Kept open once opened (clearing the mapping must not fold away the controls being used).
  const [open, setOpen] = useState(false);
  // Remounts the file input on Clear, so it stops showing the cleared file's name.
  const [fileInputKey, setFileInputKey] = useState(0);
  const active = props.file ? `mapping file ${props.file.name}` : props.name ? `saved mapping ${props.name}` : null;
  return (
    <details className="mapping-chooser" open={open || Boolean(active)} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        A CSV export no source reads? Use a column mapping{active ? <strong> — files added now use the {active}</strong> : null}
      </summary>
      <div className="form-row">
        <label htmlFor={selectId}>Saved mapping</label>
        <select id={selectId} value={props.name} disabled={Boolean(props.file)} onChange={(e) => props.onName(e.currentTarget.value)}>
          <option value="">None: detect the source</option>
          {props.saved.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      <div className="form-row">
        <label htmlFor={fileId}>Mapping file (YAML)</label>
        <input
          key={fileInputKey}
          id={fileId}
          type="file"
          accept=".yaml,.yml,text/yaml"
          onChange={(e) => props.onFile(e.currentTarget.files?.[0] ?? null)}
        />
        {props.file ? (
          <button
            type="button"
            className="btn"
            onClick={() => {
              props.onFile(null);
              setFileInputKey((k) => k + 1);
            }}
          >
            Clear
          </button>
        ) : null}
      </div>
      <p className="small muted">
        A mapping names the CSV column of each field; files added while one is chosen are read through it, and a mapping file is saved under
        its <code>name</code> to be chosen next time (the CLI takes the same file: <code>itemized ingest --mapping map.yaml file.csv</code>
        ). Errors name the CSV line and column, or the mapping key and its line.
      </p>
      <pre className="small">{EXAMPLE}</pre>
    </details>
  );
}
