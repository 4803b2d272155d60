/**
 * The vendor admin APIs `itemized pull` reads (FORMATS.md 1a, 1b, 2b, 2c): where, with which key
 * header, which query, how pages chain, and which ingest source reads the pages. Keys come from the
 * environment only and are sent as headers, never in URLs.
 */
import type { SourceId } from '../ingest/types';

export interface Window {
  /** Inclusive start, a UTC midnight. */
  start: Date;
  /** Exclusive end, a UTC midnight. */
  end: Date;
}

export interface EndpointDef {
  /** e.g. "usage"; the state row is "<connection>/<endpoint>". */
  id: string;
  label: string;
  /** The ingest source that reads this endpoint's pages. */
  source: SourceId;
  /** Path and query of one page (the base URL is prepended). */
  path(w: Window, page: string | null): string;
  /** The API answers one UTC day per request (OpenRouter's activity): the window is fetched day by day. */
  perDay?: boolean;
  /** The API keeps only this many completed days: an older start is moved up to it (the result says so). */
  maxBackfillDays?: number;
}

export interface ConnectionDef {
  id: 'openai' | 'anthropic' | 'openrouter';
  label: string;
  /** Environment variable holding the admin key. */
  keyEnv: string;
  /** Environment variable that overrides the base URL (proxies, tests). */
  baseUrlEnv: string;
  defaultBaseUrl: string;
  headers(key: string): Record<string, string>;
  endpoints: EndpointDef[];
}

const unix = (d: Date) => Math.floor(d.getTime() / 1000);
const rfc3339 = (d: Date) => d.toISOString().replace('.000Z', 'Z');
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function query(params: [string, string | number][], page: string | null): string {
  const q = new URLSearchParams();
  for (const [k, v] of params) q.append(k, String(v));
  if (page) q.set('page', page);
  return q.toString();
}

export const CONNECTIONS: ConnectionDef[] = [
  {
    id: 'openai',
    label: 'OpenAI organization usage and costs',
    keyEnv: 'OPENAI_ADMIN_KEY',
    baseUrlEnv: 'ITEMIZED_OPENAI_BASE_URL',
    defaultBaseUrl: 'https://api.openai.com',
    headers: (key) => ({ authorization: `Bearer ${key}` }),
    endpoints: [
      {
        id: 'usage',
        label: 'Usage API (completions)',
        source: 'openai_usage',
        path: (w, page) =>
          `/v1/organization/usage/completions?${query(
            [
              ['start_time', unix(w.start)],
              ['end_time', unix(w.end)],
              ['bucket_width', '1d'],
              ['limit', 31],
              ['group_by[]', 'project_id'],
              ['group_by[]', 'model'],
              ['group_by[]', 'api_key_id'],
              ['group_by[]', 'service_tier'],
              ['group_by[]', 'batch'],
            ],
            page,
          )}`,
      },
      {
        id: 'costs',
        label: 'Costs API',
        source: 'openai_costs',
        path: (w, page) =>
          `/v1/organization/costs?${query(
            [
              ['start_time', unix(w.start)],
              ['end_time', unix(w.end)],
              ['bucket_width', '1d'],
              ['limit', 180],
              ['group_by[]', 'project_id'],
              ['group_by[]', 'line_item'],
            ],
            page,
          )}`,
      },
    ],
  },
  {
    id: 'anthropic',
    label: 'Anthropic Admin API usage and cost reports',
    keyEnv: 'ANTHROPIC_ADMIN_KEY',
    baseUrlEnv: 'ITEMIZED_ANTHROPIC_BASE_URL',
    defaultBaseUrl: 'https://api.anthropic.com',
    headers: (key) => ({ 'x-api-key': key, 'anthropic-version': '2023-06-01' }),
    endpoints: [
      {
        id: 'usage',
        label: 'Usage report (messages)',
        source: 'anthropic_usage',
        path: (w, page) =>
          `/v1/organizations/usage_report/messages?${query(
            [
              ['starting_at', rfc3339(w.start)],
              ['ending_at', rfc3339(w.end)],
              ['bucket_width', '1d'],
              ['limit', 31],
              ['group_by[]', 'model'],
              ['group_by[]', 'workspace_id'],
              ['group_by[]', 'api_key_id'],
              ['group_by[]', 'service_tier'],
            ],
            page,
          )}`,
      },
      {
        id: 'costs',
        label: 'Cost report',
        source: 'anthropic_costs',
        path: (w, page) =>
          `/v1/organizations/cost_report?${query(
            [
              ['starting_at', rfc3339(w.start)],
              ['ending_at', rfc3339(w.end)],
              ['limit', 31],
              ['group_by[]', 'workspace_id'],
              ['group_by[]', 'description'],
            ],
            page,
          )}`,
      },
    ],
  },
  {
    id: 'openrouter',
    label: 'OpenRouter activity (daily usage per model and provider)',
    // A management (provisioning) key: the activity endpoint refuses ordinary inference keys.
    keyEnv: 'OPENROUTER_MANAGEMENT_KEY',
    baseUrlEnv: 'ITEMIZED_OPENROUTER_BASE_URL',
    defaultBaseUrl: 'https://openrouter.ai',
    headers: (key) => ({ authorization: `Bearer ${key}` }),
    endpoints: [
      {
        id: 'activity',
        label: 'Activity API (daily, per model and endpoint)',
        source: 'openrouter',
        // FORMATS.md 3c: the last 30 completed UTC days, filtered by one `date`; no page cursor.
        perDay: true,
        maxBackfillDays: 30,
        path: (w) => `/api/v1/activity?${query([['date', isoDay(w.start)]], null)}`,
      },
    ],
  },
];

export function getConnectionDef(id: string): ConnectionDef {
  const c = CONNECTIONS.find((x) => x.id === id);
  if (!c) throw new Error(`unknown connection "${id}" (expected one of: ${CONNECTIONS.map((x) => x.id).join(', ')})`);
  return c;
}

/** Both vendors page the same way: {has_more, next_page}. */
export function nextPageOf(json: unknown): string | null {
  if (typeof json !== 'object' || json === null) return null;
  const j = json as { has_more?: unknown; next_page?: unknown };
  return j.has_more === true && typeof j.next_page === 'string' && j.next_page !== '' ? j.next_page : null;
}
