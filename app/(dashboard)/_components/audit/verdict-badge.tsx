/** The accuracy verdict for one (model, workflow): helps / plateau (knee) / hurts / not enough data. */
import { formatCompact, formatInt } from '@/lib/format';

export type Verdict = 'helps' | 'plateau' | 'hurts' | 'insufficient';

const TEXT: Record<Verdict, { label: string; title: string }> = {
  helps: { label: 'Helps', title: 'Success rises with length (significant positive rank correlation)' },
  plateau: { label: 'Plateau', title: 'Success stops rising after the knee: later bins are within the best bin’s interval' },
  hurts: { label: 'Hurts', title: 'Success falls as length grows (significant negative rank correlation)' },
  insufficient: { label: 'Not enough data', title: 'Too few requests with an outcome to tell' },
};

export function VerdictBadge({ verdict, knee, needed }: { verdict: Verdict; knee?: number | null; needed?: number | null }) {
  const t = TEXT[verdict];
  let extra = '';
  if (verdict === 'plateau' && knee !== null && knee !== undefined) extra = ` at ${formatCompact(knee)}`;
  if (verdict === 'insufficient' && needed) extra = ` (${formatInt(needed)} more needed)`;
  return (
    <span className={`verdict verdict-${verdict}`} title={t.title} data-verdict={verdict}>
      {t.label}
      {extra}
    </span>
  );
}
