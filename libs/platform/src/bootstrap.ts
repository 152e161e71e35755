import type { AddressInfo } from 'node:net';
import { INestApplication, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigService } from '@nestjs/config';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { INSECURE_DEV_SECRETS_FLAG } from './config/secrets';
import { EnvValidationError } from './config/validate-env';
import {
  DomainErrorMapping,
  domainErrorMapper,
  ProblemDetailsFilter,
} from './http/problem-details.filter';
import { verifyJsonDepth } from './http/json-depth';
import { keepConnections } from './http/keep-alive';
import { recordResponses } from './http/response-log';
import { withBodyProblems } from './http/api-problem';
import { createValidationPipe } from './http/validation';
import { identityVerifier } from './identity/identity-verifier';
import { httpMetrics } from './metrics/http-metrics';
import { Metrics } from './metrics/metrics';
import { httpTracing } from './tracing/http-tracing';
import { startTracingFrom } from './tracing/tracing';

export interface ServiceOptions {
  name: string;
  bodyLimit?: string;
  rawBody?: boolean;
  bodyParser?: boolean;
  /** Every domain error class of the service with its HTTP mapping (TenantError is built in). */
  domainErrors?: readonly DomainErrorMapping[];
  configure?: (app: INestApplication) => void | Promise<void>;
  /** The service serves its own /docs (the gateway); others publish /docs-json for it to merge. */
  ownDocs?: boolean;
  /** Accept identities the gateway signed (default); the gateway itself reads bearer tokens. */
  gatewayIdentity?: boolean;
}

/**
 * A module's set-up of the app it is part of, which createService runs right after creating it
 * (service-core's: connect the event transport). Provide it under this token.
 */
export const APP_SETUP = Symbol('APP_SETUP');
export type AppSetup = (app: INestApplication) => void;

function moduleSetups(app: INestApplication): AppSetup[] {
  return [...app.get(ModulesContainer).values()]
    .map((m) => m.providers.get(APP_SETUP)?.instance as AppSetup | undefined)
    .filter((s): s is AppSetup => typeof s === 'function');
}

/** Applies the house conventions to a Nest app (used by main.ts and by integration tests). */
export async function createService(
  module: Type<unknown>,
  opts: ServiceOptions,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: opts.bodyParser ?? true,
    rawBody: opts.rawBody,
  });
  app.useLogger(app.get(Logger));
  startTracingFrom(opts.name, app.get(ConfigService));
  // First of all middleware: everything after it, the access log included, runs in the span.
  app.use(httpTracing(opts.name));
  for (const setup of moduleSetups(app)) setup(app);
  app.disable('x-powered-by');
  keepConnections(app.getHttpServer());
  const metrics = metricsOf(app);
  if (metrics) app.use(httpMetrics(metrics));
  if (app.get(ConfigService).get<boolean>(INSECURE_DEV_SECRETS_FLAG)) {
    app
      .get(Logger)
      .warn(
        `${INSECURE_DEV_SECRETS_FLAG}=1: running on development secrets; anyone who knows them can sign in as anyone`,
      );
  }
  if (opts.gatewayIdentity ?? true) {
    // Before any body parser: a signature's age and nonce count from the request's arrival.
    app.use(identityVerifier(app.get(ConfigService).getOrThrow<string>('INTERNAL_SECRET')));
  }
  if (opts.bodyParser ?? true) {
    app.useBodyParser('json', { limit: opts.bodyLimit ?? '1mb', verify: verifyJsonDepth });
  }
  app.useGlobalFilters(new ProblemDetailsFilter(domainErrorMapper(opts.domainErrors)));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  await opts.configure?.(app);
  const logDir = app.get(ConfigService).get<string>('QA_RESPONSE_LOG_DIR');
  if (!opts.ownDocs || logDir) {
    // Each service describes its own routes; the gateway merges them into the public /docs.
    const doc = withBodyProblems(
      SwaggerModule.createDocument(
        app,
        new DocumentBuilder().setTitle(opts.name).setVersion('1').build(),
      ),
    );
    if (!opts.ownDocs) {
      SwaggerModule.setup('docs', app, doc, { jsonDocumentUrl: 'docs-json', ui: false });
    }
    if (logDir) recordResponses(app, logDir, opts.name, doc);
  }
  return app;
}

/** The service's Metrics, when its module imports MetricsModule (every ServiceCoreModule does). */
function metricsOf(app: INestApplication): Metrics | undefined {
  try {
    return app.get(Metrics, { strict: false });
  } catch {
    return undefined;
  }
}

/** main.ts entry: start, listen, and turn a bad environment into one clear message and exit 1. */
export async function runService(
  loadModule: () => Promise<Type<unknown>>,
  opts: ServiceOptions,
): Promise<void> {
  try {
    // Loaded lazily: ConfigModule validates the environment while the module file is evaluated.
    const app = await createService(await loadModule(), opts);
    const config = app.get(ConfigService);
    await app.listen(config.getOrThrow<number>('PORT'), config.getOrThrow<string>('HOST'));
    const bound = app.getHttpServer().address() as AddressInfo;
    app.get(Logger).log(`${opts.name} listening on http://${bound.address}:${bound.port}`);
  } catch (err) {
    if (err instanceof EnvValidationError) {
      process.stderr.write(`[${opts.name}] ${err.message}\n`);
    } else {
      process.stderr.write(
        `[${opts.name}] failed to start: ${(err as Error).stack ?? String(err)}\n`,
      );
    }
    process.exit(1);
  }
}
