import { ApiProperty } from '@nestjs/swagger';
import { CommitteeFilter } from '@canbo/platform';
import { AuditVerification } from './audit-verification.entity';
import type { BrokenLink } from './verify';

/**
 * What to check: a committee's chain and, by default, its subtree's (the one committee filter, so the
 * same default as every list); without a committee, every chain (operators).
 */
export class RequestAuditVerificationDto extends CommitteeFilter {}

/** verify.ts's BrokenLink, as the document describes it. */
export class BrokenLinkView implements BrokenLink {
  @ApiProperty({ format: 'uuid' }) committeeId: string;
  @ApiProperty({ example: 'TH-NS' }) committeeCode: string;
  @ApiProperty({ description: 'The link (sequence number in the committee chain) where the chain first fails' }) seq: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) eventId: string | null;
  @ApiProperty({ example: 'prev_hash does not match the previous event' }) reason: string;
}

export class AuditVerificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: every chain' }) committeeId: string | null;
  @ApiProperty() subtree: boolean;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'null while the worker has not run it yet' }) finishedAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) committees: number | null;
  @ApiProperty({ type: Number, nullable: true }) events: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The day of the checkpoint the chains were compared against' })
  checkpoint: string | null;
  @ApiProperty({ type: [BrokenLinkView], nullable: true, description: 'The first broken link of each broken chain' }) broken:
    BrokenLink[] | null;
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
