import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { In, IsNull } from 'typeorm';
import type { Role, SqlScope } from '@canbo/access';
import { CommitteeRange, Where, isUniqueViolation } from '@canbo/platform';
import { RoleAssignment } from './role-assignment.entity';

/**
 * The columns a `RoleAssignment` scope (accessibleBy) is written against, here and in the account
 * reads of UserRepository: `ra` is the assignment, `c` its committee (joined for its interval only).
 */
export const ROLE_ASSIGNMENT_SCOPE_COLUMNS = { committeePre: 'c.pre', role: 'ra.role' };

/** An assignment with its account's username and its committee's place in the tree. */
export type AssignmentRecord = RoleAssignment & { username: string; committeePre: number };

/** A live assignment as a revocation of it would be checked: `committeePre` null when the committee is hidden. */
export type HeldRole = Pick<RoleAssignment, 'committeeId' | 'role'> & { committeePre: number | null };

export interface AssignmentListFilter {
  range?: CommitteeRange;
  userId?: string;
  role?: Role;
  /** The keyset cursor: the id of the last assignment of the previous page. */
  afterId?: string;
}

const SELECT = `
  SELECT ra.id, ra.user_id AS "userId", u.username, ra.role, ra.committee_id AS "committeeId", c.pre::text AS "committeePre",
         ra.granted_by AS "grantedBy", ra.granted_at AS "grantedAt", ra.revoked_by AS "revokedBy", ra.revoked_at AS "revokedAt"
    FROM role_assignment ra JOIN app_user u ON u.id = ra.user_id JOIN committee c ON c.id = ra.committee_id`;

/** bigint comes back from pg as text; pre-order numbers stay far below 2^53. */
const parse = (r: AssignmentRecord): AssignmentRecord => ({ ...r, committeePre: Number(r.committeePre) });

/**
 * Role assignments. Tenant-owned by their committee: reads take a `RoleAssignment` scope (the
 * caller's, or UNSCOPED_SYSTEM where a check must see every role an account holds). Not under
 * row-level security (it is the access-control table itself, see the RLS migration).
 */
@Injectable()
export class RoleAssignmentRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get assignments() {
    return this.txHost.tx.getRepository(RoleAssignment);
  }

  private async select(scope: SqlScope, where: Where, suffix = ''): Promise<AssignmentRecord[]> {
    where.andNamed(scope.sql, scope.params);
    const rows: AssignmentRecord[] = await this.txHost.tx.query(`${SELECT} WHERE ${where} ${suffix}`, where.params);
    return rows.map(parse);
  }

  /** Live assignments in id order; one more than `limit` tells there is a next page. */
  async list(scope: SqlScope, filter: AssignmentListFilter, limit: number): Promise<AssignmentRecord[]> {
    const where = new Where().and('ra.revoked_at IS NULL').andCommittee({ id: 'ra.committee_id', pre: 'c.pre' }, filter.range);
    if (filter.userId) where.and('ra.user_id = ?', filter.userId);
    if (filter.role) where.and('ra.role = ?', filter.role);
    if (filter.afterId) where.and('ra.id > ?', filter.afterId);
    return this.select(scope, where, `ORDER BY ra.id LIMIT ${limit + 1}`);
  }

  /** One assignment, live or revoked, within `scope`. */
  async find(scope: SqlScope, id: string): Promise<AssignmentRecord | undefined> {
    return (await this.select(scope, new Where().and('ra.id = ?', id)))[0];
  }

  /**
   * The live assignments of an account, highest committee first. A committee row-level security hides
   * comes back without its interval (`committeePre` null) rather than not at all.
   */
  async heldBy(scope: SqlScope, userId: string): Promise<HeldRole[]> {
    const where = new Where().and('ra.user_id = ?', userId).and('ra.revoked_at IS NULL').andNamed(scope.sql, scope.params);
    const rows: { committeeId: string; committeePre: string | null; role: Role }[] = await this.txHost.tx.query(
      `SELECT ra.committee_id AS "committeeId", c.pre::text AS "committeePre", ra.role FROM role_assignment ra LEFT JOIN committee c ON c.id = ra.committee_id
        WHERE ${where} ORDER BY c.pre, ra.role`,
      where.params,
    );
    return rows.map((r) => ({ ...r, committeePre: r.committeePre === null ? null : Number(r.committeePre) }));
  }

  /** When each of the owner's own assignments among `ids` was granted: the owner is the scope. */
  async grantTimesOf(owner: string, ids: readonly string[]): Promise<Map<string, Date>> {
    const rows = await this.assignments.find({ select: { id: true, grantedAt: true }, where: { userId: owner, id: In([...ids]) } });
    return new Map(rows.map((r) => [r.id, r.grantedAt]));
  }

  /** Inserts a live assignment; undefined when the user holds that role there already. */
  async grant(assignment: Pick<RoleAssignment, 'userId' | 'committeeId' | 'role' | 'grantedBy'>): Promise<string | undefined> {
    const row = this.assignments.create(assignment);
    try {
      await this.assignments.insert(row);
    } catch (error) {
      if (isUniqueViolation(error, 'role_assignment_active_key')) return undefined;
      throw error;
    }
    return row.id;
  }

  async revoke(id: string, by: string): Promise<void> {
    await this.assignments.update({ id }, { revokedAt: () => 'now()', revokedBy: by });
  }

  /** Revokes every live assignment at a committee; returns what was revoked. */
  async revokeAllAt(committeeId: string, by: string): Promise<RoleAssignment[]> {
    const live = await this.assignments.find({ where: { committeeId, revokedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
    if (live.length > 0) await this.assignments.update({ id: In(live.map((a) => a.id)) }, { revokedAt: () => 'now()', revokedBy: by });
    return live;
  }
}
