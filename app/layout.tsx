import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { authDisabled } from '@/lib/auth/settings';
import { ClientSetup } from './_components/client-setup';
import { DemoBanner } from './_components/demo-banner';
import './globals.css';
import './_components/ui.css';
import './_components/widgets.css';
import './_components/audit.css';
import './_components/finance.css';
import './_components/dependencies.css';
import './_components/auth.css';

// Every page is rendered per request: the Content-Security-Policy nonce (proxy.ts) is new each time,
// and a prerendered page would carry scripts without it.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Itemized', template: '%s · Itemized' },
  description: 'Self-hosted audit of what your organisation spends on AI',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <ClientSetup />
        {authDisabled() ? <DemoBanner /> : null}
        {children}
      </body>
    </html>
  );
}
