import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** An account. It belongs to no committee: what it may do comes from its role assignments. */
@Entity('app_user')
export class AppUser {
  /** Chosen by the service before the insert: the first grant is checked against it (never oneself). */
  @PrimaryColumn('uuid') id: string;
  @Column('text') username: string;
  @Column('text') displayName: string;
  @Column('text', { nullable: true }) email: string | null;
  /** argon2id; read only by the sign-in (credentials.repository.ts), never with the account. */
  @Column('text', { select: false }) passwordHash: string;
  @Column('text', { default: 'active' }) status: 'active' | 'disabled';
  @Column('int', { default: 0 }) failedLoginCount: number;
  @Column('timestamptz', { nullable: true }) lockedUntil: Date | null;
  @Column('timestamptz', { nullable: true }) lastLoginAt: Date | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
