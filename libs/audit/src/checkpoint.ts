import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { UNSCOPED_SYSTEM } from '@canbo/access';
import { AuditCheckpoint } from './audit-checkpoint.entity';
import { AuditCheckpointRepository } from './audit-checkpoint.repository';
import { AuditCommitteeRepository } from './audit-committee.repository';
import { AuditService } from './audit.service';

export interface Checkpoint {
  takenOn: string;
  committees: number;
  events: string;
  /** False when today's checkpoint was already there (a re-run, another replica): nothing was written. */
  created: boolean;
}

/**
 * The daily checkpoint of every audit chain head, which `audit:verify` compares the chains against:
 * a chain removed or rewound since shows, however consistent its remaining links are.
 */
@Injectable()
export class AuditCheckpoints {
  constructor(
    private readonly checkpoints: AuditCheckpointRepository,
    private readonly committees: AuditCommitteeRepository,
    private readonly audit: AuditService,
  ) {}

  /** A system action (no signed-in actor), recorded on the root committee's chain. */
  @Transactional()
  async take(): Promise<Checkpoint> {
    const taken = await this.checkpoints.takeToday();
    if (!taken) {
      // Taken by another run the same day: its row is there (the conflict says so), and stays (append-only).
      const today = (await this.checkpoints.today()) as AuditCheckpoint;
      return { takenOn: today.takenOn, committees: today.committees, events: today.events, created: false };
    }
    // The worker's job, which no user asks for: the whole tree, which always has its root.
    const root = (await this.committees.root(UNSCOPED_SYSTEM)) as string;
    const after = { takenOn: taken.takenOn, committees: taken.committees, events: taken.events };
    await this.audit.record({
      committeeId: root,
      entityType: 'AuditCheckpoint',
      entityId: taken.id,
      action: 'checkpoint',
      changes: { after },
      actorId: null,
    });
    return { ...after, created: true };
  }
}
