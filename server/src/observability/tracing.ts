// Optional OpenTelemetry tracing, on when OTEL_EXPORTER_OTLP_ENDPOINT is set (off otherwise, at no cost): one
// server span per HTTP request (continuing the caller's trace from a W3C `traceparent` header) and one span per
// GraphQL operation (its child on HTTP; a root span on a WebSocket), exported over OTLP/HTTP to a collector.
// The exporter reads the standard OTEL_EXPORTER_OTLP_* variables itself (endpoint, headers, timeout).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation, trace, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

export class Tracing {
  private readonly provider: TracerProvider;
  private readonly tracer: Tracer;
  private readonly contextManager = new AsyncLocalStorageContextManager();

  constructor(options: { serviceName: string; exportDelayMs: number }) {
    this.provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': options.serviceName }),
      spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter(), scheduledDelayMillis: options.exportDelayMs })],
    });
    trace.setGlobalTracerProvider(this.provider);
    context.setGlobalContextManager(this.contextManager.enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    this.tracer = this.provider.getTracer('certijury');
  }

  /** Runs the request's handling inside its server span, ended when the answer is finished. */
  inRequestSpan(req: IncomingMessage, res: ServerResponse, route: string, handle: () => void): void {
    const parent = propagation.extract(context.active(), req.headers);
    const span = this.tracer.startSpan(`${req.method ?? 'HTTP'} ${route}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? '', 'url.path': (req.url ?? '').split('?', 1)[0].slice(0, 200), 'http.route': route } }, parent);
    res.once('finish', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    res.once('close', () => span.end()); // a connection cut before the answer (ending twice is ignored)
    context.with(trace.setSpan(parent, span), handle);
  }

  /** Records a finished GraphQL operation, as a child of the request span when there is one. */
  operation(name: string, type: string, transport: string, startedAt: number, ok: boolean): void {
    const span = this.tracer.startSpan(`${type} ${name}`, { startTime: performance.timeOrigin + startedAt, attributes: { 'graphql.operation.name': name, 'graphql.operation.type': type, 'network.transport': transport } });
    if (!ok) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  }

  /** Sends what is still buffered, then stops. */
  async close(): Promise<void> {
    await this.provider.shutdown();
    this.contextManager.disable();
  }
}
