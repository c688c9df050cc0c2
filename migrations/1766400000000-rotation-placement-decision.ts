import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The post-rotation decision (quyết định bố trí sau luân chuyển, QĐ 65 Art. 10) is a decision of its own with its
 * own number, which the file's new post cites; rotations concluded before this column have none.
 */
export class RotationPlacementDecision1766400000000 implements MigrationInterface {
  name = 'RotationPlacementDecision1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE rotation ADD COLUMN placement_decision_number text CHECK (length(placement_decision_number) BETWEEN 1 AND 100)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rotation DROP COLUMN placement_decision_number`);
  }
}
