import type { IncomingHttpHeaders } from 'node:http';
import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { redactedUrl } from './redacted-url';
import { correlationIdOf, requestIdOf } from './request-id';

/**
 * JSON logs through pino with the request id on every line. Bodies are never logged, the headers
 * that carry credentials are redacted, and so are search values in the URL: cadre files are personal data.
 */
/**
 * Requests never logged: health probes (noise), and casting a ballot in a confidence vote, whose log
 * line's time would be the link between a ballot and the voter who received it a moment before
 * (README, "Ballot secrecy").
 */
const UNLOGGED = [/^\/health/, /^(\/api\/v\d+)?\/vote-sessions\/[^/?]+\/ballots(\?|$)/];
export const isUnlogged = (url: string): boolean => UNLOGGED.some((pattern) => pattern.test(url));

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // Every route. (nestjs-pino's default, `{/*splat}`, matches no route of this app under Fastify:
        // no request was logged at all.)
        forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.LOG_LEVEL,
          // The HTTP server assigns the id (apps/api); the logger only reads it.
          genReqId: (req) => requestIdOf(req),
          redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          serializers: {
            // The caller's own x-request-id, when sane, is logged beside ours so a trace can cross services.
            req: (req: { id: string; method: string; url: string; headers?: IncomingHttpHeaders }) => ({
              id: req.id,
              method: req.method,
              url: redactedUrl(req.url),
              correlationId: req.headers ? correlationIdOf(req.headers) : undefined,
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          // Behind Nest's middleware mount, `url` can be relative to it; `originalUrl` is the request's own.
          autoLogging: { ignore: (req) => isUnlogged((req as { originalUrl?: string }).originalUrl ?? req.url ?? '') },
        },
      }),
    }),
  ],
  exports: [LoggerModule],
})
export class LoggingModule {}
