import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { SqlScope, SystemScope } from '@canbo/access';
import { CommitteeRange, Where } from '@canbo/platform';
import { AuditEvent } from './audit-event.entity';
import { COMMITTEE_COLUMNS, CommitteeInterval, committeeIntervalOf, committeeIntervalQuery } from './audit-committee.repository';

/** A committee's chain to walk: its head, and the head the checkpoint compared against recorded (null: none). */
export interface ChainToVerify {
  committeeId: string;
  committeeCode: string;
  headSeq: string | null;
  headHash: string | null;
  checkpointSeq: string | null;
  checkpointHash: string | null;
}

/** An event as the walk recomputes its link. */
export type WalkedLink = Omit<AuditEvent, 'committeeId'>;

/** One connection's statements: a pg client's (the CLI, tests) or a TypeORM query runner's (the worker). */
interface Connection {
  query<T>(text: string, values?: unknown[]): Promise<T[]>;
  release(): Promise<void> | void;
}

async function connect(db: Pool | DataSource): Promise<Connection> {
  if ('createQueryRunner' in db) {
    // The app's own pool: the statements run under the context's row-level-security scope (the worker's: the system's).
    const runner = db.createQueryRunner();
    await runner.connect();
    return { query: (text, values) => runner.query(text, values), release: () => runner.release() };
  }
  const client = await db.connect();
  return {
    query: async <T>(text: string, values?: unknown[]) => (await client.query(text, values)).rows as T[],
    release: () => client.release(),
  };
}

/**
 * The audit chains as one snapshot shows them, for the walk that verifies them (verifyAuditChains): a
 * REPEATABLE READ, READ ONLY transaction on a connection of its own, since a head read before a
 * concurrent write and the events read after it would not match, and a live system is written to all
 * the time.
 */
export class AuditChainSnapshot {
  private constructor(private readonly db: Connection) {}

  static async read<T>(db: Pool | DataSource, walk: (snapshot: AuditChainSnapshot) => Promise<T>): Promise<T> {
    const connection = await connect(db);
    try {
      await connection.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await walk(new AuditChainSnapshot(connection));
      await connection.query('COMMIT');
      return result;
    } catch (error) {
      await connection.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await connection.release();
    }
  }

  /** The day (YYYY-MM-DD) of the latest checkpoint, or null when none has been taken yet. */
  async latestCheckpoint(): Promise<string | null> {
    const [cp] = await this.db.query<{ taken_on: string }>(
      `SELECT to_char(taken_on, 'YYYY-MM-DD') AS taken_on FROM audit_checkpoint ORDER BY taken_on DESC LIMIT 1`,
    );
    return cp?.taken_on ?? null;
  }

  /** A committee and its interval in `scope` (COMMITTEE_COLUMNS), as of the snapshot. */
  async interval(scope: SqlScope, id: string): Promise<CommitteeInterval | undefined> {
    const query = committeeIntervalQuery(scope, id);
    return committeeIntervalOf(id, await this.db.query(query.sql, query.params));
  }

  /**
   * The chains of the committees in `scope` (COMMITTEE_COLUMNS) and `range` (none: every committee), in
   * tree order. From `committee`, never from the audit tables, so a chain removed with its head is still expected.
   */
  async chains(scope: SqlScope, checkpoint: string | null, range: CommitteeRange | undefined): Promise<ChainToVerify[]> {
    const where = new Where();
    const takenOn = where.bind(checkpoint);
    where.andNamed(scope.sql, scope.params).andCommittee(COMMITTEE_COLUMNS, range);
    return this.db.query<ChainToVerify>(
      `SELECT c.id AS "committeeId", c.code AS "committeeCode", h.seq::text AS "headSeq", h.hash AS "headHash", k.seq::text AS "checkpointSeq", k.hash AS "checkpointHash"
         FROM committee c
         LEFT JOIN audit_chain_head h ON h.committee_id = c.id
         LEFT JOIN audit_checkpoint_head k ON k.committee_id = c.id AND k.taken_on = ${takenOn}::date
        WHERE ${where}
        ORDER BY c.pre`,
      where.params,
    );
  }

  /** Up to `limit` events of a chain after `afterSeq`, in chain order. */
  links(chain: ChainToVerify, afterSeq: string, limit: number): Promise<WalkedLink[]> {
    return this.db.query<WalkedLink>(
      `SELECT id, seq::text AS seq, occurred_at AS "occurredAt", actor_id AS "actorId", entity_type AS "entityType", entity_id AS "entityId", action, changes,
              request_id AS "requestId", prev_hash AS "prevHash", hash
         FROM audit_event e WHERE e.committee_id = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3`,
      [chain.committeeId, afterSeq, limit],
    );
  }

  /**
   * The committees of chains (heads, events, checkpointed heads) whose committee row is gone: removed to
   * hide them. Only the system sees them: no one's scope can name a committee that is not there.
   */
  async ownerless(_scope: SystemScope, checkpoint: string | null): Promise<string[]> {
    const rows = await this.db.query<{ committee_id: string }>(
      `SELECT committee_id FROM audit_chain_head
       UNION SELECT committee_id FROM audit_checkpoint_head WHERE taken_on = $1::date
       UNION SELECT DISTINCT committee_id FROM audit_event
       EXCEPT SELECT id FROM committee`,
      [checkpoint],
    );
    return rows.map((r) => r.committee_id);
  }
}
