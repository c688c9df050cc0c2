import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CalendarDayKind } from './dates/working-days';

/** A day of the official calendar that is not a plain weekday of the civil-service week (table `calendar_day`). */
@Entity('calendar_day')
export class OfficialDay {
  @PrimaryColumn('date') day: string;
  @Column('text') kind: CalendarDayKind;
  @Column('text') name: string;
  @Column('text') legalBasis: string;
  @Column('boolean') enabled: boolean;
}
