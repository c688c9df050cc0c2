import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AppUser } from './app-user.entity';

/**
 * One refresh token of a session (a family). Only the hash of its secret is kept; it is spent once
 * (`usedAt`), and the whole family is revoked when a spent one comes back.
 */
@Entity('refresh_token')
export class RefreshToken {
  /** The public half of the token (`<id>.<secret>`). */
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') userId: string;
  @ManyToOne(() => AppUser, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'user_id' })
  user?: AppUser;
  @Column('uuid') familyId: string;
  /** sha256 of the secret, hex. */
  @Column('text') tokenHash: string;
  @Column('timestamptz') expiresAt: Date;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { nullable: true }) usedAt: Date | null;
  @Column('timestamptz', { nullable: true }) revokedAt: Date | null;
  @Column('text', { nullable: true }) revokedReason: string | null;
}
