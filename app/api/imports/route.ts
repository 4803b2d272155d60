/**
 * POST /api/imports: multipart/form-data with exactly one `file` (and optionally `lastModified`,
 * the file's modification time in ms, which dates records that carry no timestamp of their own).
 * Returns the ingest result as JSON with status 200, also when the file is rejected (status
 * 'failed', with its issues); 400 for a malformed request; 413 for a body over ITEMIZED_MAX_UPLOAD_MB
 * (checked on the declared length and while reading); 401/403 unless an admin calls.
 *
 * Why a route handler and not a server action (STYLE.md prefers actions for UI mutations): the
 * Imports page shows a progress bar per file, and only XMLHttpRequest's upload.onprogress reports
 * bytes sent; a server action is invoked through fetch, which exposes no upload progress.
 * One request per file keeps each file its own transaction and its own result.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { NextResponse } from 'next/server';
import { getConnection } from '@/db/client';
import { audit } from '@/lib/auth/audit';
import { withRole } from '@/lib/auth/guard';
import { readEnv } from '@/lib/env';
import { ingestFile } from '@/lib/ingest/load';
import { IngestFileError } from '@/lib/ingest/types';
import { BodyTooLargeError, limitRequestBody, uploadTooLargeMessage } from '@/lib/security/limits';
import type { ImportErrorResponse, ImportResponse } from './types';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const bad = (error: string, status = 400) => NextResponse.json<ImportErrorResponse>({ error }, { status });

export const POST = withRole(['admin'], async (request, actor): Promise<NextResponse<ImportResponse | ImportErrorResponse>> => {
  if (!request.headers.get('content-type')?.toLowerCase().startsWith('multipart/form-data'))
    return bad('Expected multipart/form-data with one "file" field.');
  const maxBytes = readEnv().ITEMIZED_MAX_UPLOAD_MB * 1024 * 1024;
  const limited = limitRequestBody(request, maxBytes);
  if (limited instanceof BodyTooLargeError) return bad(limited.message, 413);
  let form: FormData;
  try {
    form = await limited.request.formData();
  } catch {
    return limited.exceeded() ? bad(uploadTooLargeMessage(null, maxBytes), 413) : bad('Malformed multipart body.');
  }
  const files = form.getAll('file');
  if (files.length !== 1 || !(files[0] instanceof File)) return bad(`Expected exactly one "file" field with a file, got ${files.length}.`);
  const file = files[0];
  if (!file.name) return bad('The file has no name.');
  const lm = Number(form.get('lastModified'));
  const fileMtime = Number.isFinite(lm) && lm > 0 ? new Date(lm) : new Date();

  let conn: Awaited<ReturnType<typeof getConnection>>;
  try {
    conn = await getConnection();
  } catch (e) {
    return bad(e instanceof Error ? e.message : String(e), 503);
  }

  const started = Date.now();
  await audit(actor, 'ingest.upload', file.name, { bytes: file.size });
  try {
    const input = Readable.fromWeb(file.stream() as unknown as NodeReadableStream<Uint8Array>);
    const r = await ingestFile(conn, { file: file.name, input, fileMtime });
    return NextResponse.json<ImportResponse>({
      runId: r.runId,
      file: r.file,
      source: r.source,
      status: r.status,
      rowsRead: r.rowsRead,
      rowsInserted: r.rowsInserted,
      rowsDuplicate: r.rowsDuplicate,
      rowsRejected: r.rowsRejected,
      issues: r.issues,
      durationMs: r.durationMs,
    });
  } catch (e) {
    // The loader records whole-file problems as failed runs; this covers one thrown before it could.
    if (e instanceof IngestFileError) {
      return NextResponse.json<ImportResponse>({
        runId: null,
        file: file.name,
        source: null,
        status: 'failed',
        rowsRead: 0,
        rowsInserted: 0,
        rowsDuplicate: 0,
        rowsRejected: 0,
        issues: [e.issue],
        durationMs: Date.now() - started,
      });
    }
    console.error('import failed', e);
    return bad(`Import failed: ${e instanceof Error ? e.message.slice(0, 500) : String(e)}`, 500);
  }
});
