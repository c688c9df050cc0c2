import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { subject as asSubject } from '@casl/ability';
import { currentActor, ensureCan } from '@canbo/access';
import { AuditService } from '@canbo/audit';
import { CommitteesService } from '@canbo/committees';
import { ConflictProblem, ForbiddenProblem, ValidationProblem } from '@canbo/platform';
import { CreateDeadlineBatchDto, DeadlineBatchView } from './deadline.dto';
import { readableBatches, readableDeadlines } from './caller-scopes';
import { DeadlineBatchRepository, DeadlineBatchRow } from './deadline-batch.repository';
import { DeadlineRepository } from './deadline.repository';
import { DEADLINE_STATES } from './deadline-transitions';
import { DeadlinePoliciesService } from './deadline-policies.service';

/** "Every commune below us must … by …": one deadline per active committee below a board, and the board's view of who is late. */
@Injectable()
export class DeadlineBatchesService {
  constructor(
    private readonly batches: DeadlineBatchRepository,
    private readonly deadlines: DeadlineRepository,
    private readonly policies: DeadlinePoliciesService,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
  ) {}

  /** One deadline per active committee below the board (optionally of one level). */
  @Transactional()
  async create(dto: CreateDeadlineBatchDto): Promise<DeadlineBatchView> {
    const board = await this.committees.visibleRef(dto.committeeId);
    if (!currentActor().ability.can('create', asSubject('DeadlineBatch', { committeePre: board.pre }))) throw new ForbiddenProblem();
    await this.policies.ensureKind(dto.kind);
    if (dto.level && !(await this.committees.levels()).some((l) => l.code === dto.level))
      throw new ValidationProblem([{ field: 'level', message: `unknown level "${dto.level}"; see GET /committee-levels` }]);
    const { userId } = currentActor();
    const batch = { kind: dto.kind, title: dto.title, dueOn: dto.dueOn, levelCode: dto.level ?? null, createdBy: userId };
    const id = await this.batches.add({ committeeId: board.id, ...batch });
    const count = await this.deadlines.addBelow(board, { id, ...batch, ownerRole: dto.ownerRole ?? 'admin' });
    if (count === 0)
      throw new ConflictProblem(
        'no-committees-below',
        `No active committee below ${board.code}${dto.level ? ` at level ${dto.level}` : ''}`,
      );
    // One event on the board's chain: the batch row names every deadline it made (deadline.batch_id).
    await this.audit.record({
      committeeId: board.id,
      entityType: 'DeadlineBatch',
      entityId: id,
      action: 'create',
      changes: { after: { ...dto, deadlines: count } },
    });
    return this.get(id);
  }

  /** A batch's progress: its deadlines by state, and how many are late. */
  async get(id: string): Promise<DeadlineBatchView> {
    const row = await this.batches.find(readableBatches(), id);
    ensureCan('read', 'DeadlineBatch', row && asSubject('DeadlineBatch', { committeePre: Number(row.committeePre) }), 'Deadline batch');
    const { committeeId, levelCode, kind, title, dueOn, createdAt } = row as DeadlineBatchRow;
    const counts = Object.fromEntries([...DEADLINE_STATES, 'total', 'late'].map((k) => [k, 0])) as DeadlineBatchView['counts'];
    // Whoever reads the batch reads every deadline below its board: the counts are the whole batch's.
    for (const t of await this.deadlines.tallyOfBatch(readableDeadlines(), id)) {
      counts[t.state] = t.n;
      counts.total += t.n;
      counts.late += t.late;
    }
    return { id, committeeId, level: levelCode, kind, title, dueOn, createdAt: createdAt.toISOString(), counts };
  }
}
