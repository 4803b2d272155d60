import Link from 'next/link';

/** No usage and no invoice lines at all: say exactly how to load data. */
export function EmptyState() {
  return (
    <section className="card empty" aria-labelledby="empty-title">
      <h2 id="empty-title">No data yet</h2>
      <p className="muted">Itemized has no usage records or invoice lines to show. Load some in any of these ways:</p>
      <ol>
        <li>
          <strong>Upload files</strong> on the <Link href="/imports">Imports page</Link>: vendor usage and cost exports, LLM response logs,
          Claude Code or Codex session logs (JSON, JSONL or CSV; gzip accepted).
        </li>
        <li>
          <strong>From a terminal</strong> in the project folder: <code>npx itemized ingest &lt;files or folders&gt;</code>. The embedded
          database can be open in one process only, so stop this server first, or upload through the Imports page while it runs.
        </li>
        <li>
          <strong>Try the demo</strong>: <code>npm run demo</code> generates a 90-day demo organisation, loads it and serves the dashboard.
        </li>
      </ol>
    </section>
  );
}
