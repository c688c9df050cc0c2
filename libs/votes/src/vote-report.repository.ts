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
   * and in all, in one aggregate (GROUPING SETS, one row per group), from the session rows alone (their
   * subject and outcome counts, migration 1766500000000). `results` is the caller's scope for the
   * restricted field `results` (accessibleBy with `field: 'results'`): a session's outcomes join the
   * counts only when it is closed and that scope holds it, so no figure ever holds an outcome the caller
   * could not read on the session itself. A named statement (Sql.rows): planned once per connection
   * (bench `vote-report`).
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
      `SELECT CASE WHEN GROUPING(f.state) = 0 THEN f.state END AS state,
              CASE WHEN GROUPING(f.mode) = 0 THEN f.mode END AS mode,
              CASE WHEN GROUPING(f.level) = 0 THEN f.level END AS level,
              count(*)::int AS sessions, coalesce(sum(f.subject_count), 0)::int AS subjects,
              (count(*) FILTER (WHERE f.state = 'closed'))::int AS closed,
              (count(*) FILTER (WHERE f.reads))::int AS "resultSessions",
              coalesce(sum(f.outcome_none) FILTER (WHERE f.reads), 0)::int AS none,
              coalesce(sum(f.outcome_low_majority) FILTER (WHERE f.reads), 0)::int AS "lowMajority",
              coalesce(sum(f.outcome_low_two_thirds) FILTER (WHERE f.reads), 0)::int AS "lowTwoThirds"
         FROM (SELECT s.state, s.mode, c.level_code AS level, s.subject_count, s.outcome_none, s.outcome_low_majority,
                      s.outcome_low_two_thirds, (s.state = 'closed' AND (${readsResults})) AS reads
                 FROM vote_session s JOIN committee c ON c.id = s.committee_id
                WHERE ${where}) f
        GROUP BY GROUPING SETS ((f.state), (f.mode), (f.level), ())`,
      where.params,
    );
  }
}
