import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { toBoolean } from './transforms';
import { PageQuery } from './pagination';

/**
 * The one committee filter of every list of committee-owned records (api.md): without `committeeId`,
 * everything the caller may see; with it, that committee and every committee below it, or with
 * `subtree=false` that committee alone. `subtree` defaults to true: "what is open in my province" is
 * a board's natural question, and the same default on every list means a client never has to know
 * which list it is talking to.
 */
export class CommitteeFilter {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this committee (and, by default, the committees below it)' })
  @IsOptional()
  @IsUUID()
  committeeId?: string;

  @ApiPropertyOptional({ description: 'With committeeId: include the committees below it', default: true })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  subtree?: boolean;
}

/** A page of a committee's records. */
export class CommitteeScopedQuery extends IntersectionType(PageQuery, CommitteeFilter) {}

/**
 * A CommitteeFilter whose committee has been resolved (and found visible): the pre-order interval of
 * its subtree, or its id alone. Repositories turn it into SQL (`Where.andCommittee`).
 */
export type CommitteeRange =
  | { readonly subtree: true; readonly id: string; readonly pre: number; readonly lastPre: number }
  | { readonly subtree: false; readonly id: string };

/** The range a filter asks for, given its committee's interval: the one place the default lives. */
export function committeeRangeOf(filter: CommitteeFilter, committee: { id: string; pre: number; lastPre: number }): CommitteeRange {
  return filter.subtree === false
    ? { subtree: false, id: committee.id }
    : { subtree: true, id: committee.id, pre: committee.pre, lastPre: committee.lastPre };
}
