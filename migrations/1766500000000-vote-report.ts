import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Vote figures (GET /reports/vote-outcomes) count each finished session's subjects and, where the caller
 * reads results, its subjects by QĐ 96 outcome. The session row keeps those counts itself, so the figures
 * of a period read session rows alone: a look-up of its subjects and one of its results per session made
 * the national figures over the scale set's 2,000 sessions several times the work of the rotation figures
 * (bench `vote-report`). Triggers keep them, whoever writes (the close, the paper count, the scale seed):
 * a session's subjects and results are written once, at its creation and its close, and never changed or
 * removed, so only inserts count. The outcomes stay null until results exist (a void session has none).
 * They are as restricted as the results they count: only the report reads them, under the same field
 * rule (libs/votes VoteReportService). vote_session_closed_idx serves the period.
 */
export class VoteReport1766500000000 implements MigrationInterface {
  name = 'VoteReport1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE vote_session
        ADD COLUMN subject_count int NOT NULL DEFAULT 0 CHECK (subject_count >= 0),
        ADD COLUMN outcome_none int CHECK (outcome_none >= 0),
        ADD COLUMN outcome_low_majority int CHECK (outcome_low_majority >= 0),
        ADD COLUMN outcome_low_two_thirds int CHECK (outcome_low_two_thirds >= 0)`);
    await q.query(`
      CREATE FUNCTION vote_subject_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE vote_session s SET subject_count = s.subject_count + a.n
          FROM (SELECT session_id, count(*)::int AS n FROM added GROUP BY session_id) a
         WHERE s.id = a.session_id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION vote_outcome_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE vote_session s
           SET outcome_none = coalesce(s.outcome_none, 0) + a.none,
               outcome_low_majority = coalesce(s.outcome_low_majority, 0) + a.low_majority,
               outcome_low_two_thirds = coalesce(s.outcome_low_two_thirds, 0) + a.low_two_thirds
          FROM (SELECT session_id, count(*) FILTER (WHERE outcome = 'none')::int AS none,
                       count(*) FILTER (WHERE outcome = 'low-majority')::int AS low_majority,
                       count(*) FILTER (WHERE outcome = 'low-two-thirds')::int AS low_two_thirds
                  FROM added GROUP BY session_id) a
         WHERE s.id = a.session_id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER vote_subject_count AFTER INSERT ON vote_subject REFERENCING NEW TABLE AS added
      FOR EACH STATEMENT EXECUTE FUNCTION vote_subject_count()`);
    await q.query(`
      CREATE TRIGGER vote_outcome_count AFTER INSERT ON vote_result REFERENCING NEW TABLE AS added
      FOR EACH STATEMENT EXECUTE FUNCTION vote_outcome_count()`);
    // The sessions already held: their counts from their rows.
    await q.query(`UPDATE vote_session s SET subject_count = (SELECT count(*) FROM vote_subject vs WHERE vs.session_id = s.id)`);
    await q.query(`
      UPDATE vote_session s
         SET outcome_none = r.none, outcome_low_majority = r.low_majority, outcome_low_two_thirds = r.low_two_thirds
        FROM (SELECT session_id, count(*) FILTER (WHERE outcome = 'none') AS none,
                     count(*) FILTER (WHERE outcome = 'low-majority') AS low_majority,
                     count(*) FILTER (WHERE outcome = 'low-two-thirds') AS low_two_thirds
                FROM vote_result GROUP BY session_id) r
       WHERE r.session_id = s.id`);
    await q.query(`CREATE INDEX vote_session_closed_idx ON vote_session (closed_at) WHERE closed_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX vote_session_closed_idx`);
    await q.query(`DROP TRIGGER vote_outcome_count ON vote_result`);
    await q.query(`DROP TRIGGER vote_subject_count ON vote_subject`);
    await q.query(`DROP FUNCTION vote_outcome_count()`);
    await q.query(`DROP FUNCTION vote_subject_count()`);
    await q.query(
      `ALTER TABLE vote_session DROP COLUMN subject_count, DROP COLUMN outcome_none, DROP COLUMN outcome_low_majority, DROP COLUMN outcome_low_two_thirds`,
    );
  }
}
