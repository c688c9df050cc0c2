import type { IncomingMessage } from 'node:http';
import multipart from '@fastify/multipart';
import helmet from 'helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig, correlationIdOf, loadConfig, requestIdOf } from '@canbo/platform';
import { ApiModule } from './api.module';
import { QueueDashboard } from './queue-dashboard';

/** The routes that take an upload (libs/cadres CadreImportController). */
const MULTIPART_ROUTES = new Set(['/api/v1/cadres/import']);

/**
 * Builds the API application (used by main.ts and by the end-to-end tests, so both run the same app).
 * `env` overrides the process environment, which lets each test suite point at its own database.
 */
export async function createApiApp(
  env: Partial<Record<keyof AppConfig, string>> = {},
  options: { logger?: boolean } = {},
): Promise<NestFastifyApplication> {
  // Read before the app exists: the HTTP server's own options depend on it (ConfigModule validates the same).
  const { TRUST_PROXY } = loadConfig({ ...process.env, ...env });
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.register(env),
    new FastifyAdapter({
      bodyLimit: 2 * 1024 * 1024,
      trustProxy: TRUST_PROXY,
      // Our own request id (always a server-made UUID, see requestIdOf) instead of Fastify's per-process counter.
      requestIdHeader: false,
      genReqId: (req: object) => requestIdOf(req as IncomingMessage),
    }),
    // JSON only: Nest's extra form parser turned a JSON body sent without its content type into one
    // "field" named after the whole raw body (password included), which validation then echoed.
    { bufferLogs: true, bodyParser: false, logger: options.logger === false ? false : undefined },
  );
  if (options.logger !== false) app.useLogger(app.get(Logger));
  const config = app.get(AppConfig);
  const fastify = app.getHttpAdapter().getInstance();
  // Fastify's own JSON parser stays; its text/plain one goes, so any body that is not JSON is a 415.
  fastify.removeContentTypeParser('text/plain');
  // Uploads (multipart/form-data) only where a route reads them: everywhere else such a body stays a 415,
  // as before the parser existed (an unread multipart body would otherwise reach a JSON route as no body).
  await app.register(multipart as never, { limits: { files: 1 } });
  fastify.addHook('preValidation', async (request) => {
    if (request.isMultipart() && !MULTIPART_ROUTES.has(request.routeOptions.url ?? ''))
      throw Object.assign(new Error(`Unsupported Media Type: ${request.headers['content-type']?.split(';')[0]}`), { statusCode: 415 });
  });
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    const correlationId = correlationIdOf(request.headers);
    if (correlationId) reply.header('x-correlation-id', correlationId);
  });

  // helmet's middleware built once and run on the raw response (the Fastify wrapper rebuilt it per request).
  const securityHeaders = helmet({
    // Swagger UI needs inline scripts and styles on its own page; everything else keeps the strict default.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) =>
      securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
    );
  app.enableCors({
    origin: [config.PORTAL_ORIGIN],
    // Every verb the API has: @fastify/cors allows only GET, HEAD and POST unless told, so the portal's
    // PATCH (a cadre file, with If-Match) and PUT (a reminder policy) failed their preflight.
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    credentials: true,
    // content-disposition: the file name of an Excel export, which the portal saves it under.
    exposedHeaders: ['x-request-id', 'x-correlation-id', 'retry-after', 'etag', 'content-disposition'],
  });
  app.enableShutdownHooks();
  // Bull Board for operators at /admin/queues; the CSP above already allows its inline styles.
  await app.get(QueueDashboard).mount(app);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Canbo API')
      .setDescription(
        'Cadre files, planning, appraisal, appointments, rotation and confidence votes for party committees. Errors are RFC 9457 problem+json.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
