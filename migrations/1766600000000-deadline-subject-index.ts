import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A subject's deadlines whatever their state: "was its follow-up ever opened" (a vote's, once only), and the
 * closing of a subject's owed deadlines when it is cancelled or concluded. Without it each of those reads the
 * whole table (deadline_subject_live_key covers only the owed ones, and leads with the committee): 130–180 ms per
 * vote follow-up over the scale set's table (bench `vote-tally`), growing with every deadline ever set.
 */
export class DeadlineSubjectIndex1766600000000 implements MigrationInterface {
  name = 'DeadlineSubjectIndex1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX deadline_subject_idx ON deadline (subject_type, subject_id, kind) WHERE subject_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deadline_subject_idx`);
  }
}
