import { PageLink } from '@/app/(dashboard)/_components/page-link';
import type { Connection } from '@/db/client';
import type { ResolvedFilters } from '@/lib/filters';
import { formatUsd } from '@/lib/format';
import { KpiCard } from '../overview/kpi-card';
import { MoneyKind } from '../overview/money-kind';
import { carryFilters } from './audit-cards';
import { cappedFindings, loadAccuracyFindings, totalSavingsUsd } from './savings';

/** Savings available from reasoning caps at the knee (accuracy analysis over the period). */
export async function SavingsCard({ conn, filters }: { conn: Connection; filters: ResolvedFilters }) {
  const findings = await loadAccuracyFindings(conn, filters);
  const capped = cappedFindings(findings);
  return (
    <KpiCard
      id="kpi-savings"
      title="Savings available"
      badge={<MoneyKind kind="list" />}
      value={formatUsd(totalSavingsUsd(findings))}
      comparison={null}
      previousLabel=""
      previousDays={0}
      footnote={
        <>
          {capped.length === 0
            ? 'No reasoning cap recommended in this period'
            : `Reasoning caps at the knee in ${capped.length} model × workflow pair${capped.length === 1 ? '' : 's'}`}{' '}
          <PageLink className="kpi-link" href={`/accuracy${carryFilters(filters)}`}>
            · Accuracy →
          </PageLink>
        </>
      }
    />
  );
}
