import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { SqlScope, SystemScope } from '@canbo/access';
import { CommitteeRange, Sql, Where, givenChanges } from '@canbo/platform';
import { Committee } from './committee.entity';
import { CommitteeLevel } from './committee-level.entity';
import { RENUMBER_SQL, TREE_LOCK_SQL } from './tree-queries';

/** The columns a `Committee` scope (accessibleBy) is written against in this repository's reads. */
export const COMMITTEE_SCOPE_COLUMNS = { id: 'c.id', pre: 'c.pre' };

/** A committee as read for the API and the rules: its row, its level's rank and its path in codes. */
export type CommitteeRecord = Pick<
  Committee,
  | 'id'
  | 'code'
  | 'name'
  | 'levelCode'
  | 'parentId'
  | 'path'
  | 'depth'
  | 'pre'
  | 'lastPre'
  | 'status'
  | 'successorId'
  | 'validFrom'
  | 'validTo'
  | 'version'
> & {
  levelRank: number;
  /** Committee codes from the root down to this one (`TW.TH.TH-NS`). */
  codePath: string;
};

export interface CommitteeListFilter {
  includeDissolved?: boolean;
  parentId?: string;
  level?: string;
  range?: CommitteeRange;
  /** The keyset cursor: the `pre` of the last committee of the previous page. */
  afterPre?: number;
}

/** What a new committee is, once placed: its parent decides its path and depth, the gap its `pre`. */
export interface NewCommittee {
  code: string;
  name: string;
  levelCode: string;
  parent: Pick<CommitteeRecord, 'id' | 'path' | 'depth'>;
  pre: number;
  validFrom?: string;
}

// The read of every committee screen: the path in codes is computed (a recode renames no other row).
const SELECT = `
  SELECT c.id, c.code, c.name, c.level_code AS "levelCode", l.rank AS "levelRank", c.parent_id AS "parentId", c.path::text AS path,
         (SELECT string_agg(a.code, '.' ORDER BY a.depth) FROM committee a WHERE a.path @> c.path) AS "codePath",
         c.depth, c.pre::text AS pre, c.last_pre::text AS "lastPre", c.status, c.successor_id AS "successorId",
         to_char(c.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(c.valid_to, 'YYYY-MM-DD') AS "validTo", c.version
    FROM committee c JOIN committee_level l ON l.code = c.level_code`;

/** A committee as a filter or a reference needs it (CommitteesService's CommitteeRef). */
export type CommitteeRefRow = Pick<
  CommitteeRecord,
  'id' | 'code' | 'name' | 'levelCode' | 'parentId' | 'path' | 'pre' | 'lastPre' | 'status'
>;

/** bigint comes back from pg as text; pre-order numbers stay far below 2^53. */
const parse = (r: CommitteeRecord): CommitteeRecord => ({ ...r, pre: Number(r.pre), lastPre: Number(r.lastPre) });

/**
 * The committee tree's SQL: reads bounded by the caller's scope (committees are the tenants
 * themselves), the cold changes through TypeORM (which keeps `version` and `updated_at`), and the
 * tree's shape (pre-order gaps, ltree paths, renumbering; see tree.ts) in hand-written statements.
 */
@Injectable()
export class CommitteeRepository {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly sql: Sql,
  ) {}

  private get tx() {
    return this.txHost.tx;
  }

  private async select(scope: SqlScope, where: Where, suffix = ''): Promise<CommitteeRecord[]> {
    where.andNamed(scope.sql, scope.params);
    const rows: CommitteeRecord[] = await this.tx.query(`${SELECT} WHERE ${where} ${suffix}`, where.params);
    return rows.map(parse);
  }

  /** One committee within `scope`; `lock` takes its row for the rest of the transaction. */
  async find(scope: SqlScope, id: string, options: { lock?: boolean } = {}): Promise<CommitteeRecord | undefined> {
    const [row] = await this.select(scope, new Where().and('c.id = ?', id), options.lock ? 'FOR UPDATE OF c' : '');
    return row;
  }

  /**
   * One committee within `scope` as other modules' filters need it: without the record's code path,
   * whose ancestor walk runs under row-level security for every committee of the tree (5 ms at the
   * national scale: bench `appraisal-stats` with a committee filter). Every committee filter resolves
   * through it: a named statement (Sql.rows), planned once per connection.
   */
  async findRef(scope: SqlScope, id: string): Promise<CommitteeRefRow | undefined> {
    const where = new Where().and('c.id = ?', id).andNamed(scope.sql, scope.params);
    const [row] = await this.sql.rows<CommitteeRefRow>(
      `SELECT c.id, c.code, c.name, c.level_code AS "levelCode", c.parent_id AS "parentId", c.path::text AS path,
              c.pre::text AS pre, c.last_pre::text AS "lastPre", c.status
         FROM committee c WHERE ${where}`,
      where.params,
    );
    return row && { ...row, pre: Number(row.pre), lastPre: Number(row.lastPre) };
  }

  async findMany(scope: SqlScope, ids: readonly string[]): Promise<CommitteeRecord[]> {
    return this.select(scope, new Where().and('c.id = ANY(?)', ids));
  }

  async children(scope: SqlScope, parentId: string): Promise<CommitteeRecord[]> {
    return this.select(scope, new Where().and('c.parent_id = ?', parentId));
  }

  /** A page in tree (pre-order) order; one row more than `limit` tells there is a next page. */
  async list(scope: SqlScope, filter: CommitteeListFilter, limit: number): Promise<CommitteeRecord[]> {
    const where = new Where();
    if (!filter.includeDissolved) where.and(`c.status = 'active'`);
    if (filter.parentId) where.and('c.parent_id = ?', filter.parentId);
    if (filter.level) where.and('c.level_code = ?', filter.level);
    where.andCommittee(COMMITTEE_SCOPE_COLUMNS, filter.range);
    if (filter.afterPre !== undefined) where.and('c.pre > ?', filter.afterPre);
    return this.select(scope, where, `ORDER BY c.pre LIMIT ${limit + 1}`);
  }

  /** Every level, highest first. */
  async levels(): Promise<Pick<CommitteeLevel, 'code' | 'name' | 'rank'>[]> {
    return this.tx.getRepository(CommitteeLevel).find({ select: { code: true, name: true, rank: true }, order: { rank: 'ASC' } });
  }

  async levelRank(code: string): Promise<number | undefined> {
    return (await this.tx.getRepository(CommitteeLevel).findOneBy({ code }))?.rank;
  }

  /** Takes the tree for the rest of the transaction (see TREE_LOCK_SQL): every change to its shape starts here. */
  async lockTree(): Promise<void> {
    await this.tx.query(TREE_LOCK_SQL);
  }

  /**
   * The first `pre` after `after` anywhere in the tree, seen or not by the caller: where the gap a new
   * leaf may take ends (under the tree lock, which widened the transaction to the whole tree).
   */
  async nextPre(_system: SystemScope, after: number): Promise<number | null> {
    const [r]: { next: string | null }[] = await this.tx.query(`SELECT min(pre)::text AS next FROM committee WHERE pre > $1`, [after]);
    return r.next === null ? null : Number(r.next);
  }

  /** Inserts a leaf under its parent; a taken code fails on `committee_code_key`. Returns its id. */
  async insert(committee: NewCommittee): Promise<string> {
    const [{ node }]: { node: string }[] = await this.tx.query(`SELECT nextval('committee_node_seq')::text AS node`);
    const row = this.tx.getRepository(Committee).create({
      code: committee.code,
      name: committee.name,
      levelCode: committee.levelCode,
      parentId: committee.parent.id,
      nodeNo: node,
      path: `${committee.parent.path}.n${node}`,
      depth: committee.parent.depth + 1,
      pre: committee.pre,
      lastPre: committee.pre,
      validFrom: committee.validFrom,
    });
    await this.tx.getRepository(Committee).insert(row);
    return row.id;
  }

  /** Stretches the interval of every ancestor whose subtree ended where the parent's did to the new leaf's `pre`. */
  async extendAncestors(parent: Pick<CommitteeRecord, 'path' | 'lastPre'>, pre: number): Promise<void> {
    await this.tx.query(`UPDATE committee SET last_pre = $1 WHERE path @> $2::ltree AND last_pre = $3`, [pre, parent.path, parent.lastPre]);
  }

  /** Renumbers the whole tree from its ltree order (RENUMBER_SQL). */
  async renumber(): Promise<void> {
    await this.tx.query(RENUMBER_SQL);
  }

  /** Rewrites the ltree path of `row` and everything below it to hang under `parent`. */
  async reparentSubtree(row: Pick<CommitteeRecord, 'path' | 'depth'>, parent: Pick<CommitteeRecord, 'path' | 'depth'>): Promise<void> {
    await this.tx.query(
      `UPDATE committee SET path = $2::ltree || subpath(path, nlevel($1::ltree) - 1), depth = depth - $3 + $4 + 1
        WHERE path <@ $1::ltree`,
      [row.path, parent.path, row.depth, parent.depth],
    );
  }

  /** Changes the given fields (absent or null ones stay); the version goes up. */
  async update(id: string, changes: Partial<Pick<Committee, 'name' | 'code' | 'levelCode' | 'parentId'>>): Promise<void> {
    await this.tx.getRepository(Committee).update({ id }, givenChanges(changes));
  }

  /** Marks the committee dissolved into `successorId` as of `effectiveOn` (today without it). */
  async markDissolved(id: string, successorId: string, effectiveOn: string | undefined): Promise<void> {
    await this.tx
      .getRepository(Committee)
      .update({ id }, { status: 'dissolved', successorId, validTo: effectiveOn ?? (() => 'current_date') });
  }
}
