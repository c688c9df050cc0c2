import { Injectable } from '@nestjs/common';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { EntityManager } from 'typeorm';
import { EVERYONE, SqlScope, UNSCOPED_SYSTEM, accessibleBy, currentActor, ensureCan, noteAccessChanged } from '@canbo/access';
import { AuditService, diff } from '@canbo/audit';
import {
  CommitteeFilter,
  CommitteeRange,
  committeeRangeOf,
  ConflictProblem,
  isUniqueViolation,
  Page,
  ValidationProblem,
  VersionConflictProblem,
  decodeCursor,
  toPage,
} from '@canbo/platform';
import {
  CommitteeLevelView,
  CommitteeQuery,
  CommitteeView,
  CreateCommitteeDto,
  DissolveCommitteeDto,
  MoveCommitteeDto,
  UpdateCommitteeDto,
} from './committee.dto';
import { COMMITTEE_SCOPE_COLUMNS, CommitteeRecord, CommitteeRefRow, CommitteeRepository } from './committee.repository';
import { leafPre } from './tree-queries';

/** A committee as other modules need it: identity and subtree interval. */
export interface CommitteeRef {
  id: string;
  code: string;
  name: string;
  pre: number;
  lastPre: number;
  status: 'active' | 'dissolved';
  path: string;
  /** The committee above (null at the root): the competent level for what this one submits. */
  parentId: string | null;
  /** Its level (committee_level code). */
  levelCode: string;
}

/** Called inside the transaction that renumbered the tree, so tables that copy `pre` stay in step. */
export type TreeRenumberedHook = (tx: EntityManager) => Promise<void>;

/** Called inside the transaction that dissolves `from` into `to`, so each module moves its open work. */
export type CommitteeDissolvedHook = (tx: EntityManager, from: CommitteeRef, to: CommitteeRef) => Promise<void>;

const toView = (r: CommitteeRecord): CommitteeView => ({
  id: r.id,
  code: r.code,
  name: r.name,
  level: r.levelCode,
  parentId: r.parentId,
  path: r.codePath,
  depth: r.depth,
  pre: r.pre,
  lastPre: r.lastPre,
  status: r.status,
  successorId: r.successorId,
  validFrom: r.validFrom,
  validTo: r.validTo,
  version: r.version,
});

const withoutNumbering = ({ pre: _pre, lastPre: _lastPre, ...view }: CommitteeView) => view;

const toRef = (r: CommitteeRefRow): CommitteeRef => ({
  id: r.id,
  code: r.code,
  name: r.name,
  pre: r.pre,
  lastPre: r.lastPre,
  status: r.status,
  path: r.path,
  parentId: r.parentId,
  levelCode: r.levelCode,
});

/** The committees the caller may read, as SQL over the repository's columns. */
const readable = (): SqlScope => accessibleBy(currentActor().ability, 'read', 'Committee', COMMITTEE_SCOPE_COLUMNS);

/**
 * The committee tree: reads within the caller's reach, and the changes to its shape (create, move,
 * dissolve), each in one transaction holding the tree lock. Checks that must see past the caller's
 * reach (a parent's level, every child of a committee) read UNSCOPED_SYSTEM; so do `ref`/`refs`,
 * whose callers check access on their own subjects.
 */
@Injectable()
export class CommitteesService {
  private readonly renumberHooks: TreeRenumberedHook[] = [];
  private readonly dissolveHooks: CommitteeDissolvedHook[] = [];

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly committees: CommitteeRepository,
    private readonly audit: AuditService,
  ) {}

  /** Modules that copy a committee's `pre` onto their rows register how to bring them back in step. */
  onTreeRenumbered(hook: TreeRenumberedHook): void {
    this.renumberHooks.push(hook);
  }

  /** Modules with committee-owned work register how to hand it to a successor. */
  onCommitteeDissolved(hook: CommitteeDissolvedHook): void {
    this.dissolveHooks.push(hook);
  }

  /** For other modules: a committee by id, no access check (they check access on their own subjects). */
  async ref(id: string, options: { lock?: boolean } = {}): Promise<CommitteeRef | undefined> {
    const r = await this.committees.find(UNSCOPED_SYSTEM, id, options);
    return r && toRef(r);
  }

  async refs(ids: readonly string[]): Promise<Map<string, CommitteeRef>> {
    if (ids.length === 0) return new Map();
    const rows = await this.committees.findMany(UNSCOPED_SYSTEM, ids);
    return new Map(rows.map((r) => [r.id, toRef(r)]));
  }

  async levels(): Promise<CommitteeLevelView[]> {
    return (await this.committees.levels()).map(({ code, name, rank }) => ({ code, name, rank }));
  }

  /** A committee the caller may `action` (404 if it cannot read it, 403 if it reads but may not act). */
  private async checked(
    action: 'read' | 'createChild' | 'update' | 'dissolve',
    id: string,
    what: string,
    lock = false,
  ): Promise<CommitteeRecord> {
    return ensureCan(action, 'Committee', await this.committees.find(readable(), id, { lock }), what);
  }

  async get(id: string): Promise<CommitteeView> {
    return toView(await this.checked('read', id, 'Committee'));
  }

  /** A visible committee, as a reference (used for subtree filters by other modules). */
  async visibleRef(id: string): Promise<CommitteeRef> {
    return toRef(ensureCan('read', 'Committee', await this.committees.findRef(readable(), id), 'Committee'));
  }

  /**
   * The committees the caller may read, as a predicate on `committee c` with its own parameter names:
   * for a statement that resolves a committee filter itself (joined on `c`) instead of asking rangeOf
   * first — one round trip on a hot report (bench `appraisal-stats`).
   */
  readableScope(): SqlScope {
    return accessibleBy(currentActor().ability, 'read', 'Committee', COMMITTEE_SCOPE_COLUMNS, { prefix: 'committee' });
  }

  /**
   * For other modules' lists: a CommitteeFilter resolved to the range to filter on (undefined without
   * `committeeId`); a committee the caller cannot see is a 404, as on every list.
   */
  async rangeOf(filter: CommitteeFilter): Promise<CommitteeRange | undefined> {
    return filter.committeeId ? committeeRangeOf(filter, await this.visibleRef(filter.committeeId)) : undefined;
  }

  async list(query: CommitteeQuery): Promise<Page<CommitteeView>> {
    const rows = await this.committees.list(
      readable(),
      {
        includeDissolved: query.includeDissolved,
        parentId: query.parentId,
        level: query.level,
        // `under` is the committee filter of this list: that committee and everything below it.
        range: query.under ? await this.rangeOf({ committeeId: query.under }) : undefined,
        afterPre: query.cursor ? (decodeCursor(query.cursor, ['number'])[0] as number) : undefined,
      },
      query.limit,
    );
    return toPage(rows, query.limit, (r) => [r.pre], toView);
  }

  private async levelRank(code: string): Promise<number> {
    const rank = await this.committees.levelRank(code);
    if (rank === undefined)
      throw new ValidationProblem([{ field: 'level', message: `unknown level "${code}" (see GET /committee-levels)` }]);
    return rank;
  }

  private async assertLevelFits(levelRank: number, parent: CommitteeRecord | undefined, children: CommitteeRecord[]): Promise<void> {
    if (parent && levelRank <= parent.levelRank)
      throw new ConflictProblem(
        'level-order',
        `A committee must be at a lower level than its parent (${parent.code} is ${parent.levelCode})`,
      );
    const higher = children.find((c) => c.levelRank <= levelRank);
    if (higher) throw new ConflictProblem('level-order', `Committee ${higher.code} below it is at the same or a higher level`);
  }

  /** What was just written, read back whole (it is the caller's own change: no scope to apply). */
  private async reread(id: string): Promise<CommitteeRecord> {
    return (await this.committees.find(UNSCOPED_SYSTEM, id)) as CommitteeRecord;
  }

  @Transactional()
  async create(dto: CreateCommitteeDto): Promise<CommitteeView> {
    await this.committees.lockTree();
    let parent = await this.checked('createChild', dto.parentId, 'Parent committee', true);
    if (parent.status !== 'active') throw new ConflictProblem('dissolved', `${parent.code} is dissolved`);
    await this.assertLevelFits(await this.levelRank(dto.level), parent, []);

    let pre = leafPre(parent.lastPre, await this.committees.nextPre(UNSCOPED_SYSTEM, parent.lastPre));
    if (pre === null) {
      await this.renumber();
      parent = await this.reread(parent.id);
      pre = leafPre(parent.lastPre, await this.committees.nextPre(UNSCOPED_SYSTEM, parent.lastPre)) as number;
    }
    const id = await this.committees
      .insert({ code: dto.code, name: dto.name, levelCode: dto.level, parent, pre, validFrom: dto.validFrom })
      .catch((error: unknown) => {
        // Codes are unique country-wide; the one taken may be in a committee the caller cannot see, so only the field is named.
        if (isUniqueViolation(error, 'committee_code_key'))
          throw new ConflictProblem('duplicate', 'A committee with this code already exists', {
            errors: [{ field: 'code', message: 'is already taken' }],
          });
        throw error;
      });
    // The new leaf closes the subtree of every ancestor whose subtree ended where the parent's did:
    // their intervals grow, and so does the reach of everyone holding a role there.
    noteAccessChanged(EVERYONE);
    await this.committees.extendAncestors(parent, pre);
    const created = await this.reread(id);
    await this.audit.record({
      committeeId: id,
      entityType: 'Committee',
      entityId: id,
      action: 'create',
      // The pre-order numbers are where the committee sits today; a renumbering changes them, so the trail keeps the rest.
      changes: { after: withoutNumbering(toView(created)) },
    });
    return toView(created);
  }

  private async renumber(): Promise<void> {
    noteAccessChanged(EVERYONE);
    await this.committees.renumber();
    for (const hook of this.renumberHooks) await hook(this.txHost.tx);
  }

  private async loadForChange(id: string, action: 'update' | 'dissolve', version: number): Promise<CommitteeRecord> {
    const row = await this.checked(action, id, 'Committee', true);
    if (row.version !== version) throw new VersionConflictProblem('Committee', row.version);
    if (row.status !== 'active') throw new ConflictProblem('dissolved', `${row.code} is dissolved`);
    return row;
  }

  @Transactional()
  async update(id: string, dto: UpdateCommitteeDto): Promise<CommitteeView> {
    const row = await this.loadForChange(id, 'update', dto.version);
    if (dto.level && dto.level !== row.levelCode) {
      const parent = row.parentId ? await this.committees.find(UNSCOPED_SYSTEM, row.parentId) : undefined;
      const children = await this.committees.children(UNSCOPED_SYSTEM, id);
      await this.assertLevelFits(await this.levelRank(dto.level), parent, children);
    }
    await this.committees.update(id, { name: dto.name, code: dto.code, levelCode: dto.level });
    const updated = await this.reread(id);
    await this.audit.record({
      committeeId: id,
      entityType: 'Committee',
      entityId: id,
      action: 'update',
      changes: diff(toView(row), toView(updated)),
    });
    return toView(updated);
  }

  @Transactional()
  async move(id: string, dto: MoveCommitteeDto): Promise<CommitteeView> {
    await this.committees.lockTree();
    const row = await this.loadForChange(id, 'update', dto.version);
    const parent = await this.checked('createChild', dto.parentId, 'Parent committee', true);
    if (parent.status !== 'active') throw new ConflictProblem('dissolved', `${parent.code} is dissolved`);
    if (parent.pre >= row.pre && parent.pre <= row.lastPre)
      throw new ConflictProblem('tree-cycle', 'A committee cannot move under itself or a committee below it');
    const children = await this.committees.children(UNSCOPED_SYSTEM, id);
    await this.assertLevelFits(row.levelRank, parent, children);
    await this.committees.reparentSubtree(row, parent);
    await this.committees.update(id, { parentId: parent.id });
    await this.renumber();
    const moved = await this.reread(id);
    await this.audit.record({
      committeeId: id,
      entityType: 'Committee',
      entityId: id,
      action: 'move',
      changes: { before: { parentId: row.parentId, path: row.codePath }, after: { parentId: parent.id, path: moved.codePath } },
    });
    return toView(moved);
  }

  @Transactional()
  async dissolve(id: string, dto: DissolveCommitteeDto): Promise<CommitteeView> {
    await this.committees.lockTree();
    noteAccessChanged(EVERYONE);
    const row = await this.loadForChange(id, 'dissolve', dto.version);
    const successor = await this.checked('createChild', dto.successorId, 'Successor committee', true);
    if (successor.status !== 'active') throw new ConflictProblem('dissolved', `${successor.code} is dissolved`);
    if (successor.pre >= row.pre && successor.pre <= row.lastPre)
      throw new ConflictProblem('tree-cycle', 'The successor cannot be the committee itself or one below it');

    // Children hang under the successor; each keeps its own subtree.
    const children = await this.committees.children(UNSCOPED_SYSTEM, id);
    await this.assertLevelFits(successor.levelRank, undefined, children);
    for (const child of children) {
      await this.committees.reparentSubtree(child, successor);
      await this.committees.update(child.id, { parentId: successor.id });
    }
    for (const hook of this.dissolveHooks) await hook(this.txHost.tx, toRef(row), toRef(successor));
    await this.committees.markDissolved(id, successor.id, dto.effectiveOn);
    await this.renumber();
    const dissolved = await this.reread(id);
    const changes = {
      before: { status: row.status },
      after: { status: 'dissolved', successorId: successor.id, validTo: dissolved.validTo },
    };
    await this.audit.record({ committeeId: id, entityType: 'Committee', entityId: id, action: 'dissolve', changes });
    await this.audit.record({
      committeeId: successor.id,
      entityType: 'Committee',
      entityId: successor.id,
      action: 'absorb',
      changes: { after: { absorbedCommitteeId: id, absorbedCode: row.code, children: children.map((c) => c.code) } },
    });
    return toView(dissolved);
  }
}
