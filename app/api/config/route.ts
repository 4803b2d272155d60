/**
 * GET /api/config: the dependency map as itemized.yaml (canonical form), as a download. For the Settings
 * page's export button and for scripts that keep the file in git (`curl -o itemized.yaml .../api/config`
 * with a session cookie). Admins and analysts; each download goes to the audit log as an export.
 */
import { getConnection } from '@/db/client';
import { getConfig } from '@/db/queries/config';
import { auditExport } from '@/lib/auth/audit';
import { withRole } from '@/lib/auth/guard';
import { exportConfigYaml } from '@/lib/config/yaml';

export const dynamic = 'force-dynamic';

export const GET = withRole(['admin', 'analyst'], async (_request, actor) => {
  const conn = await getConnection();
  const config = await getConfig(conn.db);
  const text = exportConfigYaml(config);
  await auditExport(actor, {
    what: 'itemized.yaml',
    rows: config.workflows.length + config.subscriptions.length + config.budgets.length,
  });
  return new Response(text, {
    headers: {
      'content-type': 'application/yaml; charset=utf-8',
      'content-disposition': 'attachment; filename="itemized.yaml"',
      'cache-control': 'no-store',
    },
  });
});
