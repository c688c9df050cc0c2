import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { SystemScope } from '@canbo/access';
import { Where } from '@canbo/platform';
import { RemovalProposal } from './removal-proposal.entity';
import { ProposalStatus } from './removal-proposal-transitions';

export type ProposalDraft = Pick<RemovalProposal, 'cycleId' | 'nominationId' | 'reason' | 'grounds' | 'rulesOn' | 'findings'>;

/** Removal proposals; read through their cycle (the caller's read of it is checked first; row-level security holds the rest). */
@Injectable()
export class RemovalProposalRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /** Approved cycles with a live nomination, by id after `after`: what the daily scan walks (system work). */
  async approvedCycles(system: SystemScope, after: string | null, limit: number): Promise<string[]> {
    const where = new Where()
      .andNamed(system.sql, system.params)
      .and(`y.state = 'approved'`)
      .and(`EXISTS (SELECT 1 FROM planning_nomination n WHERE n.cycle_id = y.id AND n.status = 'active')`);
    if (after) where.and('y.id > ?', after);
    const rows: { id: string }[] = await this.tx.query(
      `SELECT y.id FROM planning_cycle y WHERE ${where} ORDER BY y.id LIMIT ${limit}`,
      where.params,
    );
    return rows.map((r) => r.id);
  }

  /** Adds what is not proposed yet: an open proposal for the same nomination and reason, or the same grounds, adds nothing. */
  async addMany(drafts: readonly ProposalDraft[]): Promise<RemovalProposal[]> {
    if (drafts.length === 0) return [];
    const { raw } = await this.tx
      .getRepository(RemovalProposal)
      .createQueryBuilder()
      .insert()
      .values(drafts.map((d) => ({ ...d, status: 'open' as const })))
      .orIgnore()
      .returning('id')
      .execute();
    const ids = (raw as { id: string }[]).map((r) => r.id);
    return ids.length === 0 ? [] : this.tx.getRepository(RemovalProposal).find({ where: ids.map((id) => ({ id })) });
  }

  list(cycleId: string, status?: ProposalStatus): Promise<RemovalProposal[]> {
    return this.tx
      .getRepository(RemovalProposal)
      .find({ where: status ? { cycleId, status } : { cycleId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  proposal(cycleId: string, id: string, options: { lock?: boolean } = {}): Promise<RemovalProposal | null> {
    return this.tx
      .getRepository(RemovalProposal)
      .findOne({ where: { id, cycleId }, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** A nomination's proposals still open, locked (a removal by hand carries them out). */
  openOf(nominationId: string): Promise<RemovalProposal[]> {
    return this.tx
      .getRepository(RemovalProposal)
      .find({ where: { nominationId, status: 'open' }, order: { createdAt: 'ASC' }, lock: { mode: 'pessimistic_write' as const } });
  }

  async decide(id: string, patch: Pick<RemovalProposal, 'status' | 'decidedBy' | 'decisionReason'>): Promise<RemovalProposal> {
    await this.tx.getRepository(RemovalProposal).update({ id }, { ...patch, decidedAt: () => 'now()' });
    return this.tx.getRepository(RemovalProposal).findOneByOrFail({ id });
  }
}
