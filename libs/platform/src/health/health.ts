import { Controller, Get, Injectable, Module, OnModuleDestroy, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TerminusModule, TypeOrmHealthIndicator } from '@nestjs/terminus';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { Public } from '../http/public';
import { redisConnection } from '../queue/redis';

@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    config: AppConfig,
    private readonly indicators: HealthIndicatorService,
  ) {
    // Fail fast: readiness must answer "down" quickly while Redis is away, not queue the PING.
    this.redis = new Redis({ ...redisConnection(config.REDIS_URL), lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  }

  async check(key = 'redis') {
    const session = this.indicators.check(key);
    try {
      if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect().catch(() => undefined);
      await this.redis.ping();
      return session.up();
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

/** `live`: the process answers. `ready`: PostgreSQL and Redis answer too (503 when either does not). */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get('live')
  @Public()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  async ready(@Res({ passthrough: true }) reply: { status(code: number): unknown }) {
    try {
      return await this.health.check([() => this.db.pingCheck('postgres', { timeout: 1500 }), () => this.redis.check('redis')]);
    } catch (error) {
      // Orchestrators read terminus' own body (which dependency is down), not a problem document.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      reply.status(503);
      return error.getResponse();
    }
  }
}

@Module({ imports: [TerminusModule], controllers: [HealthController], providers: [RedisHealthIndicator] })
export class HealthModule {}
