/**
 * GET /api/exports/{csv|xlsx|pdf|focus}: the statement (or the FOCUS 1.2 CSV) as a download, with the
 * dashboard's query parameters: month=YYYY-MM or from/to (UTC days), vendor / team / workflow
 * (repeatable; an empty value = not set), bom=1 for CSVs opened in Excel, record=0 to leave the
 * month-close history alone. A calendar month's download is recorded like `itemized export`.
 * view=explorer: the explorer view in the same URL parameters as the explorer page (group, grain,
 * filters on any dimension, q, sort, cols; period from/to, default the dashboard's) as csv, xlsx or pdf.
 * A route handler rather than a server action: a download is a plain GET a link or a script can follow.
 * Signed-in admins, analysts and finance only; every download goes to the audit log with the user.
 * Because a download may record the month (a write on GET), requests another site starts
 * (Sec-Fetch-Site: cross-site / same-site) are refused: links and scripts of this dashboard only.
 */
import { getConnection } from '@/db/client';
import { buildExplorerExport, buildExport, EXPORT_FORMATS, resolveExportPeriod } from '@/db/queries/exports';
import { getDataExtent } from '@/db/queries/overview';
import type { ExportFormat } from '@/db/queries/statement-exports';
import { auditExport } from '@/lib/auth/audit';
import { withRole } from '@/lib/auth/guard';
import type { Actor } from '@/lib/auth/policy';
import { parseExplorerView, resolveExplorerPeriod } from '@/lib/explorer-view';
import { systemPdfFonts } from '@/lib/export/system-fonts';
import { isValidMonth } from '@/lib/months';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const STATEMENT_FILTERS = ['vendor', 'team', 'workflow'] as const;
const bad = (error: string) => Response.json({ error }, { status: 400 });

type Ctx = { params: Promise<{ format: string }> };

export const GET = withRole(['admin', 'analyst', 'finance'], exportDownload);

async function exportDownload(request: Request, actor: Actor, ctx: Ctx): Promise<Response> {
  const site = request.headers.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site')
    return Response.json(
      { error: 'Exports are downloaded from the dashboard itself; this request came from another site.' },
      { status: 403 },
    );
  const { format } = await ctx.params;
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    return bad(`Unknown format "${format}": expected ${EXPORT_FORMATS.join(', ')}.`);
  const sp = new URL(request.url).searchParams;
  const month = sp.get('month') ?? undefined;
  if (month !== undefined && !isValidMonth(month)) return bad('month must be YYYY-MM.');
  const view = parseExplorerView(sp);
  if (sp.get('view') === 'explorer') {
    if (format === 'focus') return bad('The explorer downloads as csv, xlsx or pdf; FOCUS is the statement period export.');
    const conn = await getConnection();
    const extent = await getDataExtent(conn.db);
    const period = resolveExplorerPeriod(view, extent.lastDay, new Date().toISOString().slice(0, 10));
    const file = await buildExplorerExport(conn, view, period, {
      format: format as 'csv' | 'xlsx' | 'pdf',
      bom: sp.get('bom') === '1',
      pdfFonts: format === 'pdf' ? systemPdfFonts() : undefined,
    });
    await auditExport(actor, { what: file.fileName, filters: { format, view: 'explorer', query: sp.toString() } });
    return download(file);
  }
  const other = Object.keys(view.filters).filter((k) => !(STATEMENT_FILTERS as readonly string[]).includes(k));
  if (other.length) return bad(`Exports filter by vendor, team and workflow only (got ${other.join(', ')}).`);
  if (month && (view.from || view.to)) return bad('Give either month or from/to, not both.');
  const conn = await getConnection();
  const period = await resolveExportPeriod(conn, { month, from: view.from, to: view.to });
  const f = view.filters;
  const file = await buildExport(conn, {
    format: format as ExportFormat,
    ...period,
    filters: {
      ...(f.vendor ? { vendor: f.vendor.filter((v): v is string => v !== null) } : {}),
      ...(f.team ? { team: f.team } : {}),
      ...(f.workflow ? { workflow: f.workflow } : {}),
    },
    bom: sp.get('bom') === '1',
    record: sp.get('record') !== '0',
    pdfFonts: format === 'pdf' ? systemPdfFonts() : undefined,
  });
  await auditExport(actor, {
    what: file.fileName,
    filters: {
      format,
      ...period,
      query: sp.toString(),
      recorded: file.recorded ? { id: file.recorded.id, month: file.recorded.month } : null,
    },
  });
  return download(file);
}

function download(file: { bytes: Buffer; fileName: string; contentType: string }): Response {
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.fileName}"`,
      'cache-control': 'no-store',
    },
  });
}
