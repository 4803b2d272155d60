/**
 * Exports GenAI spans with the real OpenTelemetry JS SDK (BasicTracerProvider + OTLPTraceExporter over HTTP/JSON)
 * to an OTLP/HTTP endpoint, as an instrumented app would; used by the receiver's integration test and by the e2e
 * test against the running app. Returns the export result codes the exporter saw (0 = SUCCESS, 1 = FAILED).
 */
import { SpanKind } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface GenAiSpan {
  model: string;
  input: number;
  output: number;
  reasoning?: number;
  /** Start time (default now); the span lasts 1.5 s. */
  at?: Date;
}

export async function exportGenAiSpans(url: string, token: string, spans: GenAiSpan[], service = 'itemized-test'): Promise<number[]> {
  const results: number[] = [];
  const exporter = new OTLPTraceExporter({ url, headers: { Authorization: `Bearer ${token}` } });
  const original = exporter.export.bind(exporter);
  exporter.export = (items, done) =>
    original(items, (r) => {
      results.push(r.code);
      done(r);
    });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('itemized-test');
  for (const s of spans) {
    const start = s.at ?? new Date();
    const span = tracer.startSpan(`chat ${s.model}`, {
      kind: SpanKind.CLIENT,
      startTime: start,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': s.model,
        'gen_ai.response.model': s.model,
        'gen_ai.usage.input_tokens': s.input,
        'gen_ai.usage.output_tokens': s.output,
        ...(s.reasoning !== undefined ? { 'gen_ai.usage.reasoning.output_tokens': s.reasoning } : {}),
      },
    });
    span.end(new Date(start.getTime() + 1500));
  }
  await provider.forceFlush();
  await provider.shutdown();
  return results;
}
