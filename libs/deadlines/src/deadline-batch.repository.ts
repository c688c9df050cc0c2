import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { SqlScope } from '@canbo/access';
import { Where } from '@canbo/platform';
import { DeadlineBatch } from './deadline-batch.entity';

/** The columns a DeadlineBatch scope (`accessibleBy(…, 'DeadlineBatch', DEADLINE_BATCH_COLUMNS)`) names in `find`. */
export const DEADLINE_BATCH_COLUMNS = { committeePre: 'c.pre' } as const;

export type DeadlineBatchRow = Omit<DeadlineBatch, 'createdBy'> & {
  /** The board's pre-order number (bigint, as PostgreSQL returns it). */
  committeePre: string;
};

@Injectable()
export class DeadlineBatchRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async add(batch: Pick<DeadlineBatch, 'committeeId' | 'kind' | 'title' | 'dueOn' | 'levelCode' | 'createdBy'>): Promise<string> {
    const { identifiers } = await this.txHost.tx.getRepository(DeadlineBatch).insert(batch);
    return identifiers[0].id as string;
  }

  async find(scope: SqlScope, id: string): Promise<DeadlineBatchRow | undefined> {
    const where = new Where().and('b.id = ?', id).andNamed(scope.sql, scope.params);
    const [row]: DeadlineBatchRow[] = await this.txHost.tx.query(
      `SELECT b.id, b.committee_id AS "committeeId", c.pre AS "committeePre", b.level_code AS "levelCode", b.kind, b.title,
              to_char(b.due_on, 'YYYY-MM-DD') AS "dueOn", b.created_at AS "createdAt"
         FROM deadline_batch b JOIN committee c ON c.id = b.committee_id WHERE ${where}`,
      where.params,
    );
    return row;
  }
}
