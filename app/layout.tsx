import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { authDisabled } from '@/lib/auth/settings';
import { DemoBanner } from './_components/demo-banner';
import './globals.css';
import './_components/ui.css';
import './_components/widgets.css';
import './_components/audit.css';
import './_components/auth.css';

// Rendered per request: whether sign-in is on (the demo banner) is read from the environment at run time.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Itemized', template: '%s · Itemized' },
  description: 'Self-hosted audit of what your organisation spends on AI',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        {authDisabled() ? <DemoBanner /> : null}
        {children}
      </body>
    </html>
  );
}
