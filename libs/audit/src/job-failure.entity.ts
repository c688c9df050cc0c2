import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A job that failed after its last attempt: the dead-letter list operators read (one row per job id). */
@Entity('job_failure')
export class JobFailure {
  /** bigserial, kept as text; the list's keyset. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('text') queue: string;
  @Column('text') name: string;
  @Column('text', { unique: true }) jobId: string;
  /** The job's data as BullMQ held it (envelope and payload). */
  @Column('jsonb') data: unknown;
  @Column('text') error: string;
  @Column('int') attempts: number;
  @Column('timestamptz', { default: () => 'now()' }) failedAt: Date;
}
