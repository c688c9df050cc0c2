import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AuditChainHead } from './audit-chain-head.entity';
import { AuditEvent } from './audit-event.entity';

/** An event as appended to its chain: the committee, time and request are the batch's. */
export type AppendedLink = Pick<AuditEvent, 'seq' | 'actorId' | 'entityType' | 'entityId' | 'action' | 'changes' | 'prevHash' | 'hash'>;

/**
 * Appending to committees' chains, on every write's path (inside the writer's transaction): lock the
 * heads, insert the new links in one statement, move the heads. Hand-written, three statements whatever
 * the number of committees and events (a job closing a vote opens deadlines in two hundred committees).
 */
@Injectable()
export class AuditChainRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /**
   * The committees' heads, locked until the transaction ends, in committee id order (the locks are taken
   * in the sorted rows' order, so two writers never wait on each other crosswise); a committee without a
   * head is missing from the map.
   */
  async lockHeads(committeeIds: readonly string[]): Promise<Map<string, Pick<AuditChainHead, 'seq' | 'hash'>>> {
    const rows: (Pick<AuditChainHead, 'seq' | 'hash'> & { committeeId: string })[] = await this.txHost.tx.query(
      `SELECT committee_id AS "committeeId", seq::text AS seq, hash FROM audit_chain_head
        WHERE committee_id = ANY($1::uuid[]) ORDER BY committee_id FOR UPDATE`,
      [committeeIds],
    );
    return new Map(rows.map(({ committeeId, seq, hash }) => [committeeId, { seq, hash }]));
  }

  /** The links, each committee's in its chain's order, in one INSERT. */
  async append(occurredAt: Date, requestId: string | null, links: readonly (AppendedLink & { committeeId: string })[]): Promise<void> {
    const col = <K extends keyof (AppendedLink & { committeeId: string })>(k: K) => links.map((l) => l[k]);
    await this.txHost.tx.query(
      `INSERT INTO audit_event (committee_id, seq, occurred_at, actor_id, entity_type, entity_id, action, changes, request_id, prev_hash, hash)
         SELECT t.committee_id, t.seq, $1, t.actor_id, t.entity_type, t.entity_id, t.action, t.changes, $2, t.prev_hash, t.hash
           FROM unnest($3::uuid[], $4::bigint[], $5::uuid[], $6::text[], $7::uuid[], $8::text[], $9::jsonb[], $10::text[], $11::text[])
             WITH ORDINALITY AS t(committee_id, seq, actor_id, entity_type, entity_id, action, changes, prev_hash, hash, n)
          ORDER BY t.n`,
      [
        occurredAt,
        requestId,
        col('committeeId'),
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

  /** Moves each committee's head onto its last appended link (a trigger checks that it continues the chain). */
  async advanceHeads(heads: readonly (Pick<AuditChainHead, 'seq' | 'hash'> & { committeeId: string })[]): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE audit_chain_head h SET seq = t.seq, hash = t.hash
         FROM unnest($1::uuid[], $2::bigint[], $3::text[]) AS t(committee_id, seq, hash)
        WHERE h.committee_id = t.committee_id`,
      [heads.map((h) => h.committeeId), heads.map((h) => h.seq), heads.map((h) => h.hash)],
    );
  }
}
