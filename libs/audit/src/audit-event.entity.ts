import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One link of a committee's audit chain: a change, who made it, and the hashes that tie it to the link
 * before. Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE); written by AuditService only.
 */
@Entity('audit_event')
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** The committee whose board made the change: the chain the event belongs to. */
  @Column('uuid') committeeId: string;
  /** The event's place in its chain, from 1 (bigint, kept as text). */
  @Column('bigint') seq: string;
  @Column('timestamptz') occurredAt: Date;
  /** null: the system (a job no user asked for). */
  @Column('uuid', { nullable: true }) actorId: string | null;
  @Column('text') entityType: string;
  @Column('uuid') entityId: string;
  @Column('text') action: string;
  /** `before` and `after` of the fields that changed. */
  @Column('jsonb') changes: unknown;
  @Column('text', { nullable: true }) requestId: string | null;
  @Column('text') prevHash: string;
  @Column('text') hash: string;
}
