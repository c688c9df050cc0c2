import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AuditChainHead } from './audit-chain-head.entity';
import { AuditEvent } from './audit-event.entity';

/** An event as appended to its chain: the committee, time and request are the batch's. */
export type AppendedLink = Pick<AuditEvent, 'seq' | 'actorId' | 'entityType' | 'entityId' | 'action' | 'changes' | 'prevHash' | 'hash'>;

/**
 * Appending to a committee's chain, on every write's path (inside the writer's transaction): lock the
 * head, insert the new links in one statement, move the head. Hand-written, three statements per
 * committee whatever the number of events.
 */
@Injectable()
export class AuditChainRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** The committee's head, locked until the transaction ends; undefined when it has none. */
  async lockHead(committeeId: string): Promise<Pick<AuditChainHead, 'seq' | 'hash'> | undefined> {
    const [head]: Pick<AuditChainHead, 'seq' | 'hash'>[] = await this.txHost.tx.query(
      `SELECT seq::text AS seq, hash FROM audit_chain_head WHERE committee_id = $1 FOR UPDATE`,
      [committeeId],
    );
    return head;
  }

  async append(committeeId: string, occurredAt: Date, requestId: string | null, links: readonly AppendedLink[]): Promise<void> {
    const col = <K extends keyof AppendedLink>(k: K) => links.map((l) => l[k]);
    await this.txHost.tx.query(
      `INSERT INTO audit_event (committee_id, seq, occurred_at, actor_id, entity_type, entity_id, action, changes, request_id, prev_hash, hash)
         SELECT $1, t.seq, $2, t.actor_id, t.entity_type, t.entity_id, t.action, t.changes, $3, t.prev_hash, t.hash
           FROM unnest($4::bigint[], $5::uuid[], $6::text[], $7::uuid[], $8::text[], $9::jsonb[], $10::text[], $11::text[])
             AS t(seq, actor_id, entity_type, entity_id, action, changes, prev_hash, hash)`,
      [
        committeeId,
        occurredAt,
        requestId,
        col('seq'),
        col('actorId'),
        col('entityType'),
        col('entityId'),
        col('action'),
        links.map((l) => JSON.stringify(l.changes)),
        col('prevHash'),
        col('hash'),
      ],
    );
  }

  /** Moves the head onto the last appended link (a trigger checks that it continues the chain). */
  async advanceHead(committeeId: string, head: Pick<AuditChainHead, 'seq' | 'hash'>): Promise<void> {
    await this.txHost.tx.query(`UPDATE audit_chain_head SET seq = $2, hash = $3 WHERE committee_id = $1`, [
      committeeId,
      head.seq,
      head.hash,
    ]);
  }
}
