import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBase64,
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
import { OUTCOMES, Outcome, RATINGS, Rating } from './tally';
import { VOTE_MODES, VOTE_SESSION_STATES, VoteMode, VoteSessionState } from './vote-transitions';

/** The most subjects one session votes on (bench.md's vote-tally closes 500 × 200). */
export const MAX_SUBJECTS = 500;

export class VoteSubjectDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('4') cadreId: string;
  @ApiProperty({ description: 'The post the cadre is voted on in (domain.md §6: BTV members, elected titles, heads)' })
  @Transform(trimmed)
  @IsString()
  @Length(1, 300)
  post: string;
}

export class CreateVoteSessionDto {
  @ApiProperty({ format: 'uuid', description: 'The committee whose conference votes' }) @IsUUID('4') committeeId: string;
  @ApiProperty() @Transform(trimmed) @IsString() @Length(1, 300) title: string;
  @ApiProperty({ enum: VOTE_MODES, description: 'Electronic ballots, or paper ballots counted by the counting board; never both' })
  @IsIn(VOTE_MODES)
  mode: VoteMode;
  @ApiProperty({ description: 'How many were convened to the conference (the quorum is counted on it)' })
  @IsInt()
  @Min(1)
  @Max(100000)
  convened: number;
  @ApiProperty({ format: 'date-time' }) @IsDateString({ strict: true }) opensAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString({ strict: true }) closesAt: string;
  @ApiProperty({ type: [VoteSubjectDto] })
  @ValidateNested({ each: true })
  @Type(() => VoteSubjectDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SUBJECTS)
  subjects: VoteSubjectDto[];
  @ApiPropertyOptional({
    type: [String],
    description: 'Electronic: the accounts that vote (each holding `voter` at the committee); all of them when absent',
  })
  @IsOptional()
  @IsUUID('4', { each: true })
  @ArrayUnique()
  @ArrayMaxSize(100000)
  voterIds?: string[];
}

export class VoteSessionQuery extends CommitteeScopedQuery {
  @ApiPropertyOptional({ enum: VOTE_SESSION_STATES }) @IsOptional() @IsIn(VOTE_SESSION_STATES) state?: VoteSessionState;
}

export class CancelVoteSessionDto {
  @ApiProperty({ description: 'The version you read; a stale one gets 409' }) @IsInt() @Min(1) version: number;
  @ApiProperty() @Transform(trimmed) @IsString() @Length(1, 1000) reason: string;
}

export class PaperSubjectCountDto {
  @ApiProperty({ description: "The subject's position in the session" }) @IsInt() @Min(1) @Max(MAX_SUBJECTS) position: number;
  @ApiProperty() @IsInt() @Min(0) @Max(100000) high: number;
  @ApiProperty() @IsInt() @Min(0) @Max(100000) confidence: number;
  @ApiProperty() @IsInt() @Min(0) @Max(100000) low: number;
}

/**
 * A paper session's counting record (biên bản kiểm phiếu), as the counting board signed it:
 * valid + spoiled = returned ≤ issued ≤ present ≤ convened, and each subject's ratings ≤ valid.
 */
export class PaperCountDto {
  @ApiProperty({ description: 'The version you read; a stale one gets 409' }) @IsInt() @Min(1) version: number;
  @ApiProperty({ description: 'Convened to the conference (may correct the number the session was set up with)' })
  @IsInt()
  @Min(1)
  @Max(100000)
  convened: number;
  @ApiProperty({ description: 'Present at the conference' }) @IsInt() @Min(0) @Max(100000) present: number;
  @ApiProperty({ description: 'Ballots issued (phiếu phát ra)' }) @IsInt() @Min(0) @Max(100000) issued: number;
  @ApiProperty({ description: 'Ballots returned (phiếu thu về)' }) @IsInt() @Min(0) @Max(100000) returned: number;
  @ApiProperty({ description: 'Valid ballots (phiếu hợp lệ)' }) @IsInt() @Min(0) @Max(100000) valid: number;
  @ApiProperty({ description: 'Spoiled ballots (phiếu không hợp lệ)' }) @IsInt() @Min(0) @Max(100000) spoiled: number;
  @ApiProperty({ type: [String], description: 'The counting board members who signed the record' })
  @Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value))
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  signedBy: string[];
  @ApiProperty({ type: [PaperSubjectCountDto], description: 'One count per subject of the session' })
  @ValidateNested({ each: true })
  @Type(() => PaperSubjectCountDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SUBJECTS)
  subjects: PaperSubjectCountDto[];
}

export class IssueBallotDto {
  @ApiProperty({ description: "The voter's blinded token (RFC 9474), base64" })
  @IsBase64()
  @Length(4, 1400)
  blindedMessage: string;
}

export class IssuedBallotView {
  @ApiProperty({ description: 'The blind signature, base64: the browser unblinds it' }) blindSignature: string;
}

export class CastBallotDto {
  @ApiProperty({ description: 'The unblinded token, base64 (RFC 9474 prepared message)' }) @IsBase64() @Length(4, 200) token: string;
  @ApiProperty({ description: 'The signature on it, base64' }) @IsBase64() @Length(4, 1400) signature: string;
  @ApiProperty({ enum: RATINGS, isArray: true, description: "One rating per subject, in the session's subject order" })
  @IsIn(RATINGS, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SUBJECTS)
  ratings: Rating[];
}

export class BallotReceiptView {
  @ApiProperty({ description: 'Hex: keep it; after the count, GET …/receipts lists every counted receipt' }) receipt: string;
}

export class ReceiptsView {
  @ApiProperty({ enum: VOTE_SESSION_STATES }) state: VoteSessionState;
  @ApiProperty({ type: [String], description: 'Every counted ballot’s receipt (hex, sorted); empty until the session closes' })
  receipts: string[];
}

export class VoteSubjectView {
  @ApiProperty() position: number;
  @ApiProperty({ format: 'uuid' }) cadreId: string;
  @ApiProperty() fullName: string;
  @ApiProperty() post: string;
}

export class VoteResultView {
  @ApiProperty() position: number;
  @ApiProperty({ format: 'uuid' }) cadreId: string;
  @ApiProperty() high: number;
  @ApiProperty() confidence: number;
  @ApiProperty() low: number;
  @ApiProperty({ type: Number, nullable: true }) lowShareOfReturned: number | null;
  @ApiProperty() lowShareOfConvened: number;
  @ApiProperty({ enum: OUTCOMES }) outcome: Outcome;
  @ApiProperty({ description: 'The rule the outcome comes from' }) ruleId: string;
}

export class VoteSessionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) committeeId: string;
  @ApiProperty() committeeCode: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: VOTE_MODES }) mode: VoteMode;
  @ApiProperty() convened: number;
  @ApiProperty({ format: 'date-time' }) opensAt: string;
  @ApiProperty({ format: 'date-time' }) closesAt: string;
  @ApiProperty({ enum: VOTE_SESSION_STATES }) state: VoteSessionState;
  @ApiProperty({ type: String, nullable: true, description: 'Electronic: the blind-signature key (SPKI DER, base64)' })
  publicKey: string | null;
  @ApiProperty({ description: 'Accounts on the voter list' }) voters: number;
  @ApiProperty({ description: 'Ballots issued so far (the sign-in sheet)' }) ballotsIssued: number;
  @ApiProperty({ type: Number, nullable: true }) present: number | null;
  @ApiProperty({ type: Number, nullable: true }) returned: number | null;
  @ApiProperty({ type: [VoteSubjectView] }) subjects: VoteSubjectView[];
  @ApiPropertyOptional({
    type: [VoteResultView],
    description: 'Restricted: the committee’s admin/secretary and auditors above, once closed',
  })
  results?: VoteResultView[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why a closed session published no results' })
  voidReason?: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) cancelReason: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** What the signed-in voter sees of a session it may vote in. */
export class VoterSessionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() committeeName: string;
  @ApiProperty({ format: 'date-time' }) opensAt: string;
  @ApiProperty({ format: 'date-time' }) closesAt: string;
  @ApiProperty({ enum: VOTE_SESSION_STATES }) state: VoteSessionState;
  @ApiProperty({ description: 'SPKI DER, base64' }) publicKey: string;
  @ApiProperty({ description: 'Whether this voter has received its ballot (then it cannot receive another)' }) ballotIssued: boolean;
  @ApiProperty({ type: [VoteSubjectView] }) subjects: VoteSubjectView[];
}
