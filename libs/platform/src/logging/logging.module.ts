import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { requestIdOf } from './request-id';

/**
 * JSON logs through pino with the request id on every line. Bodies are never logged, and the
 * headers that carry credentials are redacted: cadre files are personal data.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          // The HTTP server assigns the id and echoes it (apps/api); the logger only reads it.
          genReqId: (req) => requestIdOf(req),
          redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
          },
          autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
        },
      }),
    }),
  ],
  exports: [LoggerModule],
})
export class LoggingModule {}
