import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { currentActor, operatorCommitteeId } from '@canbo/access';
import { AuditService } from '@canbo/audit';
import { NotFoundProblem, ValidationProblem, VersionConflictProblem } from '@canbo/platform';
import { DeadlinePolicyView, UpdateDeadlinePolicyDto } from './deadline.dto';
import { DeadlinePolicy } from './deadline-policy.entity';
import { DeadlinePolicyRepository } from './deadline-policy.repository';

const toView = ({ kind, name, remindDays, escalateAfterDays, version }: DeadlinePolicy): DeadlinePolicyView => ({
  kind,
  name,
  remindDays,
  escalateAfterDays,
  version,
});

/** The kinds of deadline, and per kind when the reminders and the escalation go out (operators change them). */
@Injectable()
export class DeadlinePoliciesService {
  constructor(
    private readonly policies: DeadlinePolicyRepository,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<DeadlinePolicyView[]> {
    return (await this.policies.all()).map(toView);
  }

  /** A deadline names a kind that has a policy, or the request is invalid (400 on `kind`). */
  async ensureKind(kind: string): Promise<void> {
    if (!(await this.policies.exists(kind)))
      throw new ValidationProblem([{ field: 'kind', message: `unknown kind "${kind}"; see GET /deadline-policies` }]);
  }

  @Transactional()
  async update(kind: string, dto: UpdateDeadlinePolicyDto): Promise<DeadlinePolicyView> {
    const before = await this.policies.find(kind, { lock: true });
    if (!before) throw new NotFoundProblem('Deadline policy');
    if (before.version !== dto.version) throw new VersionConflictProblem('The policy', before.version);
    const after = toView(
      await this.policies.update(kind, {
        remindDays: [...new Set(dto.remindDays)].sort((a, b) => b - a),
        escalateAfterDays: dto.escalateAfterDays,
      }),
    );
    await this.audit.record({
      committeeId: operatorCommitteeId(currentActor()),
      entityType: 'DeadlinePolicy',
      entityId: before.id,
      action: 'update',
      changes: { before: toView(before), after },
    });
    return after;
  }
}
