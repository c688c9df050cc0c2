import { Injectable } from '@nestjs/common';
import type { SqlScope } from '@canbo/access';
import { CommitteeRange, Sql, Where } from '@canbo/platform';

/** One group of the figures: the dimension it counts by (the other two null), or the total (all null). */
export interface VoteReportRow {
  state: string | null;
  mode: string | null;
  level: string | null;
  sessions: number;
  subjects: number;
  /** Closed sessions of the group, and those of them whose results were counted (the rest are withheld). */
  closed: number;
  resultSessions: number;
  none: number;
  lowMajority: number;
  lowTwoThirds: number;
}

/** Vote-outcome figures: an aggregate read of the vote tables (tenant-owned: both scopes are required). */
@Injectable()
export class VoteReportRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * The sessions finished (closed or void) from `from` to `to` (their close, in Vietnam's calendar)
   * within the caller's read scope and the committee filter, counted by state, mode and committee level
   * and in all, in one aggregate (GROUPING SETS, one row per group). `results` is the caller's scope for
   * the restricted field `results` (accessibleBy with `field: 'results'`): a session's outcomes join
   * the counts only when the session is closed and that scope holds it, so no figure ever holds an
   * outcome the caller could not read on the session itself. A named statement (Sql.rows): planned once
   * per connection (bench `vote-report`).
   */
  async figures(scope: SqlScope, results: SqlScope, range: CommitteeRange | undefined, from: string, to: string): Promise<VoteReportRow[]> {
    const where = new Where()
      .and(`s.state IN ('closed', 'void')`)
      .and(
        `s.closed_at >= ?::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' AND s.closed_at < (?::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`,
        from,
        to,
      )
      .andNamed(scope.sql, scope.params)
      .andCommittee({ id: 's.committee_id', pre: 'c.pre' }, range);
    const readsResults = where.named(results.sql, results.params);
    return this.sql.rows<VoteReportRow>(
      `SELECT CASE WHEN GROUPING(s.state) = 0 THEN s.state END AS state,
              CASE WHEN GROUPING(s.mode) = 0 THEN s.mode END AS mode,
              CASE WHEN GROUPING(c.level_code) = 0 THEN c.level_code END AS level,
              count(*)::int AS sessions, coalesce(sum(n.subjects), 0)::int AS subjects,
              (count(*) FILTER (WHERE s.state = 'closed'))::int AS closed,
              -- The lateral aggregate always yields a row: its counts are null only where the join's condition failed.
              count(o.none)::int AS "resultSessions",
              coalesce(sum(o.none), 0)::int AS none,
              coalesce(sum(o.low_majority), 0)::int AS "lowMajority",
              coalesce(sum(o.low_two_thirds), 0)::int AS "lowTwoThirds"
         FROM vote_session s JOIN committee c ON c.id = s.committee_id
              CROSS JOIN LATERAL (SELECT count(*) AS subjects FROM vote_subject vs WHERE vs.session_id = s.id) n
              LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE r.outcome = 'none') AS none,
                                        count(*) FILTER (WHERE r.outcome = 'low-majority') AS low_majority,
                                        count(*) FILTER (WHERE r.outcome = 'low-two-thirds') AS low_two_thirds
                                   FROM vote_result r WHERE r.session_id = s.id) o ON s.state = 'closed' AND ${readsResults}
        WHERE ${where}
        GROUP BY GROUPING SETS ((s.state), (s.mode), (c.level_code), ())`,
      where.params,
    );
  }
}
