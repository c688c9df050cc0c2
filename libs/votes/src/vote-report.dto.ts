import { ApiProperty } from '@nestjs/swagger';
import { IsDateString } from 'class-validator';
import { CommitteeFilter } from '@canbo/platform';
import { OUTCOMES, type Outcome } from './tally';
import { VOTE_MODES, type VoteMode } from './vote-transitions';

/** The states of a finished session (closed with results, or void): the figures count only these. */
export const FINISHED_STATES = ['closed', 'void'] as const;
export type FinishedState = (typeof FINISHED_STATES)[number];

export class VoteOutcomesQuery extends CommitteeFilter {
  @ApiProperty({ format: 'date', description: 'First day of the period (closing dates, Vietnam time)' })
  @IsDateString({ strict: true })
  from: string;
  @ApiProperty({ format: 'date', description: 'Last day of the period' }) @IsDateString({ strict: true }) to: string;
}

export class VoteOutcomeCountView {
  @ApiProperty({ enum: OUTCOMES, description: "QĐ 96's outcome of a subject's result" }) outcome: Outcome;
  @ApiProperty({ description: 'Subjects with this outcome' }) count: number;
}

/**
 * Outcomes of the results the caller may read (restricted, like a session's `results`): only closed
 * sessions at committees where the caller reads results are counted; the others are `withheld`.
 */
export class VoteResultFiguresView {
  @ApiProperty({ description: 'Closed sessions whose results are counted here (the caller may read them one by one)' }) sessions: number;
  @ApiProperty({ description: 'Closed sessions whose results the caller may not read: left out of the outcomes' }) withheld: number;
  @ApiProperty({ type: [VoteOutcomeCountView], description: 'Every outcome, zeros included: subjects of the sessions counted' })
  byOutcome: VoteOutcomeCountView[];
}

export class VoteStateCountView {
  @ApiProperty({ enum: FINISHED_STATES }) state: FinishedState;
  @ApiProperty() sessions: number;
  @ApiProperty({ description: 'Subjects on their ballots' }) subjects: number;
}

export class VoteModeCountView {
  @ApiProperty({ enum: VOTE_MODES }) mode: VoteMode;
  @ApiProperty() sessions: number;
  @ApiProperty({ description: 'Subjects on their ballots' }) subjects: number;
}

export class VoteLevelCountView {
  @ApiProperty({ description: "The session's committee's level (committee_level code)", example: 'district' }) level: string;
  @ApiProperty() sessions: number;
  @ApiProperty({ description: 'Subjects on their ballots' }) subjects: number;
  @ApiProperty({ type: VoteResultFiguresView }) results: VoteResultFiguresView;
}

export class VoteOutcomesView {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The committee filter (null: everything the caller sees)' })
  committeeId: string | null;
  @ApiProperty() subtree: boolean;
  @ApiProperty({ description: 'Sessions closed in the period, closed or void' }) sessions: number;
  @ApiProperty({ description: 'Subjects voted on in those sessions (on their ballots)' }) subjects: number;
  @ApiProperty({ type: [VoteStateCountView], description: 'Closed and void, zeros included' }) byState: VoteStateCountView[];
  @ApiProperty({ type: [VoteModeCountView], description: 'Electronic and paper, zeros included' }) byMode: VoteModeCountView[];
  @ApiProperty({ type: [VoteLevelCountView], description: "By the committee's level, by rank, zeros included" })
  byLevel: VoteLevelCountView[];
  @ApiProperty({ type: VoteResultFiguresView }) results: VoteResultFiguresView;
}
