/**
 * The AI share of the cloud bills loaded as FOCUS exports (server component): per cloud and month, the whole bill
 * beside the lines classified as AI services, so that a cloud bill's AI part is visible rather than hidden in it.
 */
import type { CloudAiShareRow } from '@/db/queries/cloud-ai-share';
import { formatUsd } from '@/lib/format';
import { CloudAiShareTable } from './cloud-ai-share-table';

export function CloudAiShareCard({ rows }: { rows: CloudAiShareRow[] }) {
  return (
    <section className="card" aria-labelledby="cloud-ai-share">
      <div className="card-head">
        <div>
          <h2 id="cloud-ai-share">AI share of cloud bills</h2>
          <p>
            Each FOCUS cloud bill loaded for the period, whole, beside its AI services: what the provider files under AI and Machine
            Learning (or, without a category, services named as hosted models: Bedrock, Azure OpenAI / AI Services, Vertex AI). Hosted model
            lines also count as their vendor’s bill above; the rest of a cloud bill (compute, storage, network) is not AI spend and appears
            only here. Amounts are in each bill’s currency. The period filter applies.
          </p>
        </div>
      </div>
      <CloudAiShareTable
        rows={rows.map((r) => ({
          month: r.month,
          cloud: r.cloud,
          currency: r.currency,
          billedTotal: r.billedTotal,
          billedAi: r.billedAi,
          aiSharePct: r.aiSharePct,
          lines: r.lines,
          aiLines: r.aiLines,
          aiServices: r.aiServices
            .map((s) => `${s.service} ${r.currency === 'USD' ? formatUsd(s.billed) : `${s.billed} ${r.currency}`}`)
            .join(', '),
        }))}
      />
    </section>
  );
}
