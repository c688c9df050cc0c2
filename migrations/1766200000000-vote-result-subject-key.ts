import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A vote result names its subject by one key: (session, position, cadre) must be a subject of the session
 * as it was on the ballot. Before, three foreign keys (the session, the cadre, the subject's position) were
 * checked row by row — 1,500 lookups for a close of 500 subjects (bench `vote-tally`) — and nothing said the
 * result's cadre was the subject's. The subject's own keys already hold the session and the cadre.
 */
export class VoteResultSubjectKey1766200000000 implements MigrationInterface {
  name = 'VoteResultSubjectKey1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE vote_subject ADD CONSTRAINT vote_subject_cadre_key UNIQUE (session_id, position, cadre_id)`);
    await q.query(`
      ALTER TABLE vote_result
        DROP CONSTRAINT vote_result_session_id_fkey,
        DROP CONSTRAINT vote_result_cadre_id_fkey,
        DROP CONSTRAINT vote_result_session_id_position_fkey,
        ADD CONSTRAINT vote_result_subject_fkey FOREIGN KEY (session_id, position, cadre_id) REFERENCES vote_subject (session_id, position, cadre_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE vote_result
        DROP CONSTRAINT vote_result_subject_fkey,
        ADD CONSTRAINT vote_result_session_id_fkey FOREIGN KEY (session_id) REFERENCES vote_session (id),
        ADD CONSTRAINT vote_result_cadre_id_fkey FOREIGN KEY (cadre_id) REFERENCES cadre (id),
        ADD CONSTRAINT vote_result_session_id_position_fkey FOREIGN KEY (session_id, position) REFERENCES vote_subject (session_id, position)`);
    await q.query(`ALTER TABLE vote_subject DROP CONSTRAINT vote_subject_cadre_key`);
  }
}
