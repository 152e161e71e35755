import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  BatchSpanProcessor,
  NodeTracerProvider,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/** What TracingEnv gives startTracing (the OTEL_* variables, validated at boot). */
export interface TracingSettings {
  OTEL_TRACES_EXPORTER?: 'otlp' | 'none';
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
  OTEL_SERVICE_NAME?: string;
}

let provider: NodeTracerProvider | undefined;

/** Export is on when an OTLP endpoint is named or OTEL_TRACES_EXPORTER=otlp; `none` turns it off. */
export function exportsTraces(s: TracingSettings): boolean {
  if (s.OTEL_TRACES_EXPORTER === 'none') return false;
  return (
    s.OTEL_TRACES_EXPORTER === 'otlp' ||
    !!s.OTEL_EXPORTER_OTLP_ENDPOINT ||
    !!s.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
  );
}

/**
 * Installs the process's tracer provider, once (services started in one process share it).
 * Trace and span ids are made either way, so logs and Kafka headers carry them; with export off,
 * spans are not recorded (AlwaysOff: no attributes, no buffers, no exporter). With export on,
 * spans go in batches over OTLP/HTTP (JSON) to the endpoint; the exporter reads its other
 * OTEL_EXPORTER_OTLP_* variables (headers, timeout) itself, and the sampler OTEL_TRACES_SAMPLER.
 */
export function startTracing(service: string, s: TracingSettings): void {
  if (provider) return;
  const on = exportsTraces(s);
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: s.OTEL_SERVICE_NAME ?? `qa-${service}`,
    }),
    ...(on
      ? { spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] }
      : { sampler: new AlwaysOffSampler() }),
  });
  provider.register();
}

export function startTracingFrom(service: string, config: ConfigService): void {
  startTracing(service, {
    OTEL_TRACES_EXPORTER: config.get('OTEL_TRACES_EXPORTER'),
    OTEL_EXPORTER_OTLP_ENDPOINT: config.get('OTEL_EXPORTER_OTLP_ENDPOINT'),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: config.get('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'),
    OTEL_SERVICE_NAME: config.get('OTEL_SERVICE_NAME'),
  });
}

/** Sends the spans still buffered (tests; shutdown). */
export async function flushTracing(): Promise<void> {
  await provider?.forceFlush();
}

/** Spans of a stopping service leave before the process does. */
@Injectable()
export class TracingFlush implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await flushTracing();
  }
}
