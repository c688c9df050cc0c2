import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Transactional } from '@nestjs-cls/transactional';
import { subject } from '@casl/ability';
import {
  SqlScope,
  UNSCOPED_SYSTEM,
  accessibleBy,
  currentActor,
  ensureCan,
  noteAccessChanged,
  operatorCommitteeId,
  Role,
} from '@canbo/access';
import { AuditService, diff } from '@canbo/audit';
import { CommitteeRef, CommitteesService } from '@canbo/committees';
import { ConflictProblem, ForbiddenProblem, NotFoundProblem, Page, VersionConflictProblem, decodeCursor, toPage } from '@canbo/platform';
import { AppUser } from './app-user.entity';
import { AssignmentQuery, AssignmentView, CreateUserDto, GrantRoleDto, UpdateUserDto, UserQuery, UserView } from './identity.dto';
import { hashPassword } from './passwords';
import { AssignmentRecord, ROLE_ASSIGNMENT_SCOPE_COLUMNS, RoleAssignmentRepository } from './role-assignment.repository';
import { UserRepository } from './user.repository';

const toUser = (u: AppUser): UserView => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  email: u.email,
  status: u.status,
  version: u.version,
});

const toAssignment = (r: AssignmentRecord, committee: Pick<CommitteeRef, 'code' | 'name'> | undefined): AssignmentView => ({
  id: r.id,
  userId: r.userId,
  username: r.username,
  role: r.role,
  committeeId: r.committeeId,
  committeeCode: committee?.code ?? '',
  committeeName: committee?.name ?? '',
  grantedAt: r.grantedAt.toISOString(),
  revokedAt: r.revokedAt?.toISOString() ?? null,
});

/** The role assignments the caller may read, as SQL over the repositories' columns. */
const readableAssignments = (): SqlScope => accessibleBy(currentActor().ability, 'read', 'RoleAssignment', ROLE_ASSIGNMENT_SCOPE_COLUMNS);

/**
 * Accounts and role assignments. A user is visible to whoever may read one of its assignments;
 * what may be granted, revoked or edited is the delegation ceiling of the caller's ability
 * (product.md, "Delegation"): downwards only, never to oneself.
 */
@Injectable()
export class UsersService implements OnModuleInit {
  constructor(
    private readonly users: UserRepository,
    private readonly assignments: RoleAssignmentRepository,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    // A dissolved committee has no board any more: roles held there end with it (recorded on its chain).
    this.committees.onCommitteeDissolved(async (_tx, from) => {
      const revoked = await this.assignments.revokeAllAt(from.id, currentActor().userId);
      for (const r of revoked) noteAccessChanged(r.userId);
      for (const r of revoked)
        await this.audit.record({
          committeeId: from.id,
          entityType: 'RoleAssignment',
          entityId: r.id,
          action: 'revoke',
          changes: { reason: 'committee dissolved', before: { userId: r.userId, role: r.role, revokedAt: null } },
        });
    });
  }

  async get(id: string): Promise<UserView> {
    const user = await this.users.find(readableAssignments(), currentActor().userId, id);
    if (!user) throw new NotFoundProblem('User');
    return toUser(user);
  }

  async list(query: UserQuery): Promise<Page<UserView>> {
    const after = query.cursor ? (decodeCursor(query.cursor, ['string'])[0] as string) : undefined;
    const users = await this.users.list(readableAssignments(), currentActor().userId, { q: query.q, afterUsername: after }, query.limit);
    return toPage(users, query.limit, (u) => [u.username], toUser);
  }

  /**
   * The committee and the permission to grant `role` there to `userId` (the delegation ceiling of the
   * ability): 404 if the committee is not visible, 403 if the grant is above the caller's reach.
   */
  private async assertMayGrant(committeeId: string, role: Role, userId: string) {
    const committee = await this.committees.visibleRef(committeeId);
    if (!currentActor().ability.can('grant', subject('RoleAssignment', { committeePre: committee.pre, role, userId }) as never))
      throw new ForbiddenProblem(
        userId === currentActor().userId
          ? 'Nobody grants roles to themselves'
          : `You may not grant the role "${role}" at ${committee.code}`,
      );
    if (committee.status !== 'active') throw new ConflictProblem('dissolved', `${committee.code} is dissolved`);
    return committee;
  }

  /** Operator accounts run the system and read nothing: they hold the operator role and no other (product.md). */
  private async assertOperatorAlone(userId: string, role: Role): Promise<void> {
    // Every role the account holds, seen or not by the caller: one it cannot see still counts.
    const held = await this.assignments.heldBy(UNSCOPED_SYSTEM, userId);
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
  private async activeAssignments(
    userId: string,
  ): Promise<{ committeeId: string; committeePre: number | null; role: Role; userId: string }[]> {
    return (await this.assignments.heldBy(UNSCOPED_SYSTEM, userId)).map((a) => ({ ...a, userId }));
  }

  @Transactional()
  async create(dto: CreateUserDto): Promise<UserView> {
    // An account created with a role is a grant like any other (product.md, "Delegation"), to a user who is not the caller.
    const id = randomUUID();
    const committee = await this.assertMayGrant(dto.committeeId, dto.role, id);
    if (await this.users.usernameTaken(dto.username)) throw new ConflictProblem('duplicate', `The username "${dto.username}" is taken`);
    const created = await this.users.insert({
      id,
      username: dto.username,
      displayName: dto.displayName,
      email: dto.email ?? null,
      passwordHash: await hashPassword(dto.password),
    });
    const assignmentId = (await this.assignments.grant({
      userId: id,
      committeeId: committee.id,
      role: dto.role,
      grantedBy: currentActor().userId,
    })) as string;
    const user = toUser(created);
    await this.audit.record({ committeeId: committee.id, entityType: 'User', entityId: id, action: 'create', changes: { after: user } });
    await this.audit.record({
      committeeId: committee.id,
      entityType: 'RoleAssignment',
      entityId: assignmentId,
      action: 'grant',
      changes: { after: { userId: id, username: created.username, committeeId: committee.id, role: dto.role } },
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
    const updated = await this.users.update(id, dto.version, { displayName: dto.displayName, email: dto.email, status: dto.status });
    if (!updated) throw new VersionConflictProblem('User', before.version);
    noteAccessChanged(id);
    const after = toUser(updated);
    const committeeId = held[0]?.committeeId ?? operatorCommitteeId(actor);
    await this.audit.record({ committeeId, entityType: 'User', entityId: id, action: 'update', changes: diff(before, after) });
    return after;
  }

  /** Assignments with their committees' codes and names (read through the committees' service). */
  private async views(rows: AssignmentRecord[]): Promise<AssignmentView[]> {
    const committees = await this.committees.refs([...new Set(rows.map((r) => r.committeeId))]);
    return rows.map((r) => toAssignment(r, committees.get(r.committeeId)));
  }

  async listAssignments(query: AssignmentQuery): Promise<Page<AssignmentView>> {
    const rows = await this.assignments.list(
      readableAssignments(),
      {
        range: await this.committees.rangeOf(query),
        userId: query.userId,
        role: query.role,
        afterId: query.cursor ? (decodeCursor(query.cursor, ['uuid'])[0] as string) : undefined,
      },
      query.limit,
    );
    const page = toPage(
      rows,
      query.limit,
      (r) => [r.id],
      (r) => r,
    );
    return { ...page, items: await this.views(page.items) };
  }

  /**
   * When each of these assignments was granted, by id: GET /me takes the caller's assignments from its
   * actor (read per request, or from the short-lived actor cache) and needs only this column on top.
   */
  async grantTimes(assignmentIds: readonly string[]): Promise<Map<string, string>> {
    const times = await this.assignments.grantTimesOf(currentActor().userId, assignmentIds);
    return new Map([...times].map(([id, at]) => [id, at.toISOString()]));
  }

  /** An assignment just written, read back whole for the answer and the audit trail. */
  private async written(id: string): Promise<AssignmentView> {
    const [view] = await this.views([(await this.assignments.find(UNSCOPED_SYSTEM, id)) as AssignmentRecord]);
    return view;
  }

  @Transactional()
  async grant(dto: GrantRoleDto): Promise<AssignmentView> {
    await this.get(dto.userId);
    const committee = await this.assertMayGrant(dto.committeeId, dto.role, dto.userId);
    await this.assertOperatorAlone(dto.userId, dto.role);
    const id = await this.assignments.grant({
      userId: dto.userId,
      committeeId: committee.id,
      role: dto.role,
      grantedBy: currentActor().userId,
    });
    if (!id) throw new ConflictProblem('duplicate', 'The user already holds this role at this committee');
    noteAccessChanged(dto.userId);
    const view = await this.written(id);
    await this.audit.record({
      committeeId: committee.id,
      entityType: 'RoleAssignment',
      entityId: id,
      action: 'grant',
      changes: { after: view },
    });
    return view;
  }

  @Transactional()
  async revoke(id: string): Promise<AssignmentView> {
    const row = await this.assignments.find(readableAssignments(), id);
    ensureCan(
      'revoke',
      'RoleAssignment',
      row && row.revokedAt === null ? { committeePre: row.committeePre, role: row.role, userId: row.userId } : undefined,
      'Role assignment',
    );
    await this.assignments.revoke(id, currentActor().userId);
    noteAccessChanged((row as AssignmentRecord).userId);
    const view = await this.written(id);
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
