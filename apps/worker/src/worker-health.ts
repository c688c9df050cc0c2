import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import { createServer, Server } from 'node:http';
import { AppConfig, RedisHealthIndicator } from '@canbo/platform';
import { MaintenanceProcessor } from './maintenance.processor';

/**
 * The worker serves no API; orchestration still needs to know it is alive and connected, so it
 * answers `/health/live` and `/health/ready` on a small plain HTTP listener.
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: Server | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly maintenance: MaintenanceProcessor,
  ) {}

  async ready(): Promise<{ status: 'ok' | 'error'; info: Record<string, unknown> }> {
    // The API's readiness checks (HealthController), without its HTTP server.
    const { postgres } = await this.db.pingCheck('postgres', { timeout: 1500 });
    const { redis } = await this.redis.check('redis');
    const worker = {
      status: this.maintenance.worker?.isRunning() ? 'up' : 'down',
      lastHeartbeatAt: this.maintenance.lastHeartbeatAt ?? null,
    };
    const info = { postgres, redis, worker };
    return { status: Object.values(info).every((i) => i.status === 'up') ? 'ok' : 'error', info };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.WORKER_HEALTH_PORT === 0) return;
    this.server = createServer((req, res) => {
      const send = (code: number, body: unknown) => res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url === '/health/live') return send(200, { status: 'ok' });
      if (req.url === '/health/ready') return void this.ready().then((r) => send(r.status === 'ok' ? 200 : 503, r));
      send(404, { status: 404 });
    });
    await new Promise<void>((resolve) => this.server?.listen(this.config.WORKER_HEALTH_PORT, '127.0.0.1', resolve));
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}
