import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { LoggerModule } from 'nestjs-pino';
import { destination } from 'pino';
import { IDENTITY_HEADER, IDENTITY_SIGNATURE_HEADER } from '../identity/identity';
import { TracingFlush } from '../tracing/tracing';

export const REQUEST_ID_HEADER = 'x-request-id';

/** The active span's ids on every line: a call's lines in every service share its trace id. */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const sc = trace.getActiveSpan()?.spanContext();
  return sc && isSpanContextValid(sc) ? { trace_id: sc.traceId, span_id: sc.spanId } : {};
}

/** Structured JSON logs with the request id and the OpenTelemetry trace and span ids. */
@Module({})
export class PlatformLoggerModule {
  static forRoot(service: string): DynamicModule {
    return {
      module: PlatformLoggerModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            pinoHttp: [
              {
                level: config.get<string>('LOG_LEVEL', 'info'),
                base: { service },
                mixin: traceFields,
                genReqId: (req: IncomingMessage, res: ServerResponse) => {
                  const given = req.headers[REQUEST_ID_HEADER];
                  const id =
                    typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
                  res.setHeader(REQUEST_ID_HEADER, id);
                  return id;
                },
                customProps: (req: IncomingMessage) => ({
                  requestId: (req as { id?: unknown }).id,
                }),
                redact: [
                  'err.parameters',
                  'err.driverError',
                  'err.query',
                  'req.headers.authorization',
                  'req.headers.cookie',
                  `req.headers["${IDENTITY_HEADER}"]`,
                  `req.headers["${IDENTITY_SIGNATURE_HEADER}"]`,
                ],
                autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
                // Successful requests are the hot path: logged at debug; failures stay visible.
                customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
                  err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug',
              },
              destination(config.get<string>('LOG_STREAM') === 'stderr' ? 2 : 1),
            ],
          }),
        }),
      ],
      providers: [TracingFlush],
      exports: [LoggerModule],
    };
  }
}
