/**
 * POST /v1/traces: an OTLP/HTTP receiver (JSON encoding) so an app or gateway can export GenAI spans to Itemized
 * directly (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://host:3000/v1/traces, OTEL_EXPORTER_OTLP_PROTOCOL=http/json,
 * OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer itm_…). Spans go through the otel_genai source and the same loader
 * as files; a span is stored once however often it is sent (dedupe key trace id : span id).
 *
 * Per the OTLP/HTTP spec: 200 with an ExportTraceServiceResponse, `{}` when every span was accepted, or
 * `{"partialSuccess": {"rejectedSpans": "N", "errorMessage": "..."}}` when some GenAI spans were invalid (the valid
 * ones are stored; rejectedSpans is an int64, hence a string in OTLP/JSON). Spans that are not GenAI model calls are
 * accepted and ignored. Errors carry a google.rpc.Status body {code, message}: 400 for a body that is not an
 * ExportTraceServiceRequest, 401, 403 for a token without scope ingest:traces, 413 over ITEMIZED_MAX_PUSH_BYTES or
 * the decompression bounds, 415 for protobuf or another media type, 429 over ITEMIZED_PUSH_RATE (Retry-After), 500.
 */
import { getConnection } from '@/db/client';
import { ingestFile } from '@/lib/ingest/load';
import { formatIssue, type IngestIssue } from '@/lib/ingest/types';
import {
  authenticate,
  declaredTooLarge,
  limitedBody,
  limitMessage,
  maxPushBytes,
  mediaType,
  unsupportedEncoding,
} from '../../api/_push/http';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** google.rpc.Code values for the Status body. */
const CODE = {
  INVALID_ARGUMENT: 3,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;
const AUTH_CODE = { 401: CODE.UNAUTHENTICATED, 403: CODE.PERMISSION_DENIED, 429: CODE.RESOURCE_EXHAUSTED } as const;

const status = (http: number, code: number, message: string, headers: Record<string, string> = {}) =>
  Response.json({ code, message }, { status: http, headers });

/** The span (or the structure above it) an issue belongs to: rejected spans are counted per distinct path. */
const SPAN_PATH = /^resourceSpans\[\d+\](?:\.scopeSpans\[\d+\](?:\.spans\[\d+\])?)?/;

function rejected(issues: IngestIssue[]): { spans: number; documentLevel: IngestIssue[] } {
  const paths = new Set<string>();
  const documentLevel: IngestIssue[] = [];
  for (const i of issues) {
    const m = i.field ? SPAN_PATH.exec(i.field) : null;
    if (m) paths.add(`${i.line ?? ''}|${i.record ?? ''}|${m[0]}`);
    else documentLevel.push(i);
  }
  return { spans: paths.size, documentLevel };
}

export async function POST(request: Request): Promise<Response> {
  let conn: Awaited<ReturnType<typeof getConnection>>;
  try {
    conn = await getConnection();
  } catch (e) {
    return status(503, CODE.UNAVAILABLE, `database unavailable: ${e instanceof Error ? e.message : String(e)}`);
  }
  const auth = await authenticate(request, conn, 'ingest:traces');
  if (!auth.ok) return status(auth.status, AUTH_CODE[auth.status], auth.message, auth.headers);

  const type = mediaType(request);
  if (type === 'application/x-protobuf')
    return status(
      415,
      CODE.INVALID_ARGUMENT,
      'OTLP/HTTP protobuf is not supported: configure the exporter for http/json (OTEL_EXPORTER_OTLP_PROTOCOL=http/json)',
    );
  if (type !== 'application/json')
    return status(
      415,
      CODE.INVALID_ARGUMENT,
      `unsupported content type ${JSON.stringify(type || '(none)')}: expected application/json (OTLP/HTTP JSON)`,
    );
  const encoding = unsupportedEncoding(request);
  if (encoding)
    return status(415, CODE.INVALID_ARGUMENT, `unsupported content encoding ${JSON.stringify(encoding)}: send it uncompressed or gzip`);

  const limit = maxPushBytes();
  if (declaredTooLarge(request, limit)) return status(413, CODE.RESOURCE_EXHAUSTED, limitMessage(limit));
  const body = limitedBody(request, limit);
  const r = await ingestFile(conn, {
    file: `otlp:${auth.token.name}`,
    input: body.input,
    fileMtime: new Date(),
    source: 'otel_genai',
    skipInvalid: true,
  });
  if (body.exceeded()) return status(413, CODE.RESOURCE_EXHAUSTED, limitMessage(limit));
  if (r.status === 'failed') {
    if (r.failureCode === 'decompression_limit') return status(413, CODE.RESOURCE_EXHAUSTED, r.issues[0]?.message ?? 'too large');
    if (r.failure === 'internal') {
      console.error('OTLP push failed', r.issues[0]?.message);
      return status(500, CODE.INTERNAL, 'export failed: internal error (recorded in the ingest run)');
    }
    return status(400, CODE.INVALID_ARGUMENT, r.issues[0] ? formatIssue(r.issues[0]) : 'malformed request');
  }
  const { spans, documentLevel } = rejected(r.issues);
  if (documentLevel.length) return status(400, CODE.INVALID_ARGUMENT, formatIssue(documentLevel[0]));
  if (spans === 0) return Response.json({});
  const shown = r.issues.slice(0, 3).map(formatIssue).join('; ');
  return Response.json({
    partialSuccess: {
      rejectedSpans: String(spans),
      errorMessage: `${spans} GenAI span(s) rejected: ${shown}${r.issues.length > 3 ? '; …' : ''}`,
    },
  });
}
