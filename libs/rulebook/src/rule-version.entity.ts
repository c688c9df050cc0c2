import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One version of a rule (table `rule`): national reference data, read by every committee. */
@Entity('rule')
export class RuleVersion {
  @PrimaryColumn('text') id: string;
  @PrimaryColumn('date') validFrom: string;
  /** The last day in force; null while in force. */
  @Column('date', { nullable: true }) validTo: string | null;
  @Column('text') title: string;
  @Column('text') regulation: string;
  @Column('text', { nullable: true }) article: string | null;
  /** Typed by the rule id: RuleParameters in rule.ts. */
  @Column('jsonb') parameters: Record<string, unknown>;
  @Column('boolean') unverified: boolean;
  @Column('text', { nullable: true }) note: string | null;
}
