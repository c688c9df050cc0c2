import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a confidence vote's close sets off (libs/votes): the managing committee of each cadre with a low
 * outcome gets a follow-up deadline (consider removal from planning, relief or dismissal, QĐ 96 Art. 11),
 * one per session and committee. The results themselves stay in vote_result; other modules read a
 * cadre's latest outcome through VotesService.
 */
export class VoteConsequences1765800000000 implements MigrationInterface {
  name = 'VoteConsequences1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO deadline_policy (kind, name, remind_days, escalate_after_days)
       VALUES ('confidence-vote-follow-up', 'Xem xét, xử lý kết quả lấy phiếu tín nhiệm thấp', '{7,1,0}', 3)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM deadline WHERE kind = 'confidence-vote-follow-up'`);
    await q.query(`DELETE FROM deadline_policy WHERE kind = 'confidence-vote-follow-up'`);
  }
}
