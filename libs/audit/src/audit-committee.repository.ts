import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { SqlScope } from '@canbo/access';
import { Where } from '@canbo/platform';

/** The columns of `committee c` that `accessibleBy(…, 'Committee', …)` scopes name. */
export const COMMITTEE_COLUMNS = { id: 'c.id', pre: 'c.pre' } as const;

/** A committee and its pre-order interval (its subtree is `pre … lastPre`). */
export interface CommitteeInterval {
  id: string;
  pre: number;
  lastPre: number;
}

/** The statement that reads a committee's interval in `scope` (COMMITTEE_COLUMNS); the chain walk runs it on its own connection. */
export function committeeIntervalQuery(scope: SqlScope, id: string): { sql: string; params: unknown[] } {
  const where = new Where().and('c.id = ?', id).andNamed(scope.sql, scope.params);
  return { sql: `SELECT c.pre::text AS pre, c.last_pre::text AS last_pre FROM committee c WHERE ${where}`, params: where.params };
}

/** The rows of committeeIntervalQuery as an interval (undefined: no such committee in scope). */
export function committeeIntervalOf(id: string, [row]: { pre: string; last_pre: string }[]): CommitteeInterval | undefined {
  return row && { id, pre: Number(row.pre), lastPre: Number(row.last_pre) };
}

/**
 * The committees the audit lib needs to know of: the one a filter or a check names, and the root whose
 * chain system events join. Read here because the committees lib records its own changes through this
 * lib, so it cannot be asked.
 */
@Injectable()
export class AuditCommitteeRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** The committee with its interval, or undefined when there is none in `scope` (COMMITTEE_COLUMNS). */
  async interval(scope: SqlScope, id: string): Promise<CommitteeInterval | undefined> {
    const query = committeeIntervalQuery(scope, id);
    return committeeIntervalOf(id, await this.txHost.tx.query(query.sql, query.params));
  }

  /** The id of the root committee in `scope` (COMMITTEE_COLUMNS). */
  async root(scope: SqlScope): Promise<string | undefined> {
    const where = new Where().and('c.parent_id IS NULL').andNamed(scope.sql, scope.params);
    const [row]: { id: string }[] = await this.txHost.tx.query(
      `SELECT c.id FROM committee c WHERE ${where} ORDER BY c.pre LIMIT 1`,
      where.params,
    );
    return row?.id;
  }
}
