import { ApiProperty } from '@nestjs/swagger';
import { CommitteeFilter } from '@canbo/platform';
import { AuditVerification } from './audit-verification.entity';
import type { BrokenLink } from './verify';

/**
 * What to check: a committee's chain and, by default, its subtree's (the one committee filter, so the
 * same default as every list); without a committee, every chain (operators).
 */
export class RequestAuditVerificationDto extends CommitteeFilter {}

export class AuditVerificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, description: 'null: every chain' }) committeeId: string | null;
  @ApiProperty() subtree: boolean;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ nullable: true, description: 'null while the worker has not run it yet' }) finishedAt: string | null;
  @ApiProperty({ nullable: true }) committees: number | null;
  @ApiProperty({ nullable: true }) events: number | null;
  @ApiProperty({ nullable: true, description: 'The day of the checkpoint the chains were compared against' }) checkpoint: string | null;
  @ApiProperty({ nullable: true, description: 'The first broken link of each broken chain' }) broken: BrokenLink[] | null;
}

export const toVerificationView = (v: AuditVerification): AuditVerificationView => ({
  id: v.id,
  committeeId: v.committeeId,
  subtree: v.subtree,
  requestedAt: v.requestedAt.toISOString(),
  finishedAt: v.finishedAt?.toISOString() ?? null,
  committees: v.committees,
  events: v.events,
  checkpoint: v.checkpoint,
  broken: v.broken,
});
