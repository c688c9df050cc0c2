import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { QueueName } from './queues';

/**
 * A job asked for inside a business transaction (Outbox), waiting for the relay to hand it to BullMQ;
 * kept once sent (`sentAt`), as the record of what was asked for.
 */
@Entity('outbox')
export class OutboxEntry {
  /** bigserial, kept as text; the relay's order. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('text') queue: QueueName;
  @Column('text') name: string;
  /** The payload's version (JobDefinition.version). */
  @Column('int') version: number;
  /** Deterministic (jobIdOf): asking twice for the same thing is one row and one job. */
  @Column('text', { unique: true }) jobId: string;
  @Column('jsonb') payload: unknown;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
  /** null while pending. */
  @Column('timestamptz', { nullable: true }) sentAt: Date | null;
  /** Relay attempts, failed ones included. */
  @Column('int', { default: 0 }) attempts: number;
  /** Why the last attempt failed (Redis away…); cleared when sent. */
  @Column('text', { nullable: true }) lastError: string | null;
}
