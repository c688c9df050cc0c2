import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A third reason for planning's removal proposals (libs/planning removal-proposals.service.ts): more than
 * half "low" in the nominee's latest confidence vote (domain.md §6, QĐ 96 Art. 11: removed from planning
 * for higher posts). Its grounds are the vote session, so one session is proposed once.
 */
export class RemovalProposalConfidenceVote1766100000000 implements MigrationInterface {
  name = 'RemovalProposalConfidenceVote1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE planning_removal_proposal DROP CONSTRAINT planning_removal_proposal_reason_check`);
    await q.query(
      `ALTER TABLE planning_removal_proposal ADD CONSTRAINT planning_removal_proposal_reason_check
         CHECK (reason IN ('age', 'discipline', 'confidence_vote'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // The older schema cannot hold these proposals: they go with the reason.
    await q.query(`DELETE FROM planning_removal_proposal WHERE reason = 'confidence_vote'`);
    await q.query(`ALTER TABLE planning_removal_proposal DROP CONSTRAINT planning_removal_proposal_reason_check`);
    await q.query(
      `ALTER TABLE planning_removal_proposal ADD CONSTRAINT planning_removal_proposal_reason_check CHECK (reason IN ('age', 'discipline'))`,
    );
  }
}
