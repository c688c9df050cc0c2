import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { subject } from '@casl/ability';
import { accessibleBy, currentActor, ensureCan, noteAccessChanged, operatorCommitteeId, Role } from '@canbo/access';
import { AuditService, diff } from '@canbo/audit';
import { CommitteesService } from '@canbo/committees';
import { ConflictProblem, ForbiddenProblem, NotFoundProblem, Page, VersionConflictProblem, Where, decodeCursor, toPage } from '@canbo/platform';
import { AssignmentQuery, AssignmentView, CreateUserDto, GrantRoleDto, UpdateUserDto, UserQuery, UserView } from './identity.dto';
import { hashPassword } from './passwords';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  status: string;
  version: number;
}

interface AssignmentRow {
  id: string;
  user_id: string;
  username: string;
  role: Role;
  committee_id: string;
  committee_code: string;
  committee_name: string;
  committee_pre: string;
  granted_at: Date;
  revoked_at: Date | null;
}

const toUser = (r: UserRow): UserView => ({ id: r.id, username: r.username, displayName: r.display_name, email: r.email, status: r.status, version: r.version });

const toAssignment = (r: AssignmentRow): AssignmentView => ({
  id: r.id,
  userId: r.user_id,
  username: r.username,
  role: r.role,
  committeeId: r.committee_id,
  committeeCode: r.committee_code,
  committeeName: r.committee_name,
  grantedAt: r.granted_at.toISOString(),
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

const ASSIGNMENT_SELECT = `
  SELECT ra.id, ra.user_id, u.username, ra.role, ra.committee_id, c.code AS committee_code, c.name AS committee_name,
         c.pre::text AS committee_pre, ra.granted_at, ra.revoked_at
    FROM role_assignment ra JOIN app_user u ON u.id = ra.user_id JOIN committee c ON c.id = ra.committee_id`;

const ASSIGNMENT_COLUMNS = { committeePre: 'c.pre', role: 'ra.role' };

/**
 * Accounts and role assignments. A user is visible to whoever may read one of its assignments;
 * what may be granted, revoked or edited is the delegation ceiling of the caller's ability
 * (product.md, "Delegation"): downwards only, never to oneself.
 */
@Injectable()
export class UsersService implements OnModuleInit {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    // A dissolved committee has no board any more: roles held there end with it (recorded on its chain).
    this.committees.onCommitteeDissolved(async (tx, from) => {
      // TypeORM answers an UPDATE … RETURNING with [rows, rowCount].
      const [revoked]: [{ id: string; user_id: string; role: string }[], number] = await tx.query(
        `UPDATE role_assignment SET revoked_at = now(), revoked_by = $2 WHERE committee_id = $1 AND revoked_at IS NULL RETURNING id, user_id, role`,
        [from.id, currentActor().userId],
      );
      for (const r of revoked) noteAccessChanged(r.user_id);
      for (const r of revoked)
        await this.audit.record({
          committeeId: from.id,
          entityType: 'RoleAssignment',
          entityId: r.id,
          action: 'revoke',
          changes: { reason: 'committee dissolved', before: { userId: r.user_id, role: r.role, revokedAt: null } },
        });
    });
  }

  private get tx() {
    return this.txHost.tx;
  }

  /** SQL that keeps only users the caller may see (`u` is app_user). */
  private visibleUsers(where: Where): Where {
    const actor = currentActor();
    const scope = accessibleBy(actor.ability, 'read', 'RoleAssignment', ASSIGNMENT_COLUMNS, { prefix: 'ra_scope' });
    if (scope.sql === 'TRUE') return where;
    return where.andNamed(
      `(u.id = :self OR EXISTS (SELECT 1 FROM role_assignment ra JOIN committee c ON c.id = ra.committee_id
                                 WHERE ra.user_id = u.id AND ra.revoked_at IS NULL AND ${scope.sql}))`,
      { ...scope.params, self: actor.userId },
    );
  }

  async get(id: string): Promise<UserView> {
    const where = this.visibleUsers(new Where().and('u.id = ?', id));
    const [row]: UserRow[] = await this.tx.query(`SELECT u.* FROM app_user u WHERE ${where}`, where.params);
    if (!row) throw new NotFoundProblem('User');
    return toUser(row);
  }

  async list(query: UserQuery): Promise<Page<UserView>> {
    const where = this.visibleUsers(new Where());
    if (query.q) where.andContains(['search_fold(u.username)', 'search_fold(u.display_name)'], query.q);
    if (query.cursor) where.and('u.username > ?', decodeCursor(query.cursor, ['string'])[0]);
    const rows: UserRow[] = await this.tx.query(`SELECT u.* FROM app_user u WHERE ${where} ORDER BY u.username LIMIT ${query.limit + 1}`, where.params);
    return toPage(rows, query.limit, (r) => [r.username], toUser);
  }

  /**
   * The committee and the permission to grant `role` there to `userId` (the delegation ceiling of the
   * ability): 404 if the committee is not visible, 403 if the grant is above the caller's reach.
   */
  private async assertMayGrant(committeeId: string, role: Role, userId: string) {
    const committee = await this.committees.visibleRef(committeeId);
    if (!currentActor().ability.can('grant', subject('RoleAssignment', { committeePre: committee.pre, role, userId }) as never))
      throw new ForbiddenProblem(userId === currentActor().userId ? 'Nobody grants roles to themselves' : `You may not grant the role "${role}" at ${committee.code}`);
    if (committee.status !== 'active') throw new ConflictProblem('dissolved', `${committee.code} is dissolved`);
    return committee;
  }

  /** Operator accounts run the system and read nothing: they hold the operator role and no other (product.md). */
  private async assertOperatorAlone(userId: string, role: Role): Promise<void> {
    const held: { role: Role }[] = await this.tx.query(`SELECT DISTINCT role FROM role_assignment WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
    const operator = held.some((r) => r.role === 'operator');
    const other = held.some((r) => r.role !== 'operator');
    if (role === 'operator' ? other : operator)
      throw new ConflictProblem('operator-account', 'An operator account holds the operator role and nothing else; use a separate account');
  }

  /**
   * The account's live assignments, as the subjects a revocation of each would be checked against.
   * A committee the caller cannot see (row-level security hides it) comes back without its interval,
   * and so out of the caller's reach: a role one cannot see is never one that may be revoked.
   */
  private async activeAssignments(userId: string): Promise<{ committeeId: string; committeePre: number | null; role: Role; userId: string }[]> {
    const rows: { committee_id: string; pre: string | null; role: Role }[] = await this.tx.query(
      `SELECT ra.committee_id, c.pre::text AS pre, ra.role FROM role_assignment ra LEFT JOIN committee c ON c.id = ra.committee_id
        WHERE ra.user_id = $1 AND ra.revoked_at IS NULL ORDER BY c.pre, ra.role`,
      [userId],
    );
    return rows.map((r) => ({ committeeId: r.committee_id, committeePre: r.pre === null ? null : Number(r.pre), role: r.role, userId }));
  }

  @Transactional()
  async create(dto: CreateUserDto): Promise<UserView> {
    // An account created with a role is a grant like any other (product.md, "Delegation"), to a user who is not the caller.
    const id = randomUUID();
    const committee = await this.assertMayGrant(dto.committeeId, dto.role, id);
    const [existing] = await this.tx.query(`SELECT 1 FROM app_user WHERE username = $1`, [dto.username]);
    if (existing) throw new ConflictProblem('duplicate', `The username "${dto.username}" is taken`);
    const [row]: UserRow[] = await this.tx.query(
      `INSERT INTO app_user (id, username, display_name, email, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [id, dto.username, dto.displayName, dto.email ?? null, await hashPassword(dto.password)],
    );
    const [assignment]: { id: string }[] = await this.tx.query(
      `INSERT INTO role_assignment (user_id, committee_id, role, granted_by) VALUES ($1, $2, $3, $4) RETURNING id`,
      [row.id, committee.id, dto.role, currentActor().userId],
    );
    const user = toUser(row);
    await this.audit.record({ committeeId: committee.id, entityType: 'User', entityId: row.id, action: 'create', changes: { after: user } });
    await this.audit.record({
      committeeId: committee.id,
      entityType: 'RoleAssignment',
      entityId: assignment.id,
      action: 'grant',
      changes: { after: { userId: row.id, username: row.username, committeeId: committee.id, role: dto.role } },
    });
    return user;
  }

  /**
   * Editing, disabling or re-pointing the e-mail of an account is power over every role it holds: the
   * caller must be able to revoke each of them (so an account with roles in two branches is edited
   * only from above both, and an operator account only by another operator), and never its own.
   */
  @Transactional()
  async update(id: string, dto: UpdateUserDto): Promise<UserView> {
    const before = await this.get(id);
    const actor = currentActor();
    if (id === actor.userId) throw new ForbiddenProblem('Your own account is changed through /me, not the administration routes');
    const held = await this.activeAssignments(id);
    if (held.some((a) => a.committeePre === null || !actor.ability.can('revoke', subject('RoleAssignment', a) as never)))
      throw new ForbiddenProblem('The account holds roles beyond your reach');
    // TypeORM answers an UPDATE … RETURNING with [rows, rowCount].
    const [[row]]: [UserRow[], number] = await this.tx.query(
      `UPDATE app_user SET display_name = COALESCE($3, display_name), email = COALESCE($4, email), status = COALESCE($5, status),
              version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING *`,
      [id, dto.version, dto.displayName ?? null, dto.email ?? null, dto.status ?? null],
    );
    if (!row) throw new VersionConflictProblem('User', before.version);
    noteAccessChanged(id);
    const after = toUser(row);
    const committeeId = held[0]?.committeeId ?? operatorCommitteeId(actor);
    await this.audit.record({ committeeId, entityType: 'User', entityId: id, action: 'update', changes: diff(before, after) });
    return after;
  }

  async listAssignments(query: AssignmentQuery): Promise<Page<AssignmentView>> {
    const scope = accessibleBy(currentActor().ability, 'read', 'RoleAssignment', ASSIGNMENT_COLUMNS);
    const where = new Where().andNamed(scope.sql, scope.params).and('ra.revoked_at IS NULL');
    if (query.committeeId) {
      const c = await this.committees.visibleRef(query.committeeId);
      if (query.subtree) where.and('c.pre BETWEEN ? AND ?', c.pre, c.lastPre);
      else where.and('ra.committee_id = ?', c.id);
    }
    if (query.userId) where.and('ra.user_id = ?', query.userId);
    if (query.role) where.and('ra.role = ?', query.role);
    if (query.cursor) where.and('ra.id > ?', decodeCursor(query.cursor, ['uuid'])[0]);
    const rows: AssignmentRow[] = await this.tx.query(`${ASSIGNMENT_SELECT} WHERE ${where} ORDER BY ra.id LIMIT ${query.limit + 1}`, where.params);
    return toPage(rows, query.limit, (r) => [r.id], toAssignment);
  }

  /**
   * When each of these assignments was granted, by id: GET /me takes the caller's assignments from its
   * actor (read per request, or from the short-lived actor cache) and needs only this column on top.
   */
  async grantTimes(assignmentIds: readonly string[]): Promise<Map<string, string>> {
    const rows: { id: string; granted_at: Date }[] = await this.tx.query(
      `SELECT id, granted_at FROM role_assignment WHERE id = ANY($1::uuid[])`,
      [assignmentIds],
    );
    return new Map(rows.map((r) => [r.id, r.granted_at.toISOString()]));
  }

  private async assignment(id: string): Promise<AssignmentRow | undefined> {
    const [row]: AssignmentRow[] = await this.tx.query(`${ASSIGNMENT_SELECT} WHERE ra.id = $1`, [id]);
    return row;
  }

  @Transactional()
  async grant(dto: GrantRoleDto): Promise<AssignmentView> {
    await this.get(dto.userId);
    const committee = await this.assertMayGrant(dto.committeeId, dto.role, dto.userId);
    await this.assertOperatorAlone(dto.userId, dto.role);
    const [row]: { id: string }[] = await this.tx.query(
      `INSERT INTO role_assignment (user_id, committee_id, role, granted_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, committee_id, role) WHERE revoked_at IS NULL DO NOTHING RETURNING id`,
      [dto.userId, committee.id, dto.role, currentActor().userId],
    );
    if (!row) throw new ConflictProblem('duplicate', 'The user already holds this role at this committee');
    noteAccessChanged(dto.userId);
    const view = toAssignment((await this.assignment(row.id)) as AssignmentRow);
    await this.audit.record({ committeeId: committee.id, entityType: 'RoleAssignment', entityId: row.id, action: 'grant', changes: { after: view } });
    return view;
  }

  @Transactional()
  async revoke(id: string): Promise<AssignmentView> {
    const row = await this.assignment(id);
    ensureCan(
      'revoke',
      'RoleAssignment',
      row && row.revoked_at === null ? { committeePre: Number(row.committee_pre), role: row.role, userId: row.user_id } : undefined,
      'Role assignment',
    );
    await this.tx.query(`UPDATE role_assignment SET revoked_at = now(), revoked_by = $2 WHERE id = $1`, [id, currentActor().userId]);
    noteAccessChanged((row as AssignmentRow).user_id);
    const view = toAssignment((await this.assignment(id)) as AssignmentRow);
    await this.audit.record({
      committeeId: view.committeeId,
      entityType: 'RoleAssignment',
      entityId: id,
      action: 'revoke',
      changes: { before: { revokedAt: null }, after: { revokedAt: view.revokedAt } },
    });
    return view;
  }
}
