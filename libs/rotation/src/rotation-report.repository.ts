import { Injectable } from '@nestjs/common';
import type { SqlScope } from '@canbo/access';
import { CommitteeRange, Sql, Where } from '@canbo/platform';

/** One group of the figures: the dimension it counts by (the other three null), or the total (all null). */
export interface RotationReportRow {
  direction: string | null;
  type: string | null;
  level: string | null;
  state: string | null;
  count: number;
}

/** Rotation figures: an aggregate read of the rotation table (tenant-owned: the caller's scope is required). */
@Injectable()
export class RotationReportRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * The rotations starting from `from` to `to` within the caller's scope (ROTATION_COLUMNS: the proposing
   * committee's and the destination's pre-order numbers, hence the two joins, both outer: row-level
   * security hides the proposing committee of a rotation received from another province, and the
   * destination of one sent out of the caller's subtree) and the committee filter (the proposing
   * committee, as the list filters), counted by direction, type, destination level and state, and in all,
   * in one aggregate: GROUPING SETS, one row per group, each tagged by the dimension it groups by. A named
   * statement (Sql.rows): planned once per connection (bench `rotation-report`).
   */
  async figures(scope: SqlScope, range: CommitteeRange | undefined, from: string, to: string): Promise<RotationReportRow[]> {
    const where = new Where()
      .and('r.starts_on BETWEEN ?::date AND ?::date', from, to)
      .andNamed(scope.sql, scope.params)
      .andCommittee({ id: 'r.committee_id', pre: 'c.pre' }, range);
    return this.sql.rows<RotationReportRow>(
      `SELECT CASE WHEN GROUPING(r.direction) = 0 THEN r.direction END AS direction,
              CASE WHEN GROUPING(r.type) = 0 THEN r.type END AS type,
              CASE WHEN GROUPING(r.destination_level) = 0 THEN r.destination_level END AS level,
              CASE WHEN GROUPING(r.state) = 0 THEN r.state END AS state,
              count(*)::int AS count
         FROM rotation r LEFT JOIN committee c ON c.id = r.committee_id LEFT JOIN committee dc ON dc.id = r.destination_committee_id
              -- The origin's place: the read scope (ROTATION_COLUMNS) lets the origin's board read what it sent.
              LEFT JOIN committee oc ON oc.id = r.origin_committee_id
        WHERE ${where}
        GROUP BY GROUPING SETS ((r.direction), (r.type), (r.destination_level), (r.state), ())`,
      where.params,
    );
  }
}
