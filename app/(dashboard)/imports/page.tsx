import type { Metadata } from 'next';
import { listCsvMappings } from '@/db/queries/csv-mappings';
import { listIngestRuns } from '@/db/queries/runs';
import { listUnpricedModels } from '@/db/queries/unpriced';
import { requirePage } from '@/lib/auth/guard';
import { readEnv } from '@/lib/env';
import { openPageConnection } from '../_components/connection';
import { DatabaseUnavailable } from '../_components/database-unavailable';
import { RunHistory } from './_components/run-history';
import { SavedMappings } from './_components/saved-mappings';
import { UnpricedModels } from './_components/unpriced-models';
import { UploadPanel } from './_components/upload-panel';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Imports' };

const RUNS_SHOWN = 100;

export default async function ImportsPage() {
  const actor = await requirePage('/imports');
  const maxUploadMb = readEnv().ITEMIZED_MAX_UPLOAD_MB;
  const c = await openPageConnection();
  const [runs, unpriced, mappings] = c.ok
    ? await Promise.all([listIngestRuns(c.conn.db, { limit: RUNS_SHOWN }), listUnpricedModels(c.conn), listCsvMappings(c.conn)])
    : [[], [], []];
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Imports</h1>
          <p>Load vendor exports and logs. Importing the same data twice changes nothing.</p>
        </div>
      </div>
      {!c.ok ? (
        <DatabaseUnavailable message={c.message} />
      ) : actor.role === 'admin' ? (
        <UploadPanel maxBytes={maxUploadMb * 1024 * 1024} savedMappings={mappings.map((m) => m.name)} />
      ) : (
        <p className="notice" role="note">
          Uploading is for admins; you can read the history below.
        </p>
      )}
      <section className="card" aria-labelledby="history-title">
        <div className="card-head">
          <div>
            <h2 id="history-title">Import history</h2>
            <p>
              Newest first{runs.length === RUNS_SHOWN ? `; the latest ${RUNS_SHOWN} runs` : ''}. The command line&apos;s imports are listed
              too.
            </p>
          </div>
        </div>
        <RunHistory
          runs={runs.map((r) => ({
            id: r.id,
            fileName: r.fileName,
            source: r.source,
            status: r.status,
            rowsRead: r.rowsRead,
            rowsInserted: r.rowsInserted,
            rowsDuplicate: r.rowsDuplicate,
            rowsRejected: r.rowsRejected,
            durationMs: r.durationMs,
            startedAt: r.startedAt.toISOString(),
            timeInferred: r.timeInferred,
            errorCount: r.errorCount,
            errors: r.errors,
          }))}
        />
      </section>
      {c.ok ? <UnpricedModels models={unpriced} /> : null}
      {c.ok ? <SavedMappings mappings={mappings} canDelete={actor.role === 'admin'} /> : null}
    </>
  );
}
