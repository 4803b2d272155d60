/**
 * POST /api/ingest: push any supported format (the body is what a file would hold: JSON, JSONL, CSV, gzip), detected
 * from its content or named with ?source=ID. It goes through the same loader as files: one transaction, the same
 * dedupe keys (the same payload twice is stored once), all or nothing.
 *
 * Query: source (a source id), at (ISO time for records that carry none; default: when the request arrived; records
 * without their own time are dated by it, so resending them later stores them again unless `at` is given), name
 * (recorded with the run, e.g. the exporting job).
 * Responses (JSON): 200 {runId, source, status, rows...}; 400 {error, issues} naming record and field, nothing
 * written; 401 missing / invalid / revoked / expired token; 403 a token without scope ingest:files; 413 over
 * ITEMIZED_MAX_PUSH_BYTES or gzip inflating past ITEMIZED_MAX_DECOMPRESSED_MB / ITEMIZED_MAX_DECOMPRESSION_RATIO;
 * 415 unsupported content type or encoding; 429 over ITEMIZED_PUSH_RATE for the token (Retry-After); 500 internal
 * error; 503 database unavailable.
 */
import { getConnection } from '@/db/client';
import { parseUtcOffset } from '@/lib/ingest/fields';
import { ingestFile } from '@/lib/ingest/load';
import { getSource, listSources } from '@/lib/ingest/registry';
import { formatIssue, type SourceId } from '@/lib/ingest/types';
import { authenticate, declaredTooLarge, limitedBody, limitMessage, maxPushBytes, mediaType, unsupportedEncoding } from '../_push/http';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Media types a pushed file may be sent as; the content decides the format, this only refuses the clearly wrong. */
const ACCEPTED = new Set([
  'application/json',
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/x-jsonlines',
  'application/jsonlines',
  'text/csv',
  'text/plain',
  'application/gzip',
  'application/x-gzip',
  'application/octet-stream',
]);

const fail = (status: number, error: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  Response.json({ error, ...extra }, { status, headers });

export async function POST(request: Request): Promise<Response> {
  let conn: Awaited<ReturnType<typeof getConnection>>;
  try {
    conn = await getConnection();
  } catch (e) {
    return fail(503, `database unavailable: ${e instanceof Error ? e.message : String(e)}`);
  }
  const auth = await authenticate(request, conn, 'ingest:files');
  if (!auth.ok) return fail(auth.status, auth.message, {}, auth.headers);

  const type = mediaType(request);
  if (!ACCEPTED.has(type))
    return fail(
      415,
      `unsupported content type ${JSON.stringify(type || '(none)')}: send the file's bytes as ${[...ACCEPTED].join(', ')} (gzip also as Content-Encoding)`,
    );
  const encoding = unsupportedEncoding(request);
  if (encoding) return fail(415, `unsupported content encoding ${JSON.stringify(encoding)}: send it uncompressed or gzip`);

  const url = new URL(request.url);
  let source: SourceId | undefined;
  const sourceParam = url.searchParams.get('source');
  if (sourceParam) {
    try {
      source = getSource(sourceParam).id;
    } catch {
      return fail(
        400,
        `unknown source ${JSON.stringify(sourceParam)} (expected one of: ${listSources()
          .map((s) => s.id)
          .join(', ')})`,
      );
    }
  }
  const atParam = url.searchParams.get('at');
  const at = atParam ? new Date(atParam) : undefined;
  if (at && Number.isNaN(at.getTime())) return fail(400, `at: expected an ISO-8601 time, got ${JSON.stringify(atParam)}`);
  const tzParam = url.searchParams.get('timezone');
  const naiveOffset = tzParam ? parseUtcOffset(tzParam) : undefined;
  if (naiveOffset === null) return fail(400, `timezone: expected UTC or a fixed offset such as +02:00, got ${JSON.stringify(tzParam)}`);
  const name = url.searchParams.get('name')?.slice(0, 200);

  const limit = maxPushBytes();
  if (declaredTooLarge(request, limit)) return fail(413, limitMessage(limit), { limitBytes: limit });
  const body = limitedBody(request, limit);
  const r = await ingestFile(conn, {
    file: `push:${auth.token.name}${name ? `/${name}` : ''}`,
    input: body.input,
    fileMtime: new Date(),
    source,
    at,
    naiveOffset,
  });
  if (body.exceeded()) return fail(413, limitMessage(limit), { runId: r.runId, limitBytes: limit });
  const summary = {
    runId: r.runId,
    source: r.source,
    status: r.status,
    rowsRead: r.rowsRead,
    rowsInserted: r.rowsInserted,
    rowsDuplicate: r.rowsDuplicate,
    rowsRejected: r.rowsRejected,
    timeInferred: r.timeInferred,
  };
  if (r.status !== 'failed') return Response.json(summary);
  if (r.failureCode === 'decompression_limit') return fail(413, `nothing written: ${r.issues[0]?.message}`, { runId: r.runId });
  if (r.failure === 'internal') {
    console.error('push failed', r.issues[0]?.message);
    return fail(500, 'ingest failed: internal error (recorded in the ingest run)', { runId: r.runId });
  }
  const first = r.issues[0];
  return fail(400, first ? `nothing written: ${formatIssue(first)}` : 'nothing written', { ...summary, issues: r.issues });
}
