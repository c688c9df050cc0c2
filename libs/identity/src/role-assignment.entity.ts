import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@canbo/access';

/**
 * A role held at a committee. Never deleted: a revocation stamps `revokedAt`, so the history of who
 * could do what stays, and at most one live row exists per user, committee and role.
 */
@Entity('role_assignment')
export class RoleAssignment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') userId: string;
  @Column('uuid') committeeId: string;
  @Column('text') role: Role;
  @Column('uuid', { nullable: true }) grantedBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) grantedAt: Date;
  @Column('uuid', { nullable: true }) revokedBy: string | null;
  @Column('timestamptz', { nullable: true }) revokedAt: Date | null;
}
