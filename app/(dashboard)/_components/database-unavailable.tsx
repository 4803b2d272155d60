export function DatabaseUnavailable({ message }: { message: string }) {
  return (
    <div className="notice notice-bad" role="alert">
      <h2>The database could not be opened</h2>
      <p style={{ marginTop: 6 }}>{message}</p>
      <p className="small muted" style={{ marginTop: 6 }}>
        The embedded database (PGlite) can be open in one process only. Stop the other process (for example a running{' '}
        <code>itemized ingest</code>) and reload, or set <code>DATABASE_URL</code> to use a Postgres server.
      </p>
    </div>
  );
}
