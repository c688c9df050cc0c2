import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CommitteeScopedQuery, trimmed } from '@canbo/platform';
import { CONFERENCE_KINDS, ConferenceKind, NOMINATION_SOURCES, NominationSource } from './checks';
import { CYCLE_STATES, CycleState } from './cycle-transitions';
import { PROPOSAL_REASONS, PROPOSAL_STATUSES, ProposalReason, ProposalStatus } from './removal-proposal-transitions';

export class TitleView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'provincial.secretary' }) code: string;
  @ApiProperty({ example: 'provincial', description: 'The committee level the title belongs to' }) level: string;
  @ApiProperty({ example: 'Bí thư Tỉnh ủy' }) name: string;
  @ApiProperty({ example: 600, description: 'Seniority across levels: larger is higher ("only higher titles" compares it)' }) rank: number;
  @ApiProperty({ example: 'central', description: 'The level that manages (and approves the planning of) the title' })
  managedByLevel: string;
}

export class TitlesQuery {
  @ApiPropertyOptional({ example: 'provincial', description: 'Only the titles of this committee level' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  level?: string;
}

export class ConferenceVoteDto {
  @ApiProperty({ enum: CONFERENCE_KINDS }) @IsIn(CONFERENCE_KINDS) conference: ConferenceKind;
  @ApiProperty({ example: 45, description: 'Those convened' }) @IsInt() @Min(1) @Max(100000) convened: number;
  @ApiProperty({ example: 43, description: 'Those present (at most those convened)' }) @IsInt() @Min(0) @Max(100000) present: number;
  @ApiProperty({ example: 30, description: 'Votes in favour (at most those present)' }) @IsInt() @Min(0) @Max(100000) inFavour: number;
}

export class CreateCycleDto {
  @ApiProperty({ format: 'uuid', description: 'The committee whose planning it is' }) @IsUUID() committeeId: string;
  @ApiProperty({ example: 2025, description: 'First year of the party term (2025 for 2025–2030)' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  partyTermFrom: number;
  @ApiPropertyOptional({ example: 2026, description: 'First year of the state term planned with it (default: the next year)' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  stateTermFrom?: number;
  @ApiPropertyOptional({
    format: 'date',
    description: 'The day whose rules judge the cycle (default: today in Vietnam). Before 8/10/2025: QĐ 50; from it: QĐ 377',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  referenceDate?: string;
  @ApiProperty({ format: 'date', description: 'When the list is due to the competent level (a deadline with reminders)' })
  @IsDateString({ strict: true })
  submissionDueOn: string;
}

export class CycleQuery extends CommitteeScopedQuery {
  @ApiPropertyOptional({ enum: CYCLE_STATES }) @IsOptional() @IsIn(CYCLE_STATES) state?: CycleState;
}

export class CycleView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) committeeId: string;
  @ApiProperty({ example: 'TH' }) committeeCode: string;
  @ApiProperty() committeeName: string;
  @ApiProperty({ example: 'provincial' }) committeeLevel: string;
  @ApiProperty({ description: "The committee's pre-order number (GET /me's rules test it)" }) committeePre: number;
  @ApiProperty({ format: 'uuid', description: 'The competent level: appraises and approves (the committee above)' })
  approverCommitteeId: string;
  @ApiProperty({ example: 'TW' }) approverCode: string;
  @ApiProperty({ example: '2025–2030; 2026–2031' }) terms: string;
  @ApiProperty({ example: 2025 }) partyTermFrom: number;
  @ApiProperty({ example: 2026 }) stateTermFrom: number;
  @ApiProperty({ format: 'date' }) referenceDate: string;
  @ApiProperty({ enum: CYCLE_STATES }) state: CycleState;
  @ApiProperty({ format: 'date' }) submissionDueOn: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) submittedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) approvedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) approvedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionRef: string | null;
  @ApiProperty({ type: String, nullable: true }) returnReason: string | null;
  @ApiProperty() nominationCount: number;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}

export class CyclePageView {
  @ApiProperty({ type: [CycleView] }) items: CycleView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class CreateNominationDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() cadreId: string;
  @ApiProperty({ format: 'uuid', description: "A title of the cycle's committee level (GET /titles?level=)" }) @IsUUID() titleId: string;
  @ApiProperty({ enum: NOMINATION_SOURCES, description: 'local: tại chỗ; elsewhere: nơi khác' })
  @IsIn(NOMINATION_SOURCES)
  source: NominationSource;
  @ApiProperty({ type: [ConferenceVoteDto] })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ConferenceVoteDto)
  votes: ConferenceVoteDto[];
  @ApiPropertyOptional({ description: 'Required when adding to an approved cycle (yearly review)' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

export class RemoveNominationDto {
  @ApiProperty({ example: 'Chuyển công tác' }) @Transform(trimmed) @IsString() @Length(1, 1000) reason: string;
}

export class NominationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ format: 'uuid' }) cadreId: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null when the caller cannot read the file' }) cadreName: string | null;
  @ApiProperty({ format: 'uuid' }) titleId: string;
  @ApiProperty() titleName: string;
  @ApiProperty({ enum: NOMINATION_SOURCES }) source: NominationSource;
  @ApiProperty({ type: [ConferenceVoteDto] }) votes: ConferenceVoteDto[];
  @ApiProperty({ enum: ['active', 'removed'] }) status: 'active' | 'removed';
  @ApiProperty({ type: String, nullable: true }) addedReason: string | null;
  @ApiProperty({ type: String, nullable: true }) removedReason: string | null;
  @ApiProperty({ type: String, nullable: true }) removedAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}

export class NominationListView {
  @ApiProperty({ type: [NominationView] }) items: NominationView[];
}

export class TransitionDto {
  @ApiProperty({ description: 'The version you read; a stale one gets 409' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ description: 'Why (required to return a cycle)' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(1, 1000)
  reason?: string;
  @ApiPropertyOptional({ description: 'The approval decision number (approve)' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(1, 100)
  decisionRef?: string;
}

export class CheckResultView {
  @ApiProperty({ example: 'planning.seats-per-title' }) ruleId: string;
  @ApiProperty({ example: 'Số người quy hoạch cho một chức danh' }) ruleTitle: string;
  @ApiProperty({
    enum: ['pass', 'fail', 'warning', 'withheld'],
    description:
      '`withheld`: the check rests on a restricted group (discipline) the caller may not read, so not even its outcome is shown, or on a nominated cadre whose file the caller may not read',
  })
  outcome: 'pass' | 'fail' | 'warning' | 'withheld';
  @ApiProperty({ example: 'QĐ 377-QĐ/TW (8/10/2025)' }) regulation: string;
  @ApiProperty({ type: String, nullable: true }) article: string | null;
  @ApiProperty({ description: 'The rule rests on an UNVERIFIED point; the explanation says so' }) unverified: boolean;
  @ApiProperty({ enum: ['cycle', 'title', 'cadre', 'nomination'] }) scope: 'cycle' | 'title' | 'cadre' | 'nomination';
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "The title's, cadre's or nomination's id" })
  subjectId: string | null;
  @ApiProperty({ example: '4 người cho 3 chỗ' }) figures: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why, in Vietnamese, with the rule and its regulation; for a pass only when asked (`explain=all`): its figures say it',
  })
  explanation: string | null;
}

/** How much of each check to write out. */
export class ChecksQuery {
  @ApiPropertyOptional({
    enum: ['problems', 'all'],
    default: 'problems',
    description:
      "`problems`: the explanations of failures, warnings and withheld checks (a pass shows its figures); `all`: every check's explanation too",
  })
  @IsOptional()
  @IsIn(['problems', 'all'])
  explain?: 'problems' | 'all';
}

/** A rule a cycle's checks applied, given once for all its results. */
export class CheckRuleView {
  @ApiProperty({ example: 'planning.seats-per-title' }) ruleId: string;
  @ApiProperty({ example: 'Số người quy hoạch cho một chức danh' }) ruleTitle: string;
  @ApiProperty({ example: 'QĐ 377-QĐ/TW (8/10/2025)' }) regulation: string;
  @ApiProperty({ type: String, nullable: true }) article: string | null;
  @ApiProperty({ description: 'The rule rests on an UNVERIFIED point; its results’ explanations say so' }) unverified: boolean;
}

/** One check of a cycle: its rule by id (in the answer's `rules`) and what it found. */
export class CycleCheckView {
  @ApiProperty({ example: 'planning.seats-per-title' }) ruleId: string;
  @ApiProperty({
    enum: ['pass', 'fail', 'warning', 'withheld'],
    description:
      '`withheld`: the check rests on a restricted group (discipline, a confidence vote) the caller may not read, so not even its outcome is shown',
  })
  outcome: 'pass' | 'fail' | 'warning' | 'withheld';
  @ApiProperty({ example: '4 người cho 3 chỗ' }) figures: string;
  @ApiPropertyOptional({
    description:
      'Why, in Vietnamese, with the rule and its regulation: for failures and warnings; for a pass or a withheld check only when asked (`explain=all`)',
  })
  explanation?: string;
}

/** What some checks are about — the cycle, a title, a cadre or a nomination — with those checks. */
export class CheckSubjectView {
  @ApiProperty({ enum: ['cycle', 'title', 'cadre', 'nomination'] }) scope: 'cycle' | 'title' | 'cadre' | 'nomination';
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "The title's, cadre's or nomination's id (null for the cycle)",
  })
  subjectId: string | null;
  @ApiProperty({ type: [CycleCheckView] }) checks: CycleCheckView[];
}

/**
 * Every check of a cycle. A provincial cycle has some 1,800 of them over 700 subjects: each rule is given
 * once in `rules`, each subject once with its checks naming their rule by id (the same checks as a flat
 * list, each with its rule and subject written out, were 0.77 MB).
 */
export class CycleChecksView {
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ format: 'date', description: 'The rules in force on this day were applied' }) rulesOn: string;
  @ApiProperty() failures: number;
  @ApiProperty() warnings: number;
  @ApiProperty({ type: [CheckRuleView], description: 'The rules the checks name, each once' }) rules: CheckRuleView[];
  @ApiProperty({ type: [CheckSubjectView] }) subjects: CheckSubjectView[];
}

export class RemovalProposalQuery {
  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES, description: 'Only proposals in this state (the yearly review works on `open`)' })
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES)
  status?: ProposalStatus;
}

export class DismissProposalDto {
  @ApiProperty({ example: 'Đã xem xét, đồng chí vẫn đủ điều kiện' }) @Transform(trimmed) @IsString() @Length(1, 1000) reason: string;
}

export class RemovalProposalView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ format: 'uuid' }) nominationId: string;
  @ApiProperty({ format: 'uuid' }) cadreId: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null when the caller cannot read the file' }) cadreName: string | null;
  @ApiProperty() titleName: string;
  @ApiProperty({
    enum: PROPOSAL_REASONS,
    description:
      'age: no longer meets the age for the term; discipline: a discipline bars planning; confidence_vote: more than half "low" in the latest confidence vote (QĐ 96 Art. 11)',
  })
  reason: ProposalReason;
  @ApiProperty({ enum: PROPOSAL_STATUSES }) status: ProposalStatus;
  @ApiProperty({ format: 'date', description: 'The rules in force on this day were applied (for a discipline: its date)' })
  rulesOn: string;
  @ApiProperty({
    type: [CheckResultView],
    description:
      'The failing checks the proposal rests on; a discipline’s and a confidence vote’s are `withheld` from callers who may not read that restricted group',
  })
  findings: CheckResultView[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decidedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was dismissed' }) decisionReason: string | null;
  @ApiProperty() createdAt: string;
}

export class RemovalProposalListView {
  @ApiProperty({ type: [RemovalProposalView] }) items: RemovalProposalView[];
}
