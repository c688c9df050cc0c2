import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { VoteMode, VoteSessionState } from './vote-transitions';

/** A confidence vote (lấy phiếu tín nhiệm) held by a committee's conference on the cadres it names. */
@Entity('vote_session')
export class VoteSession {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') committeeId: string;
  @Column('text') title: string;
  @Column('text') mode: VoteMode;
  @Column('int') convened: number;
  @Column('timestamptz') opensAt: Date;
  @Column('timestamptz') closesAt: Date;
  @Column('text') state: VoteSessionState;
  @Column({ type: 'bytea', nullable: true }) publicKey: Buffer | null;
  @Column({ type: 'int', nullable: true }) present: number | null;
  @Column({ type: 'int', nullable: true }) returned: number | null;
  @Column({ type: 'int', nullable: true }) valid: number | null;
  @Column({ type: 'int', nullable: true }) spoiled: number | null;
  @Column({ type: 'jsonb', nullable: true }) countingRecord: object | null;
  @Column({ type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ type: 'text', nullable: true }) voidReason: string | null;
  @Column({ type: 'text', nullable: true }) cancelReason: string | null;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** A session's blind-signing key, kept until the session closes (then deleted). */
@Entity('vote_session_key')
export class VoteSessionKey {
  @PrimaryColumn('uuid') sessionId: string;
  @Column('bytea') privateKey: Buffer;
}

/** A cadre voted on, in the order ballots rate them. */
@Entity('vote_subject')
export class VoteSubject {
  @PrimaryColumn('uuid') sessionId: string;
  @PrimaryColumn('int') position: number;
  @Column('uuid') cadreId: string;
  @Column('text') post: string;
}

/** The sign-in sheet: a voter on the session's list, and whether it has received its ballot. No time is kept. */
@Entity('vote_voter')
export class VoteVoter {
  @PrimaryColumn('uuid') sessionId: string;
  @PrimaryColumn('uuid') userId: string;
  @Column('boolean') ballotIssued: boolean;
}

/** A cast ballot: its receipt, the hash of the token that admitted it, its ratings. Nothing names the voter. */
@Entity('ballot')
export class Ballot {
  @PrimaryColumn('uuid') sessionId: string;
  @PrimaryColumn('bytea') receipt: Buffer;
  @Column('bytea') tokenHash: Buffer;
  @Column('smallint', { array: true }) ratings: number[];
}

/** One subject's count and the QĐ 96 outcome (restricted). */
@Entity('vote_result')
export class VoteResult {
  @PrimaryColumn('uuid') sessionId: string;
  @PrimaryColumn('int') position: number;
  @Column('uuid') cadreId: string;
  @Column('int') high: number;
  @Column('int') confidence: number;
  @Column('int') low: number;
  @Column({ type: 'numeric', nullable: true }) lowShareOfReturned: string | null;
  @Column('numeric') lowShareOfConvened: string;
  @Column('text') outcome: string;
  @Column('text') ruleId: string;
}
