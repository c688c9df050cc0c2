import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rotations' placement after the decision, the yearly evaluation by the destination, and the origin's read.
 *
 * - `origin_managing_committee_id`: the committee that managed the file before the start moved it, so that a
 *   return puts the file back where it was (filled by the start; for rotations already started, from the start's
 *   audit event, which recorded the placement before the move).
 * - `placed_at`: when the post-rotation decision was applied to the file (the cadre moved back, or the new
 *   post opened). A decision dated in the future is applied by the worker on its date; one concluded before this
 *   migration recorded the decision only (the placement was an appointment of its own), so it counts as applied.
 * - The deadline kind 'rotation-yearly-evaluation': the destination board's yearly evaluation of the rotated
 *   cadre (QĐ 65 Art. 6).
 * - Row-level security: the origin committee's subtree reads the rotation too (it keeps the record of the
 *   cadre it sent, after the file moved away).
 */
const SCOPE = `(SELECT canbo_scope())`;
const IN_SCOPE = (column: string) => `EXISTS (SELECT 1 FROM committee c WHERE c.id = rotation.${column} AND c.pre <@ ${SCOPE})`;

export class RotationPlacement1766000000000 implements MigrationInterface {
  name = 'RotationPlacement1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE rotation
        ADD COLUMN origin_managing_committee_id uuid REFERENCES committee(id),
        ADD COLUMN placed_at timestamptz`);
    await q.query(`
      UPDATE rotation r SET origin_managing_committee_id = (e.changes #>> '{after,placement,before,managingCommitteeId}')::uuid
        FROM audit_event e
       WHERE e.entity_type = 'Rotation' AND e.entity_id = r.id AND e.action = 'start'
         AND e.changes #>> '{after,placement,before,managingCommitteeId}' IS NOT NULL`);
    await q.query(`UPDATE rotation SET placed_at = updated_at WHERE state = 'concluded'`);
    await q.query(`ALTER TABLE rotation ADD CONSTRAINT rotation_placed_concluded CHECK (placed_at IS NULL OR state = 'concluded')`);
    // The worker's daily read: decisions whose date has come and that are not applied yet.
    await q.query(`CREATE INDEX rotation_placement_due_idx ON rotation (concluded_on) WHERE state = 'concluded' AND placed_at IS NULL`);
    await q.query(`CREATE INDEX rotation_origin_idx ON rotation (origin_committee_id)`);
    await q.query(`DROP POLICY rotation_scope ON rotation`);
    await q.query(`
      CREATE POLICY rotation_scope ON rotation FOR ALL USING (
        ${SCOPE} = '{(,)}'::int8multirange OR ${IN_SCOPE('committee_id')} OR ${IN_SCOPE('destination_committee_id')}
        OR ${IN_SCOPE('origin_committee_id')})`);
    await q.query(
      `INSERT INTO deadline_policy (kind, name, remind_days, escalate_after_days)
       VALUES ('rotation-yearly-evaluation', 'Đánh giá hằng năm cán bộ luân chuyển', '{30,7,1,0}', 3)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM deadline WHERE kind = 'rotation-yearly-evaluation'`);
    await q.query(`DELETE FROM deadline_policy WHERE kind = 'rotation-yearly-evaluation'`);
    await q.query(`DROP POLICY rotation_scope ON rotation`);
    await q.query(`
      CREATE POLICY rotation_scope ON rotation FOR ALL USING (
        ${SCOPE} = '{(,)}'::int8multirange OR ${IN_SCOPE('committee_id')} OR ${IN_SCOPE('destination_committee_id')})`);
    await q.query(`DROP INDEX rotation_origin_idx`);
    await q.query(`DROP INDEX rotation_placement_due_idx`);
    await q.query(`ALTER TABLE rotation DROP CONSTRAINT rotation_placed_concluded`);
    await q.query(`ALTER TABLE rotation DROP COLUMN placed_at, DROP COLUMN origin_managing_committee_id`);
  }
}
