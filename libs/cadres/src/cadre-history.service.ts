import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { AuditService } from '@canbo/audit';
import { CommitteesService } from '@canbo/committees';
import { ConflictProblem, NotFoundProblem, ValidationProblem } from '@canbo/platform';
import { CreateEvaluationDto, CreatePositionDto, EndPositionDto, EvaluationView, PositionView } from './cadre.dto';
import { fileCheck, toEvaluationView, toPositionView } from './cadre.mappers';
import { CadreRepository, CheckedCadre } from './cadre.repository';

/** Where a file sits: the committee the cadre works in and the one that manages the file. */
export interface CadrePlacementIds {
  workingCommitteeId: string;
  managingCommitteeId: string;
}

/** An archived file's history is closed: nothing is added to it, by a user or by the system. */
function refuseArchived(cadre: CheckedCadre): CheckedCadre {
  if (cadre.archived_at) throw new ConflictProblem('archived', 'The file is archived');
  return cadre;
}

/**
 * A cadre's work history (quá trình công tác) and yearly ratings. They are part of the file: changing
 * them takes the same right as updating it, moves the file's version, and is audited on its chain.
 */
@Injectable()
export class CadreHistory {
  constructor(
    private readonly cadres: CadreRepository,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
  ) {}

  private async loadForHistory(id: string): Promise<CheckedCadre> {
    return refuseArchived(await this.cadres.forChange(id, fileCheck('update')));
  }

  @Transactional()
  async addPosition(cadreId: string, dto: CreatePositionDto): Promise<PositionView> {
    const cadre = await this.loadForHistory(cadreId);
    if (dto.endedOn && dto.endedOn < dto.startedOn)
      throw new ValidationProblem([{ field: 'endedOn', message: 'endedOn cannot be before startedOn' }]);
    // A committee the caller cannot see is as absent as one that does not exist: 404 for both.
    if (dto.committeeId) await this.committees.visibleRef(dto.committeeId);
    const position = toPositionView(await this.cadres.addPosition(cadre, dto));
    await this.cadres.touch(cadre);
    await this.audit.record({
      committeeId: cadre.managing_committee_id,
      entityType: 'Cadre',
      entityId: cadreId,
      action: 'add-position',
      changes: { after: position },
    });
    return position;
  }

  @Transactional()
  async endPosition(cadreId: string, positionId: string, dto: EndPositionDto): Promise<PositionView> {
    const cadre = await this.loadForHistory(cadreId);
    const before = await this.cadres.position(cadre, positionId);
    if (!before) throw new NotFoundProblem('Position');
    if (before.endedOn) throw new ConflictProblem('already-ended', `The position already ended on ${before.endedOn}`);
    if (dto.endedOn < before.startedOn)
      throw new ValidationProblem([{ field: 'endedOn', message: 'endedOn cannot be before the position started' }]);
    const after = toPositionView(await this.cadres.endPosition(before, dto.endedOn));
    await this.cadres.touch(cadre);
    await this.audit.record({
      committeeId: cadre.managing_committee_id,
      entityType: 'Cadre',
      entityId: cadreId,
      action: 'end-position',
      changes: { positionId, before: { endedOn: null }, after: { endedOn: after.endedOn } },
    });
    return after;
  }

  /**
   * For the appointments worker (libs/appointments), acting as the system on an effective date: the
   * cadre's open main posts that started before `post.startedOn` end the day before, and the new post
   * opens. No caller's ability applies (the decision was authorised when it was taken); audited on the file.
   * An archived file is refused (409 `archived`), as for any other change of its history.
   */
  @Transactional()
  async moveToPost(
    cadreId: string,
    post: { title: string; organisation: string; committeeId: string; startedOn: string; decisionRef: string | null },
    placement?: { workingCommitteeId: string; managingCommitteeId: string },
  ): Promise<{ ended: string[]; opened: string; placement?: { before: CadrePlacementIds; after: CadrePlacementIds } }> {
    const cadre = await this.cadres.forChange(cadreId, () => undefined);
    if (!cadre) throw new NotFoundProblem('Cadre');
    refuseArchived(cadre);
    const ended = await this.cadres.endOpenMainPositions(cadre, post.startedOn);
    const opened = await this.cadres.addPosition(cadre, { ...post, decisionRef: post.decisionRef ?? undefined, concurrent: false });
    let moved: { before: CadrePlacementIds; after: CadrePlacementIds } | undefined;
    if (placement) {
      // A rotation also moves the file: the working committee, and the managing one where the caller says so.
      const refs = await this.committees.refs([placement.workingCommitteeId, placement.managingCommitteeId]);
      const [working, managing] = [refs.get(placement.workingCommitteeId), refs.get(placement.managingCommitteeId)];
      if (!working || !managing) throw new NotFoundProblem('Committee');
      await this.cadres.update(cadre, { fields: {}, placement: { working, managing }, stamp: 'public' });
      moved = {
        before: { workingCommitteeId: cadre.committee_id, managingCommitteeId: cadre.managing_committee_id },
        after: { workingCommitteeId: working.id, managingCommitteeId: managing.id },
      };
    } else await this.cadres.touch(cadre);
    await this.audit.record({
      committeeId: cadre.managing_committee_id,
      entityType: 'Cadre',
      entityId: cadreId,
      action: 'move-to-post',
      changes: { ended, after: toPositionView(opened), ...(moved ? { placement: moved } : {}) },
    });
    return { ended, opened: opened.id, ...(moved ? { placement: moved } : {}) };
  }

  /**
   * For rotations (libs/rotation), once it has checked that the caller's board wrote this history (the origin,
   * whose reach the file left when it moved): the posts and yearly ratings entered before `at` — public groups of
   * the file only, read as the caller's scope no longer shows them (the caller runs it as the system).
   */
  async writtenBefore(cadreId: string, at: Date): Promise<{ positions: PositionView[]; evaluations: EvaluationView[] }> {
    const { positions, evaluations } = await this.cadres.writtenBefore(cadreId, at);
    return { positions: positions.map(toPositionView), evaluations: evaluations.map(toEvaluationView) };
  }

  @Transactional()
  async addEvaluation(cadreId: string, dto: CreateEvaluationDto): Promise<EvaluationView> {
    const cadre = await this.loadForHistory(cadreId);
    const added = await this.cadres.addEvaluation(cadre, dto);
    if (!added) throw new ConflictProblem('duplicate', `The file already has an evaluation for ${dto.year}`);
    const evaluation = toEvaluationView(added);
    await this.cadres.touch(cadre);
    await this.audit.record({
      committeeId: cadre.managing_committee_id,
      entityType: 'Cadre',
      entityId: cadreId,
      action: 'add-evaluation',
      changes: { after: evaluation },
    });
    return evaluation;
  }
}
