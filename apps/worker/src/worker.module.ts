import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { DynamicModule, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Queue } from 'bullmq';
import { AppConfig, ConfigModule, DatabaseModule, Jobs, LoggingModule, OutboxRelay, QueueName, RedisHealthIndicator, redisConnection } from '@canbo/platform';
import { MaintenanceProcessor } from './maintenance.processor';
import { WorkerHealthServer } from './worker-health';

/** Every job of the catalogue has exactly one handler, or the worker refuses to start. */
export function checkHandlers(handlers: readonly (readonly string[])[]): void {
  const all = handlers.flat();
  const duplicated = all.filter((name, i) => all.indexOf(name) !== i);
  const missing = Object.values(Jobs).map((j) => j.name).filter((name) => !all.includes(name));
  if (duplicated.length || missing.length)
    throw new Error(`Job handlers: ${missing.length ? `none for ${missing.join(', ')}` : ''}${duplicated.length ? ` more than one for ${duplicated.join(', ')}` : ''}`);
}

/** Schedules the recurring jobs; upsert by a stable id, so any number of replicas make one schedule. */
@Injectable()
class Schedules implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Maintenance) private readonly maintenance: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.maintenance.upsertJobScheduler('heartbeat', { every: 60_000 }, { name: 'heartbeat', opts: { removeOnComplete: 100, removeOnFail: 100 } });
  }
}

@Module({})
export class WorkerModule {
  static register(env: Partial<Record<keyof AppConfig, string>> = {}): DynamicModule {
    checkHandlers([MaintenanceProcessor.handles]);
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(env),
        LoggingModule,
        DatabaseModule.forRoot([], { http: false }),
        TerminusModule,
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({ connection: redisConnection(config.REDIS_URL), prefix: config.QUEUE_PREFIX }),
        }),
        BullModule.registerQueue({ name: QueueName.Maintenance }),
      ],
      providers: [MaintenanceProcessor, Schedules, OutboxRelay, RedisHealthIndicator, WorkerHealthServer],
    };
  }
}
