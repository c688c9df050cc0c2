import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { DynamicModule, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Queue } from 'bullmq';
import { AppointmentsModule } from '@canbo/appointments';
import { AuditModule } from '@canbo/audit';
import { DeadlinesModule } from '@canbo/deadlines';
import { NotificationsModule } from '@canbo/notifications';
import { VotesModule } from '@canbo/votes';
import { PlanningModule } from '@canbo/planning';
import { RotationModule } from '@canbo/rotation';
import {
  AppConfig,
  ConfigModule,
  DatabaseModule,
  Jobs,
  LoggingModule,
  OutboxRelay,
  QueueName,
  RedisHealthIndicator,
  jobIdOf,
  redisConnection,
} from '@canbo/platform';
import { DeadlinesProcessor } from './deadlines.processor';
import { MaintenanceProcessor } from './maintenance.processor';
import { NotificationsProcessor } from './notifications.processor';
import { WorkerHealthServer } from './worker-health';

const PROCESSORS = [MaintenanceProcessor, DeadlinesProcessor, NotificationsProcessor];

/** Every job of the catalogue has exactly one handler, or the worker refuses to start. */
export function checkHandlers(handlers: readonly (readonly string[])[]): void {
  const all = handlers.flat();
  const duplicated = all.filter((name, i) => all.indexOf(name) !== i);
  const missing = Object.values(Jobs)
    .map((j) => j.name)
    .filter((name) => !all.includes(name));
  if (duplicated.length || missing.length)
    throw new Error(
      `Job handlers: ${missing.length ? `none for ${missing.join(', ')}` : ''}${duplicated.length ? ` more than one for ${duplicated.join(', ')}` : ''}`,
    );
}

/** Schedules the recurring jobs; upsert by a stable id, so any number of replicas make one schedule. */
@Injectable()
class Schedules implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.Maintenance) private readonly maintenance: Queue,
    @InjectQueue(QueueName.Deadlines) private readonly deadlines: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.maintenance.upsertJobScheduler(
      'heartbeat',
      { every: 60_000 },
      { name: 'heartbeat', opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
    const checkpoint = { name: Jobs.auditCheckpoint.name, data: { v: Jobs.auditCheckpoint.version, payload: {} } };
    await this.maintenance.upsertJobScheduler(
      'audit-checkpoint',
      { pattern: this.config.AUDIT_CHECKPOINT_CRON, tz: 'Asia/Ho_Chi_Minh' },
      {
        ...checkpoint,
        opts: {
          attempts: Jobs.auditCheckpoint.attempts,
          backoff: { type: 'exponential', delay: 1_000 },
          removeOnComplete: 100,
          removeOnFail: 100,
        },
      },
    );
    // And one at start (per Vietnamese day), so a worker that was down at the scheduled hour still takes the
    // day's checkpoint; the job is idempotent, so a boot after it is taken adds nothing.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).replace(/-/g, '');
    await this.maintenance.add(checkpoint.name, checkpoint.data, {
      jobId: jobIdOf(Jobs.auditCheckpoint, `boot-${today}`),
      attempts: Jobs.auditCheckpoint.attempts,
      removeOnComplete: 100,
      removeOnFail: 100,
    });
    const scan = { name: Jobs.scanDeadlines.name, data: { v: Jobs.scanDeadlines.version, payload: {} } };
    await this.deadlines.upsertJobScheduler(
      'scan-deadlines',
      { pattern: this.config.DEADLINE_SCAN_CRON, tz: 'Asia/Ho_Chi_Minh' },
      { ...scan, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
    // Appointments take effect on their effective date: the same daily hour as the scan, and once at start
    // (a run after the day's is done finds nothing to change).
    const takeEffect = { name: Jobs.takeEffectAppointments.name, data: { v: Jobs.takeEffectAppointments.version, payload: {} } };
    await this.deadlines.upsertJobScheduler(
      'take-effect-appointments',
      { pattern: this.config.DEADLINE_SCAN_CRON, tz: 'Asia/Ho_Chi_Minh' },
      { ...takeEffect, opts: { attempts: Jobs.takeEffectAppointments.attempts, removeOnComplete: 100, removeOnFail: 100 } },
    );
    await this.deadlines.add(takeEffect.name, takeEffect.data, {
      jobId: jobIdOf(Jobs.takeEffectAppointments, `boot-${today}`),
      attempts: Jobs.takeEffectAppointments.attempts,
      removeOnComplete: 100,
      removeOnFail: 100,
    });
    // Vote sessions close at their time (to the minute) or as soon as every voter has voted.
    const closeVotes = { name: Jobs.closeVoteSessions.name, data: { v: Jobs.closeVoteSessions.version, payload: {} } };
    await this.deadlines.upsertJobScheduler(
      'close-vote-sessions',
      { every: 60_000 },
      { ...closeVotes, opts: { attempts: Jobs.closeVoteSessions.attempts, removeOnComplete: 100, removeOnFail: 100 } },
    );
    // Planning's removal proposals: the same daily hour, and once at start; a run finds nothing already proposed.
    const removals = { name: Jobs.proposePlanningRemovals.name, data: { v: Jobs.proposePlanningRemovals.version, payload: {} } };
    await this.deadlines.upsertJobScheduler(
      'propose-planning-removals',
      { pattern: this.config.DEADLINE_SCAN_CRON, tz: 'Asia/Ho_Chi_Minh' },
      { ...removals, opts: { attempts: Jobs.proposePlanningRemovals.attempts, removeOnComplete: 100, removeOnFail: 100 } },
    );
    await this.deadlines.add(removals.name, removals.data, {
      jobId: jobIdOf(Jobs.proposePlanningRemovals, `boot-${today}`),
      attempts: Jobs.proposePlanningRemovals.attempts,
      removeOnComplete: 100,
      removeOnFail: 100,
    });
    // Rotations start on their start date: the same daily hour, and once at start; a second run finds nothing to move.
    const startRotations = { name: Jobs.startRotations.name, data: { v: Jobs.startRotations.version, payload: {} } };
    await this.deadlines.upsertJobScheduler(
      'start-rotations',
      { pattern: this.config.DEADLINE_SCAN_CRON, tz: 'Asia/Ho_Chi_Minh' },
      { ...startRotations, opts: { attempts: Jobs.startRotations.attempts, removeOnComplete: 100, removeOnFail: 100 } },
    );
    await this.deadlines.add(startRotations.name, startRotations.data, {
      jobId: jobIdOf(Jobs.startRotations, `boot-${today}`),
      attempts: Jobs.startRotations.attempts,
      removeOnComplete: 100,
      removeOnFail: 100,
    });
    // And a scan at start, so a worker that was down at the scheduled hour catches up (replicas starting
    // in the same minute share one; a second scan would find nothing new anyway).
    const minute = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');
    await this.deadlines.add(scan.name, scan.data, {
      jobId: jobIdOf(Jobs.scanDeadlines, `boot-${minute}`),
      attempts: Jobs.scanDeadlines.attempts,
      removeOnComplete: 100,
      removeOnFail: 100,
    });
  }
}

@Module({})
export class WorkerModule {
  static register(env: Partial<Record<keyof AppConfig, string>> = {}): DynamicModule {
    checkHandlers(PROCESSORS.map((p) => p.handles));
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(env),
        LoggingModule,
        DatabaseModule.forRoot({ http: false }),
        TerminusModule,
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({ connection: redisConnection(config.REDIS_URL), prefix: config.QUEUE_PREFIX }),
        }),
        ...Object.values(QueueName).map((name) => BullModule.registerQueue({ name })),
        AuditModule,
        NotificationsModule,
        DeadlinesModule,
        AppointmentsModule,
        VotesModule,
        PlanningModule,
        RotationModule,
      ],
      providers: [...PROCESSORS, Schedules, OutboxRelay, RedisHealthIndicator, WorkerHealthServer],
    };
  }
}
