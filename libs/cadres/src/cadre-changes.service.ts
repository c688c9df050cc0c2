import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { subject } from '@casl/ability';
import { CADRE_ALL_FIELDS, CadreSubject, currentActor, permittedFields } from '@canbo/access';
import { AuditService, diff } from '@canbo/audit';
import { CommitteeRef, CommitteesService } from '@canbo/committees';
import { ConflictProblem, ForbiddenProblem, NotFoundProblem, ValidationProblem, VersionConflictProblem } from '@canbo/platform';
import { ArchiveCadreDto, CadreView, CreateCadreDto, UpdateCadreDto } from './cadre.dto';
import { WritableField, checkDates, fieldsSet } from './cadre-fields';
import { RESTRICTED, fileCheck, present, readsRestricted, stampOf, toSubject, toView } from './cadre.mappers';
import { CadrePlacement, CadreRepository, CheckedCadre } from './cadre.repository';
import { CadreTotalsCache } from './cadre-totals.cache';
import { CadresService } from './cadres.service';

const placementOf = ({ working, managing }: { working: CommitteeRef; managing: CommitteeRef }): CadrePlacement => ({
  working: { id: working.id, pre: working.pre },
  managing: { id: managing.id, pre: managing.pre },
});

const pick = (dto: Partial<Record<WritableField, unknown>>, fields: WritableField[]): Partial<Record<WritableField, unknown>> =>
  Object.fromEntries(fields.map((f) => [f, dto[f]]));

/** Opening, changing and archiving cadre files: each change audited in its transaction. */
@Injectable()
export class CadreChanges {
  constructor(
    private readonly cadres: CadreRepository,
    private readonly reads: CadresService,
    private readonly totals: CadreTotalsCache,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
  ) {}

  /** The working committee must be the managing one or below it (a cadre is managed from above, never from the side). */
  private async placement(committeeId: string, managingCommitteeId: string): Promise<{ working: CommitteeRef; managing: CommitteeRef }> {
    const refs = await this.committees.refs([committeeId, managingCommitteeId]);
    const { ability } = currentActor();
    // Visibility first: nothing about a committee the caller cannot see (its state, its place in the tree) may show.
    const visible = (ref: CommitteeRef | undefined) =>
      ref && ability.can('read', subject('Committee', { id: ref.id, pre: ref.pre }) as never);
    const working = refs.get(committeeId);
    const managing = refs.get(managingCommitteeId);
    if (!visible(working) || !working) throw new NotFoundProblem('Committee');
    if (!visible(managing) || !managing) throw new NotFoundProblem('Managing committee');
    if (working.status !== 'active') throw new ConflictProblem('dissolved', `${working.code} is dissolved`);
    if (managing.status !== 'active') throw new ConflictProblem('dissolved', `${managing.code} is dissolved`);
    if (working.pre < managing.pre || working.pre > managing.lastPre)
      throw new ValidationProblem([
        { field: 'committeeId', message: `the working committee must be ${managing.code} or a committee below it` },
      ]);
    return { working, managing };
  }

  /** 403 naming each field the caller may not write on this file (restricted groups for officers, say). */
  private assertFieldsWritable(action: 'create' | 'update', target: CadreSubject, fields: string[]): void {
    const allowed = permittedFields('update', 'Cadre', target, CADRE_ALL_FIELDS);
    const denied = fields.filter((f) => !allowed.has(f));
    if (denied.length)
      throw new ForbiddenProblem(`You may not ${action === 'create' ? 'set' : 'change'} ${denied.join(', ')} on this file`);
  }

  /**
   * Where new files would go, once the caller may open files there: 404 for a committee it cannot see,
   * 409 for a dissolved one, 403 where it may not create (POST /cadres and the import both ask this).
   */
  async creatable(committeeId: string, managingCommitteeId: string): Promise<{ placement: CadrePlacement; target: CadreSubject }> {
    const { working, managing } = await this.placement(committeeId, managingCommitteeId);
    const target: CadreSubject = { committeePre: working.pre, managingCommitteeId: managing.id, managingPre: managing.pre };
    const { ability } = currentActor();
    if (!ability.can('create', subject('Cadre', target) as never))
      throw new ForbiddenProblem(`You may not create files managed by ${managing.code}`);
    return { placement: placementOf({ working, managing }), target };
  }

  @Transactional()
  async create(dto: CreateCadreDto): Promise<Partial<CadreView>> {
    const { placement, target } = await this.creatable(dto.committeeId, dto.managingCommitteeId);
    const fields = fieldsSet(dto);
    this.assertFieldsWritable(
      'create',
      target,
      fields.filter((f) => RESTRICTED.has(f)),
    );
    checkDates(dto);

    const created = await this.cadres.create(placement, pick(dto, fields));
    await this.audit.record({
      committeeId: placement.managing.id,
      entityType: 'Cadre',
      entityId: created.id,
      action: 'create',
      changes: { after: toView(created, true) },
    });
    this.totals.forget();
    return present(created, { positions: [], evaluations: [] });
  }

  /** Loads a file for a change: 404 if invisible, 403 if read-only to the caller, 409 if the version is stale. */
  private async loadForChange(id: string, action: 'update' | 'archive', version: number): Promise<CheckedCadre> {
    const cadre = await this.cadres.forChange(id, fileCheck(action));
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
    const provided = fieldsSet(dto);
    this.assertFieldsWritable('update', toSubject(before), provided);
    const fields = provided.filter((f) => JSON.stringify(dto[f]) !== JSON.stringify(beforeView[f] ?? null));
    checkDates({
      dateOfBirth: dto.dateOfBirth ?? before.date_of_birth,
      partyJoinDate: dto.partyJoinDate ?? before.party_join_date ?? undefined,
      partyOfficialDate: dto.partyOfficialDate ?? before.party_official_date ?? undefined,
    });

    let placement: CadrePlacement | undefined;
    const moving =
      (dto.committeeId && dto.committeeId !== before.committee_id) ||
      (dto.managingCommitteeId && dto.managingCommitteeId !== before.managing_committee_id);
    if (moving) {
      const { working, managing } = await this.placement(
        dto.committeeId ?? before.committee_id,
        dto.managingCommitteeId ?? before.managing_committee_id,
      );
      const target: CadreSubject = { committeePre: working.pre, managingCommitteeId: managing.id, managingPre: managing.pre };
      // Handing a file elsewhere needs the right to keep files there too.
      if (!currentActor().ability.can('create', subject('Cadre', target) as never))
        throw new ForbiddenProblem(`You may not move this file to ${working.code} managed by ${managing.code}`);
      placement = placementOf({ working, managing });
    }
    if (fields.length === 0 && !placement) return this.reads.get(id);
    // A change of restricted groups alone moves only their stamp (see stampOf).
    const stamp = placement || fields.some((f) => !RESTRICTED.has(f)) ? 'public' : 'restricted';
    const after = await this.cadres.update(before, { fields: pick(dto, fields), placement, stamp });
    await this.audit.record({
      committeeId: before.managing_committee_id,
      entityType: 'Cadre',
      entityId: id,
      action: 'update',
      changes: diff(beforeView, toView(after, true)),
    });
    this.totals.forget();
    return this.reads.get(id);
  }

  @Transactional()
  async archive(id: string, dto: ArchiveCadreDto): Promise<Partial<CadreView>> {
    const before = await this.loadForChange(id, 'archive', dto.version);
    const after = await this.cadres.archive(before, dto.reason);
    this.totals.forget();
    await this.audit.record({
      committeeId: before.managing_committee_id,
      entityType: 'Cadre',
      entityId: id,
      action: 'archive',
      changes: { before: { archivedAt: null }, after: { archivedAt: after.archived_at?.toISOString(), archivedReason: dto.reason } },
    });
    return present(after);
  }
}
