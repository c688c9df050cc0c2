import { Injectable } from '@nestjs/common';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { EntityManager } from 'typeorm';
import { EVERYONE, accessibleBy, currentActor, ensureCan, noteAccessChanged } from '@canbo/access';
import { AuditService, diff } from '@canbo/audit';
import { CommitteeFilter, CommitteeRange, committeeRangeOf, ConflictProblem, isUniqueViolation, Page, ValidationProblem, VersionConflictProblem, Where, decodeCursor, toPage } from '@canbo/platform';
import { CommitteeLevelView, CommitteeQuery, CommitteeView, CreateCommitteeDto, DissolveCommitteeDto, MoveCommitteeDto, UpdateCommitteeDto } from './committee.dto';
import { RENUMBER_SQL, TREE_LOCK_SQL, leafPre } from './tree';

interface CommitteeRow {
  id: string;
  code: string;
  name: string;
  level_code: string;
  level_rank: number;
  parent_id: string | null;
  path: string;
  code_path: string;
  depth: number;
  pre: number;
  last_pre: number;
  status: 'active' | 'dissolved';
  successor_id: string | null;
  valid_from: string;
  valid_to: string | null;
  version: number;
}

/** A committee as other modules need it: identity and subtree interval. */
export interface CommitteeRef {
  id: string;
  code: string;
  name: string;
  pre: number;
  lastPre: number;
  status: 'active' | 'dissolved';
  path: string;
}

/** Called inside the transaction that renumbered the tree, so tables that copy `pre` stay in step. */
export type TreeRenumberedHook = (tx: EntityManager) => Promise<void>;

/** Called inside the transaction that dissolves `from` into `to`, so each module moves its open work. */
export type CommitteeDissolvedHook = (tx: EntityManager, from: CommitteeRef, to: CommitteeRef) => Promise<void>;

const SELECT = `
  SELECT c.id, c.code, c.name, c.level_code, l.rank AS level_rank, c.parent_id, c.path::text AS path,
         (SELECT string_agg(a.code, '.' ORDER BY a.depth) FROM committee a WHERE a.path @> c.path) AS code_path,
         c.depth, c.pre::text AS pre, c.last_pre::text AS last_pre, c.status, c.successor_id,
         to_char(c.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(c.valid_to, 'YYYY-MM-DD') AS valid_to, c.version
    FROM committee c JOIN committee_level l ON l.code = c.level_code`;

const toView = (r: CommitteeRow): CommitteeView => ({
  id: r.id,
  code: r.code,
  name: r.name,
  level: r.level_code,
  parentId: r.parent_id,
  path: r.code_path,
  depth: r.depth,
  status: r.status,
  successorId: r.successor_id,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  version: r.version,
});

const toRef = (r: CommitteeRow): CommitteeRef => ({
  id: r.id,
  code: r.code,
  name: r.name,
  pre: r.pre,
  lastPre: r.last_pre,
  status: r.status,
  path: r.path,
});

/** bigint comes back from pg as text; pre-order numbers stay far below 2^53. */
const parse = (r: CommitteeRow): CommitteeRow => ({ ...r, pre: Number(r.pre), last_pre: Number(r.last_pre) });

@Injectable()
export class CommitteesService {
  private readonly renumberHooks: TreeRenumberedHook[] = [];
  private readonly dissolveHooks: CommitteeDissolvedHook[] = [];

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
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

  private get tx(): EntityManager {
    return this.txHost.tx;
  }

  private async rows(where: string, params: unknown[], suffix = ''): Promise<CommitteeRow[]> {
    const rows: CommitteeRow[] = await this.tx.query(`${SELECT} WHERE ${where} ${suffix}`, params);
    return rows.map(parse);
  }

  private async row(id: string, lock = false): Promise<CommitteeRow | undefined> {
    return (await this.rows('c.id = $1', [id], lock ? 'FOR UPDATE OF c' : ''))[0];
  }

  /** For other modules: a committee by id, no access check (they check access on their own subjects). */
  async ref(id: string, options: { lock?: boolean } = {}): Promise<CommitteeRef | undefined> {
    const r = await this.row(id, options.lock);
    return r && toRef(r);
  }

  async refs(ids: readonly string[]): Promise<Map<string, CommitteeRef>> {
    if (ids.length === 0) return new Map();
    const rows = await this.rows('c.id = ANY($1)', [ids]);
    return new Map(rows.map((r) => [r.id, toRef(r)]));
  }

  async levels(): Promise<CommitteeLevelView[]> {
    return this.tx.query(`SELECT code, name, rank FROM committee_level ORDER BY rank`);
  }

  async get(id: string): Promise<CommitteeView> {
    return toView(ensureCan('read', 'Committee', await this.row(id), 'Committee'));
  }

  /** A visible committee, as a reference (used for subtree filters by other modules). */
  async visibleRef(id: string): Promise<CommitteeRef> {
    return toRef(ensureCan('read', 'Committee', await this.row(id), 'Committee'));
  }

  /**
   * For other modules' lists: a CommitteeFilter resolved to the range to filter on (undefined without
   * `committeeId`); a committee the caller cannot see is a 404, as on every list.
   */
  async rangeOf(filter: CommitteeFilter): Promise<CommitteeRange | undefined> {
    return filter.committeeId ? committeeRangeOf(filter, await this.visibleRef(filter.committeeId)) : undefined;
  }

  async list(query: CommitteeQuery): Promise<Page<CommitteeView>> {
    const { ability } = currentActor();
    const scope = accessibleBy(ability, 'read', 'Committee', { id: 'c.id', pre: 'c.pre' });
    const where = new Where().andNamed(scope.sql, scope.params);
    if (!query.includeDissolved) where.and(`c.status = 'active'`);
    if (query.parentId) where.and('c.parent_id = ?', query.parentId);
    if (query.level) where.and('c.level_code = ?', query.level);
    if (query.under) {
      const under = await this.visibleRef(query.under);
      where.and('c.pre BETWEEN ? AND ?', under.pre, under.lastPre);
    }
    if (query.cursor) where.and('c.pre > ?', decodeCursor(query.cursor, ['number'])[0]);
    const rows = await this.rows(where.toString(), where.params, `ORDER BY c.pre LIMIT ${query.limit + 1}`);
    return toPage(rows, query.limit, (r) => [r.pre], toView);
  }

  private async levelRank(code: string): Promise<number> {
    const rows: { rank: number }[] = await this.tx.query(`SELECT rank FROM committee_level WHERE code = $1`, [code]);
    if (!rows[0]) throw new ValidationProblem([{ field: 'level', message: `unknown level "${code}" (see GET /committee-levels)` }]);
    return rows[0].rank;
  }

  private async assertLevelFits(levelRank: number, parent: CommitteeRow | undefined, children: CommitteeRow[]): Promise<void> {
    if (parent && levelRank <= parent.level_rank)
      throw new ConflictProblem('level-order', `A committee must be at a lower level than its parent (${parent.code} is ${parent.level_code})`);
    const higher = children.find((c) => c.level_rank <= levelRank);
    if (higher) throw new ConflictProblem('level-order', `Committee ${higher.code} below it is at the same or a higher level`);
  }

  @Transactional()
  async create(dto: CreateCommitteeDto): Promise<CommitteeView> {
    await this.tx.query(TREE_LOCK_SQL);
    let parent = ensureCan('createChild', 'Committee', await this.row(dto.parentId, true), 'Parent committee');
    if (parent.status !== 'active') throw new ConflictProblem('dissolved', `${parent.code} is dissolved`);
    await this.assertLevelFits(await this.levelRank(dto.level), parent, []);

    let pre = leafPre(parent.last_pre, await this.nextPre(parent.last_pre));
    if (pre === null) {
      await this.renumber();
      parent = (await this.row(parent.id)) as CommitteeRow;
      pre = leafPre(parent.last_pre, await this.nextPre(parent.last_pre)) as number;
    }
    const [{ node }]: { node: string }[] = await this.tx.query(`SELECT nextval('committee_node_seq')::text AS node`);
    const [{ id }]: { id: string }[] = await this.tx
      .query(
        `INSERT INTO committee (code, name, level_code, parent_id, node_no, path, depth, pre, last_pre, valid_from)
         VALUES ($1, $2, $3, $4, $5, $6::ltree || $7::ltree, $8, $9, $9, COALESCE($10::date, current_date))
         RETURNING id`,
        [dto.code, dto.name, dto.level, parent.id, node, parent.path, `n${node}`, parent.depth + 1, pre, dto.validFrom ?? null],
      )
      .catch((error: unknown) => {
        // Codes are unique country-wide; the one taken may be in a committee the caller cannot see, so only the field is named.
        if (isUniqueViolation(error, 'committee_code_key'))
          throw new ConflictProblem('duplicate', 'A committee with this code already exists', { errors: [{ field: 'code', message: 'is already taken' }] });
        throw error;
      });
    // The new leaf closes the subtree of every ancestor whose subtree ended where the parent's did:
    // their intervals grow, and so does the reach of everyone holding a role there.
    noteAccessChanged(EVERYONE);
    await this.tx.query(`UPDATE committee SET last_pre = $1 WHERE path @> $2::ltree AND last_pre = $3`, [pre, parent.path, parent.last_pre]);
    const created = (await this.row(id)) as CommitteeRow;
    await this.audit.record({ committeeId: id, entityType: 'Committee', entityId: id, action: 'create', changes: { after: toView(created) } });
    return toView(created);
  }

  private async nextPre(after: number): Promise<number | null> {
    const [r]: { next: string | null }[] = await this.tx.query(`SELECT min(pre)::text AS next FROM committee WHERE pre > $1`, [after]);
    return r.next === null ? null : Number(r.next);
  }

  private async renumber(): Promise<void> {
    noteAccessChanged(EVERYONE);
    await this.tx.query(RENUMBER_SQL);
    for (const hook of this.renumberHooks) await hook(this.tx);
  }

  private async loadForChange(id: string, action: 'update' | 'dissolve', version: number): Promise<CommitteeRow> {
    const row = ensureCan(action, 'Committee', await this.row(id, true), 'Committee');
    if (row.version !== version) throw new VersionConflictProblem('Committee', row.version);
    if (row.status !== 'active') throw new ConflictProblem('dissolved', `${row.code} is dissolved`);
    return row;
  }

  @Transactional()
  async update(id: string, dto: UpdateCommitteeDto): Promise<CommitteeView> {
    const row = await this.loadForChange(id, 'update', dto.version);
    if (dto.level && dto.level !== row.level_code) {
      const parent = row.parent_id ? await this.row(row.parent_id) : undefined;
      const children = await this.rows('c.parent_id = $1', [id]);
      await this.assertLevelFits(await this.levelRank(dto.level), parent, children);
    }
    await this.tx.query(
      `UPDATE committee SET name = COALESCE($2, name), code = COALESCE($3, code), level_code = COALESCE($4, level_code),
              version = version + 1, updated_at = now() WHERE id = $1`,
      [id, dto.name ?? null, dto.code ?? null, dto.level ?? null],
    );
    const updated = (await this.row(id)) as CommitteeRow;
    await this.audit.record({ committeeId: id, entityType: 'Committee', entityId: id, action: 'update', changes: diff(toView(row), toView(updated)) });
    return toView(updated);
  }

  @Transactional()
  async move(id: string, dto: MoveCommitteeDto): Promise<CommitteeView> {
    await this.tx.query(TREE_LOCK_SQL);
    const row = await this.loadForChange(id, 'update', dto.version);
    const parent = ensureCan('createChild', 'Committee', await this.row(dto.parentId, true), 'Parent committee');
    if (parent.status !== 'active') throw new ConflictProblem('dissolved', `${parent.code} is dissolved`);
    if (parent.pre >= row.pre && parent.pre <= row.last_pre)
      throw new ConflictProblem('tree-cycle', 'A committee cannot move under itself or a committee below it');
    const children = await this.rows('c.parent_id = $1', [id]);
    await this.assertLevelFits(row.level_rank, parent, children);
    await this.reparentSubtree(row, parent);
    await this.tx.query(`UPDATE committee SET parent_id = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, parent.id]);
    await this.renumber();
    const moved = (await this.row(id)) as CommitteeRow;
    await this.audit.record({
      committeeId: id,
      entityType: 'Committee',
      entityId: id,
      action: 'move',
      changes: { before: { parentId: row.parent_id, path: row.code_path }, after: { parentId: parent.id, path: moved.code_path } },
    });
    return toView(moved);
  }

  /** Rewrites the ltree path of `row` and everything below it to hang under `parent`. */
  private async reparentSubtree(row: CommitteeRow, parent: CommitteeRow): Promise<void> {
    await this.tx.query(
      `UPDATE committee SET path = $2::ltree || subpath(path, nlevel($1::ltree) - 1), depth = depth - $3 + $4 + 1
        WHERE path <@ $1::ltree`,
      [row.path, parent.path, row.depth, parent.depth],
    );
  }

  @Transactional()
  async dissolve(id: string, dto: DissolveCommitteeDto): Promise<CommitteeView> {
    await this.tx.query(TREE_LOCK_SQL);
    noteAccessChanged(EVERYONE);
    const row = await this.loadForChange(id, 'dissolve', dto.version);
    const successor = ensureCan('createChild', 'Committee', await this.row(dto.successorId, true), 'Successor committee');
    if (successor.status !== 'active') throw new ConflictProblem('dissolved', `${successor.code} is dissolved`);
    if (successor.pre >= row.pre && successor.pre <= row.last_pre)
      throw new ConflictProblem('tree-cycle', 'The successor cannot be the committee itself or one below it');

    // Children hang under the successor; each keeps its own subtree.
    const children = await this.rows('c.parent_id = $1', [id]);
    await this.assertLevelFits(successor.level_rank, undefined, children);
    for (const child of children) {
      await this.reparentSubtree(child, successor);
      await this.tx.query(`UPDATE committee SET parent_id = $2, version = version + 1, updated_at = now() WHERE id = $1`, [child.id, successor.id]);
    }
    for (const hook of this.dissolveHooks) await hook(this.tx, toRef(row), toRef(successor));
    await this.tx.query(
      `UPDATE committee SET status = 'dissolved', successor_id = $2, valid_to = COALESCE($3::date, current_date),
              version = version + 1, updated_at = now() WHERE id = $1`,
      [id, successor.id, dto.effectiveOn ?? null],
    );
    await this.renumber();
    const dissolved = (await this.row(id)) as CommitteeRow;
    const changes = { before: { status: row.status }, after: { status: 'dissolved', successorId: successor.id, validTo: dissolved.valid_to } };
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
