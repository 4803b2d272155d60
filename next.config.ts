import type { NextConfig } from 'next';
import { API_CSP, COMMON_HEADERS } from './lib/security/headers';

const common = Object.entries(COMMON_HEADERS).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files relative to its own package. Public reports
  // (electric-sql/pglite#322, liam-hq/liam#3166) and STACK.md saw every request 500 after a clean
  // build when it was bundled. Re-checked on next 16.4.6 + PGlite 0.5: a clean bundled build worked
  // here too, but external is the documented, supported setup, so it stays. postgres.js needs no
  // entry (verified: the Postgres driver works bundled).
  // pdfkit reads its font metrics (data/*.afm) from its own folder at run time, and exceljs pulls in
  // Node-only zip code: both stay external so the export route loads them from node_modules.
  serverExternalPackages: ['@electric-sql/pglite', 'pdfkit', 'exceljs'],
  poweredByHeader: false,
  // forbidden() / unauthorized() in guards (lib/auth/guard.ts): real 403 and 401 answers.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      // Pages get their nonce-based CSP from proxy.ts; everything gets these.
      { source: '/:path*', headers: common },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: API_CSP }] },
      { source: '/v1/:path*', headers: [{ key: 'Content-Security-Policy', value: API_CSP }] },
    ];
  },
};

export default nextConfig;
