import { Injectable, OnModuleInit } from '@nestjs/common';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { subject } from '@casl/ability';
import { CADRE_ALL_FIELDS, CADRE_RESTRICTED_FIELDS, CadreSubject, SqlScope, UntranslatableRuleError, accessibleBy, currentActor, ensureCan, permittedFields, pickFields } from '@canbo/access';
import { AuditService, diff } from '@canbo/audit';
import { CommitteeRef, CommitteesService } from '@canbo/committees';
import { AppConfig, ConflictProblem, FieldError, ForbiddenProblem, NotFoundProblem, Page, Sql, ValidationProblem, VersionConflictProblem, Where, toPage } from '@canbo/platform';
import { CADRE_FILE_SQL, CADRE_SCOPE_COLUMNS, CADRE_TALLY_COLUMNS, FULL_COLUMNS, ResolvedCadreFilter, cadreFilterWhere, cadreListQuery, cadreTallyQuery } from './cadre-queries';
import {
  ArchiveCadreDto,
  CadreCountQuery,
  CadreCountView,
  CadreFilter,
  CadreQuery,
  CadreView,
  CreateCadreDto,
  CreateEvaluationDto,
  CreatePositionDto,
  EndPositionDto,
  EvaluationView,
  PositionView,
  UpdateCadreDto,
} from './cadre.dto';

/** The cadre row as selected (dates as text, so no time zone ever shifts a birthday). */
interface CadreRow {
  id: string;
  committee_id: string;
  committee_pre: string;
  managing_committee_id: string;
  managing_pre: string;
  full_name: string;
  given_name: string;
  gender: string;
  date_of_birth: string;
  ethnicity: string;
  religion: string | null;
  hometown: string | null;
  party_join_date: string | null;
  party_official_date: string | null;
  education_level: string | null;
  political_theory_level: string | null;
  status: string;
  discipline?: unknown[];
  political_notes?: string | null;
  family?: unknown[];
  archived_at: Date | null;
  archived_reason: string | null;
  version: number;
  restricted_version: number;
  created_at: Date;
  updated_at: Date;
  restricted_updated_at: Date | null;
  current_positions: CadreView['currentPositions'];
}



/** CASL sees a cadre through where it works and who manages it. */
const toSubject = (r: CadreRow): CadreSubject => ({
  committeePre: Number(r.committee_pre),
  managingCommitteeId: r.managing_committee_id,
  managingPre: Number(r.managing_pre),
});

const RESTRICTED: ReadonlySet<string> = new Set(CADRE_RESTRICTED_FIELDS);

/**
 * The change stamp a caller sees. `version`/`updated_at` move with every change of what any reader of
 * the file sees; a write that changed only restricted groups moves `restricted_version` and
 * `restricted_updated_at` instead. So a caller who may not read those groups sees the public stamp,
 * unchanged by a change it must not learn of, and a reader of them sees the sum, which moves with
 * every change (both parts only grow). Optimistic locking compares against the stamp the caller sees:
 * an officer's stale public read still conflicts, an admin's stale restricted read too.
 */
function stampOf(r: CadreRow, readsRestricted: boolean): { version: number; updatedAt: Date } {
  if (!readsRestricted || !r.restricted_updated_at) return { version: r.version, updatedAt: r.updated_at };
  return { version: r.version + r.restricted_version, updatedAt: r.restricted_updated_at > r.updated_at ? r.restricted_updated_at : r.updated_at };
}

/** A caller reads the restricted groups of a file only whole (ability.factory.ts grants them together). */
function readsRestricted(r: CadreRow): boolean {
  const { ability } = currentActor();
  const target = subject('Cadre', toSubject(r));
  return CADRE_RESTRICTED_FIELDS.every((field) => ability.can('read', target as never, field));
}

/**
 * readsRestricted over the rows of one list: the answer depends only on where a file works and who
 * manages it, and a page holds few such placements (an ability check costs microseconds per row).
 */
function restrictedReader(): (r: CadreRow) => boolean {
  const decided = new Map<string, boolean>();
  return (r) => {
    const key = `${r.committee_pre}|${r.managing_committee_id}|${r.managing_pre}`;
    let reads = decided.get(key);
    if (reads === undefined) decided.set(key, (reads = readsRestricted(r)));
    return reads;
  };
}

/** The file as a row of the API, with the stamp a caller who does (or does not) read the restricted groups sees. */
function toView(r: CadreRow, restricted: boolean): CadreView {
  const stamp = stampOf(r, restricted);
  const view: CadreView = {
    id: r.id,
    committeeId: r.committee_id,
    managingCommitteeId: r.managing_committee_id,
    fullName: r.full_name,
    gender: r.gender,
    dateOfBirth: r.date_of_birth,
    ethnicity: r.ethnicity,
    religion: r.religion,
    hometown: r.hometown,
    partyJoinDate: r.party_join_date,
    partyOfficialDate: r.party_official_date,
    educationLevel: r.education_level,
    politicalTheoryLevel: r.political_theory_level,
    currentPositions: r.current_positions,
    status: r.status,
    archivedAt: r.archived_at?.toISOString() ?? null,
    archivedReason: r.archived_reason,
    version: stamp.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: stamp.updatedAt.toISOString(),
  };
  if (r.discipline !== undefined) Object.assign(view, { discipline: r.discipline, politicalNotes: r.political_notes ?? null, family: r.family });
  return view;
}

/** Columns a client may write, by API field name. */
const WRITABLE: Record<string, string> = {
  fullName: 'full_name',
  gender: 'gender',
  dateOfBirth: 'date_of_birth',
  ethnicity: 'ethnicity',
  religion: 'religion',
  hometown: 'hometown',
  partyJoinDate: 'party_join_date',
  partyOfficialDate: 'party_official_date',
  educationLevel: 'education_level',
  politicalTheoryLevel: 'political_theory_level',
  status: 'status',
  discipline: 'discipline',
  politicalNotes: 'political_notes',
  family: 'family',
};
const JSON_FIELDS = new Set(['discipline', 'family']);

/** The cadre-file checks class-validator cannot make alone (they span fields). */
function checkDates(c: Partial<Pick<CadreView, 'dateOfBirth' | 'partyJoinDate' | 'partyOfficialDate'>>): void {
  const errors: FieldError[] = [];
  const today = new Date().toISOString().slice(0, 10);
  if (c.dateOfBirth && c.dateOfBirth > today) errors.push({ field: 'dateOfBirth', message: 'dateOfBirth cannot be in the future' });
  if (c.partyJoinDate && c.dateOfBirth && c.partyJoinDate <= c.dateOfBirth)
    errors.push({ field: 'partyJoinDate', message: 'partyJoinDate must be after dateOfBirth' });
  if (c.partyJoinDate && c.partyJoinDate > today) errors.push({ field: 'partyJoinDate', message: 'partyJoinDate cannot be in the future' });
  if (c.partyOfficialDate && !c.partyJoinDate) errors.push({ field: 'partyOfficialDate', message: 'partyOfficialDate needs partyJoinDate' });
  if (c.partyOfficialDate && c.partyJoinDate && c.partyOfficialDate < c.partyJoinDate)
    errors.push({ field: 'partyOfficialDate', message: 'partyOfficialDate cannot be before partyJoinDate' });
  if (errors.length) throw new ValidationProblem(errors);
}

/**
 * Totals are reused for a few seconds (bench.md allows a cached total): summing the tallies of the
 * whole country costs several milliseconds. This process forgets them on its own writes; another
 * replica's writes show within the TTL.
 */
const TOTAL_TTL_MS = 5_000;
const TOTAL_CACHE_SIZE = 1_000;

export interface CadreRollupRow {
  level: string;
  gender: string;
  ageBand: 'under_30' | '30_39' | '40_49' | '50_59' | '60_plus';
  count: number;
}

@Injectable()
export class CadresService implements OnModuleInit {
  private readonly totals = new Map<string, { n: number; expiresAt: number }>();

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly sql: Sql,
    private readonly config: AppConfig,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    // Cadre rows copy their committees' pre-order numbers; keep them in step when the tree is renumbered.
    this.committees.onTreeRenumbered(async (tx) => {
      await tx.query(`UPDATE cadre k SET committee_pre = c.pre FROM committee c WHERE c.id = k.committee_id AND k.committee_pre <> c.pre`);
      await tx.query(`UPDATE cadre k SET managing_pre = c.pre FROM committee c WHERE c.id = k.managing_committee_id AND k.managing_pre <> c.pre`);
      // A cadre is managed from its working committee or above. A tree change that would leave a file
      // managed from the side (a district moved away from the province that manages some of its
      // cadres) is refused: the boards hand those files over first. Archived files count too: they are
      // still read (and audited) through their managing committee, which must stay above them.
      const [{ n, codes }]: { n: number; codes: string | null }[] = await tx.query(
        `SELECT count(*)::int AS n, string_agg(DISTINCT m.code, ', ') AS codes
           FROM cadre k JOIN committee m ON m.id = k.managing_committee_id
          WHERE NOT (k.committee_pre BETWEEN m.pre AND m.last_pre)`,
      );
      if (n > 0)
        throw new ConflictProblem(
          'managed-from-outside',
          `${n} cadre file(s) managed by ${codes} would no longer work under their managing committee; hand them over before changing the tree`,
          { cadres: n },
        );
    });
    // A dissolved committee's cadres work for, and are managed by, its successor. Each file's own history
    // shows the move: one event per file, on the chain of the committee that manages it now (where its
    // next events go and whose board reads them).
    this.committees.onCommitteeDissolved(async (tx, from, to) => {
      // TypeORM answers an UPDATE … RETURNING with [rows, rowCount].
      const [moved]: [{ id: string; was_working: string; was_managing: string; managing_committee_id: string; version: number }[], number] = await tx.query(
        `WITH was AS (SELECT id, committee_id, managing_committee_id FROM cadre WHERE committee_id = $1 OR managing_committee_id = $1 ORDER BY id FOR UPDATE)
         UPDATE cadre k SET committee_id = CASE WHEN was.committee_id = $1 THEN $2::uuid ELSE k.committee_id END,
                managing_committee_id = CASE WHEN was.managing_committee_id = $1 THEN $2::uuid ELSE k.managing_committee_id END,
                updated_at = now(), version = k.version + 1
           FROM was WHERE k.id = was.id
         RETURNING k.id, was.committee_id AS was_working, was.managing_committee_id AS was_managing, k.managing_committee_id, k.version`,
        [from.id, to.id],
      );
      const side = (r: (typeof moved)[number], id: string) => ({
        ...(r.was_working === from.id ? { committeeId: id } : {}),
        ...(r.was_managing === from.id ? { managingCommitteeId: id } : {}),
      });
      await this.audit.recordMany(
        moved.map((r) => ({
          committeeId: r.managing_committee_id,
          entityType: 'Cadre',
          entityId: r.id,
          action: 'hand-over',
          changes: { reason: 'committee dissolved', before: { ...side(r, from.id), version: r.version - 1 }, after: { ...side(r, to.id), version: r.version } },
        })),
      );
    });
  }

  private get tx() {
    return this.txHost.tx;
  }

  private async row(id: string, lock = false): Promise<CadreRow | undefined> {
    const [row]: CadreRow[] = await this.tx.query(`SELECT ${FULL_COLUMNS} FROM cadre k WHERE k.id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return row;
  }

  /** A file as the caller may see it: restricted groups are absent unless its ability grants them. */
  private present(row: CadreRow, extra: Partial<CadreView> = {}): Partial<CadreView> {
    const fields = permittedFields('read', 'Cadre', toSubject(row), CADRE_ALL_FIELDS);
    // The fields it may read already say whether it reads the restricted groups: no second ability check.
    const view = { ...toView(row, CADRE_RESTRICTED_FIELDS.every((f) => fields.has(f))), ...extra };
    return pickFields(view, fields);
  }

  /** A whole file (row, work history, ratings) in one round trip, as the caller may see it. */
  private async file(id: string): Promise<Partial<CadreView>> {
    const [row] = await this.sql.rows<CadreRow & Pick<CadreView, 'positions' | 'evaluations'>>(CADRE_FILE_SQL, [id]);
    ensureCan('read', 'Cadre', row && toSubject(row), 'Cadre');
    // json_build_object gives numeric scores as JSON numbers and dates as ISO text already.
    return this.present(row, { positions: row.positions, evaluations: row.evaluations });
  }

  get(id: string): Promise<Partial<CadreView>> {
    return this.file(id);
  }

  /** The filters with the committee resolved once (404 when it is not visible). */
  private async resolve<F extends CadreFilter>(query: F): Promise<F & ResolvedCadreFilter> {
    return { ...query, committee: query.committeeId ? await this.committees.visibleRef(query.committeeId) : undefined };
  }

  /** The caller's scope and the filters, as a WHERE clause over `cadre k`. */
  private filtered(filter: ResolvedCadreFilter, search: 'trigram' | 'scan' = 'trigram'): Where {
    // Rows are those whose public fields the caller may read; rules that only add restricted fields do not widen the list.
    const scope = accessibleBy(currentActor().ability, 'read', 'Cadre', CADRE_SCOPE_COLUMNS, { field: 'id' });
    return cadreFilterWhere(scope, { ...filter, search });
  }

  async list(query: CadreQuery): Promise<Page<Partial<CadreView>>> {
    const filter = await this.resolve(query);
    // A name search over a small scope walks the scope (see ResolvedCadreFilter.search); the tallies say how small.
    const scan = !!query.q && query.sort !== 'name' && !query.archived && ((await this.tallied(filter)) ?? Infinity) <= this.config.SEARCH_SCAN_LIMIT;
    const { sql, params } = cadreListQuery(this.filtered(filter, scan ? 'scan' : 'trigram'), { ...query, twoStep: scan });
    const rows = await this.sql.rows<CadreRow>(sql, params);
    const byName = query.sort === 'name';
    const reads = restrictedReader();
    return toPage(rows, query.limit, (r) => (byName ? [r.given_name, r.full_name, r.id] : [Number(r.committee_pre), r.id]), (r) => toView(r, reads(r)));
  }

  /**
   * The total behind a list. Filters the running tallies can answer (committee, subtree, gender,
   * status) are exact and cheap at any size; a name search is estimated unless `exact` asks for the
   * count (bench.md: an exact count of a million rows costs tens of milliseconds).
   */
  async count(query: CadreCountQuery): Promise<CadreCountView> {
    const filter = await this.resolve(query);
    if (!query.q && !query.managingCommitteeId && !query.archived) {
      const total = await this.tallied(filter);
      if (total !== undefined) return { total, exact: true, source: 'tally' };
    }
    const where = this.filtered(filter);
    if (query.exact) {
      const [{ n }]: { n: number }[] = await this.tx.query(`SELECT count(*)::int AS n FROM cadre k WHERE ${where}`, where.params);
      return { total: n, exact: true, source: 'count' };
    }
    const [{ 'QUERY PLAN': plan }]: { 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }[] = await this.tx.query(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM cadre k WHERE ${where}`,
      where.params,
    );
    return { total: Math.round(plan[0].Plan['Plan Rows']), exact: false, source: 'estimate' };
  }

  /** The caller's scope over committee columns, or undefined when it is not a matter of committees alone. */
  private committeeScope(columns: Record<string, string>): SqlScope | undefined {
    try {
      return accessibleBy(currentActor().ability, 'read', 'Cadre', columns, { field: 'id' });
    } catch (error) {
      if (error instanceof UntranslatableRuleError) return undefined;
      throw error;
    }
  }

  /** Sum of the tallies in the caller's scope (the name search and managing filters are not tallied). */
  private async tallied(filter: ResolvedCadreFilter): Promise<number | undefined> {
    const scope = this.committeeScope(CADRE_TALLY_COLUMNS);
    if (!scope) return undefined;
    const { sql, params } = cadreTallyQuery(scope, filter);
    const key = `${sql}|${JSON.stringify(params)}`;
    const cached = this.totals.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.n;
    const [{ n }] = await this.sql.rows<{ n: number }>(sql, params);
    if (this.totals.size >= TOTAL_CACHE_SIZE) this.totals.clear();
    this.totals.set(key, { n, expiresAt: Date.now() + TOTAL_TTL_MS });
    return n;
  }

  /**
   * Current cadres by the level of the committee they work in, gender and age band, over the caller's
   * scope (optionally one subtree). Read from the running tallies: a national roll-up touches at most
   * a few hundred thousand tally rows, never the million files.
   */
  async rollup(committeeId?: string): Promise<CadreRollupRow[]> {
    const scope = this.committeeScope({ committeePre: 'c.pre' });
    if (!scope) throw new ForbiddenProblem('Roll-ups need a committee-wide view of the files');
    const where = new Where().andNamed(scope.sql, scope.params);
    if (committeeId) {
      const c = await this.committees.visibleRef(committeeId);
      where.and('c.pre BETWEEN ? AND ?', c.pre, c.lastPre);
    }
    const age = `(extract(year FROM current_date)::int - t.birth_year)`;
    return this.tx.query(
      `SELECT c.level_code AS level, t.gender,
              CASE WHEN ${age} < 30 THEN 'under_30' WHEN ${age} < 40 THEN '30_39' WHEN ${age} < 50 THEN '40_49'
                   WHEN ${age} < 60 THEN '50_59' ELSE '60_plus' END AS "ageBand",
              sum(t.n)::int AS count
         FROM cadre_age_tally t JOIN committee c ON c.id = t.committee_id
        WHERE ${where} AND t.n > 0
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      where.params,
    );
  }

  /** The working committee must be the managing one or below it (a cadre is managed from above, never from the side). */
  private async placement(committeeId: string, managingCommitteeId: string): Promise<{ working: CommitteeRef; managing: CommitteeRef }> {
    const refs = await this.committees.refs([committeeId, managingCommitteeId]);
    const { ability } = currentActor();
    // Visibility first: nothing about a committee the caller cannot see (its state, its place in the tree) may show.
    const visible = (ref: CommitteeRef | undefined) => ref && ability.can('read', subject('Committee', { id: ref.id, pre: ref.pre }) as never);
    const working = refs.get(committeeId);
    const managing = refs.get(managingCommitteeId);
    if (!visible(working) || !working) throw new NotFoundProblem('Committee');
    if (!visible(managing) || !managing) throw new NotFoundProblem('Managing committee');
    if (working.status !== 'active') throw new ConflictProblem('dissolved', `${working.code} is dissolved`);
    if (managing.status !== 'active') throw new ConflictProblem('dissolved', `${managing.code} is dissolved`);
    if (working.pre < managing.pre || working.pre > managing.lastPre)
      throw new ValidationProblem([{ field: 'committeeId', message: `the working committee must be ${managing.code} or a committee below it` }]);
    return { working, managing };
  }

  /** 403 naming each field the caller may not write on this file (restricted groups for officers, say). */
  private assertFieldsWritable(action: 'create' | 'update', target: CadreSubject, fields: string[]): void {
    const allowed = permittedFields('update', 'Cadre', target, CADRE_ALL_FIELDS);
    const denied = fields.filter((f) => !allowed.has(f));
    if (denied.length) throw new ForbiddenProblem(`You may not ${action === 'create' ? 'set' : 'change'} ${denied.join(', ')} on this file`);
  }

  @Transactional()
  async create(dto: CreateCadreDto): Promise<Partial<CadreView>> {
    const { working, managing } = await this.placement(dto.committeeId, dto.managingCommitteeId);
    const target: CadreSubject = { committeePre: working.pre, managingCommitteeId: managing.id, managingPre: managing.pre };
    const { ability } = currentActor();
    if (!ability.can('create', subject('Cadre', target) as never)) throw new ForbiddenProblem(`You may not create files managed by ${managing.code}`);
    const fields = Object.keys(WRITABLE).filter((f) => dto[f as keyof CreateCadreDto] !== undefined);
    this.assertFieldsWritable('create', target, fields.filter((f) => (CADRE_RESTRICTED_FIELDS as readonly string[]).includes(f)));
    checkDates(dto);

    const columns = ['committee_id', 'committee_pre', 'managing_committee_id', 'managing_pre', ...fields.map((f) => WRITABLE[f])];
    const values: unknown[] = [working.id, working.pre, managing.id, managing.pre, ...fields.map((f) => this.column(f, dto[f as keyof CreateCadreDto]))];
    const [{ id }]: { id: string }[] = await this.tx.query(
      `INSERT INTO cadre (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      values,
    );
    const created = (await this.row(id)) as CadreRow;
    await this.audit.record({ committeeId: managing.id, entityType: 'Cadre', entityId: id, action: 'create', changes: { after: toView(created, true) } });
    this.totals.clear();
    return this.present(created, { positions: [], evaluations: [] });
  }

  private column(field: string, value: unknown): unknown {
    return JSON_FIELDS.has(field) ? JSON.stringify(value ?? []) : (value ?? null);
  }

  /** Loads a file for a change: 404 if invisible, 403 if read-only to the caller, 409 if the version is stale. */
  private async loadForChange(id: string, action: 'update' | 'archive', version: number): Promise<CadreRow> {
    const row = await this.row(id, true);
    ensureCan(action, 'Cadre', row && toSubject(row), 'Cadre');
    const cadre = row as CadreRow;
    const seen = stampOf(cadre, readsRestricted(cadre)).version;
    if (seen !== version) throw new VersionConflictProblem('Cadre', seen);
    if (cadre.archived_at) throw new ConflictProblem('archived', 'The file is archived');
    return cadre;
  }

  @Transactional()
  async update(id: string, dto: UpdateCadreDto & { version: number }): Promise<Partial<CadreView>> {
    const before = await this.loadForChange(id, 'update', dto.version);
    // The audit trail keeps the full stamp: the managing committee's chain is read only by those who
    // read the restricted groups too (its admins and secretaries, auditors above it).
    const beforeView = toView(before, true);
    // Every field sent must be writable, changed or not: otherwise a refusal would tell a caller who
    // cannot read a restricted field whether the value it guessed is the stored one.
    const provided = Object.keys(WRITABLE).filter((f) => dto[f as keyof UpdateCadreDto] !== undefined);
    this.assertFieldsWritable('update', toSubject(before), provided);
    const fields = provided.filter(
      (f) => JSON.stringify(dto[f as keyof UpdateCadreDto]) !== JSON.stringify(beforeView[f as keyof CadreView] ?? null),
    );
    checkDates({
      dateOfBirth: dto.dateOfBirth ?? before.date_of_birth,
      partyJoinDate: dto.partyJoinDate ?? before.party_join_date ?? undefined,
      partyOfficialDate: dto.partyOfficialDate ?? before.party_official_date ?? undefined,
    });

    const sets: string[] = fields.map((f, i) => `${WRITABLE[f]} = $${i + 2}`);
    const values: unknown[] = [id, ...fields.map((f) => this.column(f, dto[f as keyof UpdateCadreDto]))];
    const moving = (dto.committeeId && dto.committeeId !== before.committee_id) || (dto.managingCommitteeId && dto.managingCommitteeId !== before.managing_committee_id);
    if (moving) {
      const { working, managing } = await this.placement(dto.committeeId ?? before.committee_id, dto.managingCommitteeId ?? before.managing_committee_id);
      const target: CadreSubject = { committeePre: working.pre, managingCommitteeId: managing.id, managingPre: managing.pre };
      // Handing a file elsewhere needs the right to keep files there too.
      if (!currentActor().ability.can('create', subject('Cadre', target) as never))
        throw new ForbiddenProblem(`You may not move this file to ${working.code} managed by ${managing.code}`);
      values.push(working.id, working.pre, managing.id, managing.pre);
      const n = values.length;
      sets.push(`committee_id = $${n - 3}`, `committee_pre = $${n - 2}`, `managing_committee_id = $${n - 1}`, `managing_pre = $${n}`);
    }
    if (sets.length === 0) return this.get(id);
    // A change of restricted groups alone moves only their stamp (see stampOf).
    const stamp = moving || fields.some((f) => !RESTRICTED.has(f)) ? 'version = version + 1, updated_at = now()' : 'restricted_version = restricted_version + 1, restricted_updated_at = now()';
    await this.tx.query(`UPDATE cadre SET ${sets.join(', ')}, ${stamp} WHERE id = $1`, values);
    const after = (await this.row(id)) as CadreRow;
    await this.audit.record({ committeeId: before.managing_committee_id, entityType: 'Cadre', entityId: id, action: 'update', changes: diff(beforeView, toView(after, true)) });
    this.totals.clear();
    return this.file(id);
  }

  @Transactional()
  async archive(id: string, dto: ArchiveCadreDto): Promise<Partial<CadreView>> {
    const before = await this.loadForChange(id, 'archive', dto.version);
    await this.tx.query(`UPDATE cadre SET archived_at = now(), archived_reason = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, dto.reason]);
    const after = (await this.row(id)) as CadreRow;
    this.totals.clear();
    await this.audit.record({
      committeeId: before.managing_committee_id,
      entityType: 'Cadre',
      entityId: id,
      action: 'archive',
      changes: { before: { archivedAt: null }, after: { archivedAt: after.archived_at?.toISOString(), archivedReason: dto.reason } },
    });
    return this.present(after);
  }

  private async positions(cadreId: string): Promise<PositionView[]> {
    return this.tx.query(
      `SELECT id, title, organisation, committee_id AS "committeeId", concurrent, to_char(started_on, 'YYYY-MM-DD') AS "startedOn",
              to_char(ended_on, 'YYYY-MM-DD') AS "endedOn", decision_ref AS "decisionRef"
         FROM cadre_position WHERE cadre_id = $1 ORDER BY started_on, created_at`,
      [cadreId],
    );
  }

  private async evaluations(cadreId: string): Promise<EvaluationView[]> {
    const rows: (EvaluationView & { score: string | null })[] = await this.tx.query(
      `SELECT id, year, rating, score::text AS score, note FROM cadre_evaluation WHERE cadre_id = $1 ORDER BY year`,
      [cadreId],
    );
    return rows.map((r) => ({ ...r, score: r.score === null ? null : Number(r.score) }));
  }

  /** Work history and evaluations are part of the file: the same right as updating it, and the file's version moves. */
  private async loadForHistory(id: string): Promise<CadreRow> {
    const row = await this.row(id, true);
    ensureCan('update', 'Cadre', row && toSubject(row), 'Cadre');
    if ((row as CadreRow).archived_at) throw new ConflictProblem('archived', 'The file is archived');
    return row as CadreRow;
  }

  @Transactional()
  async addPosition(cadreId: string, dto: CreatePositionDto): Promise<PositionView> {
    const cadre = await this.loadForHistory(cadreId);
    if (dto.endedOn && dto.endedOn < dto.startedOn) throw new ValidationProblem([{ field: 'endedOn', message: 'endedOn cannot be before startedOn' }]);
    // A committee the caller cannot see is as absent as one that does not exist: 404 for both.
    if (dto.committeeId) await this.committees.visibleRef(dto.committeeId);
    const [{ id }]: { id: string }[] = await this.tx.query(
      `INSERT INTO cadre_position (cadre_id, committee_id, title, organisation, concurrent, started_on, ended_on, decision_ref)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [cadreId, dto.committeeId ?? null, dto.title, dto.organisation, dto.concurrent ?? false, dto.startedOn, dto.endedOn ?? null, dto.decisionRef ?? null],
    );
    await this.tx.query(`UPDATE cadre SET version = version + 1, updated_at = now() WHERE id = $1`, [cadreId]);
    const position = (await this.positions(cadreId)).find((p) => p.id === id) as PositionView;
    await this.audit.record({ committeeId: cadre.managing_committee_id, entityType: 'Cadre', entityId: cadreId, action: 'add-position', changes: { after: position } });
    return position;
  }

  @Transactional()
  async endPosition(cadreId: string, positionId: string, dto: EndPositionDto): Promise<PositionView> {
    const cadre = await this.loadForHistory(cadreId);
    const before = (await this.positions(cadreId)).find((p) => p.id === positionId);
    if (!before) throw new NotFoundProblem('Position');
    if (before.endedOn) throw new ConflictProblem('already-ended', `The position already ended on ${before.endedOn}`);
    if (dto.endedOn < before.startedOn) throw new ValidationProblem([{ field: 'endedOn', message: 'endedOn cannot be before the position started' }]);
    await this.tx.query(`UPDATE cadre_position SET ended_on = $2 WHERE id = $1`, [positionId, dto.endedOn]);
    await this.tx.query(`UPDATE cadre SET version = version + 1, updated_at = now() WHERE id = $1`, [cadreId]);
    const after = (await this.positions(cadreId)).find((p) => p.id === positionId) as PositionView;
    await this.audit.record({
      committeeId: cadre.managing_committee_id,
      entityType: 'Cadre',
      entityId: cadreId,
      action: 'end-position',
      changes: { positionId, before: { endedOn: null }, after: { endedOn: after.endedOn } },
    });
    return after;
  }

  @Transactional()
  async addEvaluation(cadreId: string, dto: CreateEvaluationDto): Promise<EvaluationView> {
    const cadre = await this.loadForHistory(cadreId);
    const [row]: { id: string }[] = await this.tx.query(
      `INSERT INTO cadre_evaluation (cadre_id, year, rating, score, note) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (cadre_id, year) DO NOTHING RETURNING id`,
      [cadreId, dto.year, dto.rating, dto.score ?? null, dto.note ?? null],
    );
    if (!row) throw new ConflictProblem('duplicate', `The file already has an evaluation for ${dto.year}`);
    await this.tx.query(`UPDATE cadre SET version = version + 1, updated_at = now() WHERE id = $1`, [cadreId]);
    const evaluation = (await this.evaluations(cadreId)).find((e) => e.id === row.id) as EvaluationView;
    await this.audit.record({ committeeId: cadre.managing_committee_id, entityType: 'Cadre', entityId: cadreId, action: 'add-evaluation', changes: { after: evaluation } });
    return evaluation;
  }
}
