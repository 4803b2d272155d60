/**
 * GET /api/config: the dependency map as itemized.yaml (canonical form), as a download. For the Settings
 * page's export button and for scripts that keep the file in git (`curl -o itemized.yaml .../api/config`).
 */
import { getConnection } from '@/db/client';
import { getConfig } from '@/db/queries/config';
import { exportConfigYaml } from '@/lib/config/yaml';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const conn = await getConnection();
  const text = exportConfigYaml(await getConfig(conn.db));
  return new Response(text, {
    headers: {
      'content-type': 'application/yaml; charset=utf-8',
      'content-disposition': 'attachment; filename="itemized.yaml"',
      'cache-control': 'no-store',
    },
  });
}
