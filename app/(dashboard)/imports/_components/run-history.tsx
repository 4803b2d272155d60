'use client';

/** Ingest-run history, newest first. A run with error lines expands to list them. */
import { Fragment, useState } from 'react';
import { formatDateTime, formatDuration, formatInt } from '@/lib/format';

export interface RunHistoryRow {
  id: number;
  fileName: string;
  source: string | null;
  status: string;
  rowsRead: number;
  rowsInserted: number;
  rowsDuplicate: number;
  rowsRejected: number;
  durationMs: number | null;
  /** ISO timestamp. */
  startedAt: string;
  timeInferred: boolean;
  errorCount: number;
  errors: { file: string; line?: number; record?: number; field?: string; message: string }[];
}

const STATUS_BADGE: Record<string, string> = {
  succeeded: 'badge-ok',
  failed: 'badge-bad',
  partial: 'badge-warn',
  running: 'badge-neutral',
};
const COLS = 10;
const PAGE = 20;

/** The CLI records full paths: show the file name, with its folder in small print. */
function splitPath(p: string): { dir: string; base: string } {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i < 0 ? { dir: '', base: p } : { dir: p.slice(0, i + 1), base: p.slice(i + 1) };
}

export function RunHistory({ runs }: { runs: RunHistoryRow[] }) {
  const [open, setOpen] = useState<Set<number>>(() => new Set());
  const [shown, setShown] = useState(PAGE);
  const toggle = (id: number) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  return (
    <div className="table-wrap">
      <table aria-label="Ingest runs">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Source</th>
            <th scope="col">Status</th>
            <th scope="col" className="right">
              Read
            </th>
            <th scope="col" className="right">
              Inserted
            </th>
            <th scope="col" className="right">
              Duplicate
            </th>
            <th scope="col" className="right">
              Rejected
            </th>
            <th scope="col" className="right">
              Duration
            </th>
            <th scope="col">When</th>
            <th scope="col">
              <span className="visually-hidden">Errors</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.length === 0 ? (
            <tr>
              <td colSpan={COLS} className="empty-row">
                No imports yet.
              </td>
            </tr>
          ) : null}
          {runs.slice(0, shown).map((r) => {
            const expanded = open.has(r.id);
            const { dir, base } = splitPath(r.fileName);
            const panelId = `run-errors-${r.id}`;
            return (
              <Fragment key={r.id}>
                <tr>
                  <td title={r.fileName}>
                    {base}
                    {dir ? <span className="path-dir">{dir}</span> : null}
                    {r.timeInferred ? (
                      <span className="small faint" title="Some records had no timestamp and took the file's modification time">
                        {' '}
                        (time inferred)
                      </span>
                    ) : null}
                  </td>
                  <td>{r.source ?? <span className="faint">not detected</span>}</td>
                  <td>
                    <span className={`badge ${STATUS_BADGE[r.status] ?? 'badge-neutral'}`}>{r.status}</span>
                  </td>
                  <td className="right">{formatInt(r.rowsRead)}</td>
                  <td className="right">{formatInt(r.rowsInserted)}</td>
                  <td className="right">{formatInt(r.rowsDuplicate)}</td>
                  <td className="right">{formatInt(r.rowsRejected)}</td>
                  <td className="right">{formatDuration(r.durationMs)}</td>
                  <td className="num" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(r.startedAt)}
                  </td>
                  <td>
                    {r.errorCount > 0 ? (
                      <button
                        type="button"
                        className="btn btn-sm"
                        aria-expanded={expanded}
                        aria-controls={panelId}
                        onClick={() => toggle(r.id)}
                      >
                        {expanded ? 'Hide' : 'Show'} {formatInt(r.errorCount)} {r.errorCount === 1 ? 'error' : 'errors'}
                      </button>
                    ) : null}
                  </td>
                </tr>
                {r.errorCount > 0 ? (
                  <tr id={panelId} className="errors-row" hidden={!expanded}>
                    <td colSpan={COLS}>
                      <RunErrors run={r} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {runs.length > shown ? (
        <p className="pager">
          <span className="num">
            Showing {formatInt(shown)} of {formatInt(runs.length)} runs
          </span>
          <button type="button" className="btn btn-sm" onClick={() => setShown((n) => n + PAGE)}>
            Show {formatInt(Math.min(PAGE, runs.length - shown))} more
          </button>
        </p>
      ) : null}
    </div>
  );
}

function RunErrors({ run }: { run: RunHistoryRow }) {
  return (
    <>
      <table aria-label={`Errors in ${run.fileName}`}>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Line / record</th>
            <th scope="col">Field</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {run.errors.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: stored error lines have no identity and never reorder
            <tr key={i}>
              <td>{e.file}</td>
              <td className="num">{e.line !== undefined ? `line ${e.line}` : e.record !== undefined ? `record ${e.record}` : '—'}</td>
              <td>{e.field ? <code>{e.field}</code> : '—'}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {run.errorCount > run.errors.length ? (
        <p className="small muted" style={{ marginTop: 6 }}>
          Showing the first {formatInt(run.errors.length)} of {formatInt(run.errorCount)} stored errors.
        </p>
      ) : null}
    </>
  );
}
