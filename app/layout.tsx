import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';
import './_components/ui.css';
import './_components/widgets.css';
import './_components/audit.css';
import './_components/finance.css';
import './_components/dependencies.css';

export const metadata: Metadata = {
  title: { default: 'Itemized', template: '%s · Itemized' },
  description: 'Self-hosted audit of what your organisation spends on AI',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
