import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Between } from 'typeorm';
import { OfficialDay } from './official-day.entity';
import { RuleVersion } from './rule-version.entity';

/**
 * The rulebook's tables: national reference data (no tenant scope), a few dozen rows each. Every version
 * of every rule is read at once and resolved in memory (rulesInForce), so "in force on a date" has one
 * definition, in code, and a check of a whole planning cycle costs one small read.
 */
@Injectable()
export class RulebookRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  allRuleVersions(): Promise<RuleVersion[]> {
    return this.txHost.tx.getRepository(RuleVersion).find({ order: { id: 'ASC', validFrom: 'ASC' } });
  }

  /** The calendar rows of whole years, since a year is known by having rows. */
  calendarDays(fromYear: number, toYear: number): Promise<OfficialDay[]> {
    return this.txHost.tx.getRepository(OfficialDay).find({
      where: { day: Between(`${fromYear}-01-01`, `${toYear}-12-31`) },
      order: { day: 'ASC' },
    });
  }
}
