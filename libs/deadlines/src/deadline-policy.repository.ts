import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DeadlinePolicy } from './deadline-policy.entity';

/** Reminder policies: national reference data (no tenant scope), cold CRUD through the entity. */
@Injectable()
export class DeadlinePolicyRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get policies() {
    return this.txHost.tx.getRepository(DeadlinePolicy);
  }

  all(): Promise<DeadlinePolicy[]> {
    return this.policies.find({ order: { kind: 'ASC' } });
  }

  exists(kind: string): Promise<boolean> {
    return this.policies.existsBy({ kind });
  }

  async find(kind: string, options: { lock?: boolean } = {}): Promise<DeadlinePolicy | null> {
    return this.policies.findOne({ where: { kind }, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** The version and the update time move with the change (the entity's columns). */
  async update(kind: string, change: Pick<DeadlinePolicy, 'remindDays' | 'escalateAfterDays'>): Promise<DeadlinePolicy> {
    await this.policies.update({ kind }, change);
    return this.policies.findOneByOrFail({ kind });
  }
}
