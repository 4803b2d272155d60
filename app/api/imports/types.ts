/** JSON returned by POST /api/imports (shared by the route and the upload panel). */
import type { IngestIssue } from '@/lib/ingest/types';

export interface ImportResponse {
  /** null only when the file was rejected before a run could be recorded. */
  runId: number | null;
  file: string;
  source: string | null;
  status: 'succeeded' | 'failed' | 'partial';
  rowsRead: number;
  rowsInserted: number;
  rowsDuplicate: number;
  rowsRejected: number;
  issues: IngestIssue[];
  durationMs: number;
}

/** 400 (malformed request), 503 (database unavailable) or 500. */
export interface ImportErrorResponse {
  error: string;
}
