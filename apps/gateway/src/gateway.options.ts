import { ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { mapErrors, ServiceOptions, verifyJsonDepth, withBodyProblems } from '@qa/platform';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { json, static as serveStatic } from 'express';
import { GatewayEnv, parseTrustProxy } from './config/gateway.env';
import { AuthError, authErrorStatuses } from './modules/auth/auth.errors';
import { MergedOpenApi } from './modules/docs/merged-openapi';
import { ProxyService } from './modules/proxy/proxy.service';
import { UserError, userErrorStatuses } from './modules/users/users.errors';
import { securityHeaders } from './security-headers';

export const gatewayServiceOptions: ServiceOptions = {
  name: 'gateway',
  // Forwarded bodies stream through untouched; only the gateway's own routes parse JSON.
  bodyParser: false,
  ownDocs: true,
  gatewayIdentity: false,
  domainErrors: [mapErrors(AuthError, authErrorStatuses), mapErrors(UserError, userErrorStatuses)],
  configure: (app) => {
    const config = app.get(ConfigService<GatewayEnv, true>);
    // req.ip (login throttling) and req.secure (HSTS) believe X-Forwarded-* only from these.
    const trustProxy = config.get('TRUST_PROXY', { infer: true });
    (app as NestExpressApplication).set(
      'trust proxy',
      trustProxy ? parseTrustProxy(trustProxy) : false,
    );
    app.use(securityHeaders);
    app.use('/api/v1', app.get(ProxyService).handle);
    const web = resolve(config.get('WEB_DIST_DIR'));
    if (existsSync(join(web, 'index.html')))
      app.use(serveStatic(web, { index: 'index.html', maxAge: '1h' }));
    app.use(
      ['/api/v1/auth', '/api/v1/tenants', '/api/v1/users'],
      json({ limit: '100kb', verify: verifyJsonDepth }),
    );
    const doc = withBodyProblems(
      SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setTitle('QA call-evaluation platform')
          .setDescription('The public API. Forwarded routes are served by the owning service.')
          .setVersion('1')
          .addBearerAuth()
          .build(),
      ),
    );
    const merged = new MergedOpenApi({
      ingestion: config.get('INGESTION_URL'),
      scoring: config.get('SCORING_URL'),
      complaints: config.get('COMPLAINTS_URL'),
      kpi: config.get('KPI_URL'),
      coaching: config.get('COACHING_URL'),
    });
    SwaggerModule.setup('docs', app, doc, {
      jsonDocumentUrl: 'docs-json',
      patchDocumentOnRequest: (_req, _res, own) => merged.document(own),
    });
  },
};
