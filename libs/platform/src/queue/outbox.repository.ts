import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { In, IsNull, Repository } from 'typeorm';
import { OutboxEntry } from './outbox-entry.entity';

/** A pending row as the relay hands it to BullMQ. */
export type PendingJob = Pick<OutboxEntry, 'id' | 'queue' | 'name' | 'version' | 'jobId' | 'payload'>;

/**
 * The `outbox` table, always inside the current transaction: business code writes its jobs with its own
 * change, the relay claims, sends and marks them. Infrastructure, no committee's rows (no row-level security).
 */
@Injectable()
export class OutboxRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get entries(): Repository<OutboxEntry> {
    return this.txHost.tx.getRepository(OutboxEntry);
  }

  /** Jobs of one kind in one statement (a fan-out of any size); a job id already there is left as it is. */
  async add(kind: Pick<OutboxEntry, 'queue' | 'name' | 'version'>, jobs: readonly Pick<OutboxEntry, 'jobId' | 'payload'>[]): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO outbox (queue, name, version, job_id, payload)
       SELECT $1, $2, $3, j, p FROM unnest($4::text[], $5::jsonb[]) AS t(j, p)
       ON CONFLICT (job_id) DO NOTHING`,
      [kind.queue, kind.name, kind.version, jobs.map((j) => j.jobId), jobs.map((j) => JSON.stringify(j.payload))],
    );
  }

  /**
   * The oldest pending rows, locked until the transaction ends; rows another relay holds are skipped
   * (`SKIP LOCKED`), so any number of worker replicas share the work.
   */
  claimPending(limit: number): Promise<PendingJob[]> {
    return this.entries.find({
      select: { id: true, queue: true, name: true, version: true, jobId: true, payload: true },
      where: { sentAt: IsNull() },
      order: { id: 'ASC' },
      take: limit,
      lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
    });
  }

  async markSent(ids: readonly string[]): Promise<void> {
    await this.entries.update({ id: In(ids) }, { sentAt: () => 'now()', attempts: () => 'attempts + 1', lastError: null });
  }

  /** The rows stay pending; the error is kept for operators. */
  async markFailed(ids: readonly string[], error: string): Promise<void> {
    await this.entries.update({ id: In(ids) }, { attempts: () => 'attempts + 1', lastError: error });
  }
}
