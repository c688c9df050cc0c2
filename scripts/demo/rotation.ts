import { INestApplicationContext } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { currentActor } from '@canbo/access';
import { AuditService } from '@canbo/audit';
import { DeadlinesService } from '@canbo/deadlines';
import { asSystem } from '@canbo/platform';
import { addDays, addMonths, viDate } from '@canbo/rulebook';
import { RotationService } from '@canbo/rotation';

/** The post-rotation decision's lead before the planned end, as RotationService gives it (DECISION_LEAD_DAYS). */
const DECISION_LEAD_DAYS = 90;

/**
 * One rotation under way: Thanh Hóa's board rotates one of its cadres down to Nga Sơn (upper-to-lower,
 * training) from two months ago for 36 months. Proposed through the service as admin.th. The decision is
 * the centre's (the committee above Thanh Hóa), which the demo has no secretary for, so the centre's
 * organisation board (admin.tw) records it as the approval would: the state, the decision, the
 * post-rotation decision's deadline (at Thanh Hóa, due 90 days before the planned end: years away, so no
 * reminder or notice today) and the audit entry, without QĐ 65's checks (the cadre is in no approved
 * planning in the demo). Then the worker's own start (RotationService.start, as the system) moves the
 * file to Nga Sơn, as on the start date.
 */
export async function seedRotation(
  app: INestApplicationContext,
  actAs: <T>(username: string, fn: () => Promise<T>) => Promise<T>,
  ids: Map<string, string>,
  cadreId: string,
  today: (days: number) => string,
): Promise<void> {
  const rotations = app.get(RotationService);
  const startsOn = today(-60);
  // The last day of 36 months (QĐ 65's minimum): the day before the same date three years on.
  const plannedEndOn = addDays(addMonths(startsOn, 36), -1);
  const proposed = await actAs('admin.th', () =>
    rotations.create({
      cadreId,
      committeeId: ids.get('TH') as string,
      direction: 'upper-to-lower',
      type: 'training',
      purpose: 'Đào tạo, rèn luyện cán bộ trẻ trong quy hoạch qua thực tiễn ở cơ sở',
      originCommitteeId: ids.get('TH') as string,
      originPost: 'Phó Trưởng Ban Tổ chức Tỉnh ủy',
      destinationCommitteeId: ids.get('TH-NS') as string,
      destinationPost: 'Phó Bí thư Huyện ủy Nga Sơn',
      startsOn,
      plannedEndOn,
    }),
  );
  const txHost = app.get<TransactionHost<TransactionalAdapterTypeOrm>>(TransactionHost);
  const deadlines = app.get(DeadlinesService);
  const audit = app.get(AuditService);
  const decision = { decisionNumber: '1245-QĐ/TW', decisionDate: today(-75) };
  const dueOn = addDays(plannedEndOn, -DECISION_LEAD_DAYS);
  // Recorded by the centre's organisation board (admin.tw), so the trail names a person, as an approval's would.
  await actAs('admin.tw', () =>
    txHost.withTransaction(async () => {
      await txHost.tx.query(
        `UPDATE rotation SET state = 'approved', decided_by = $4, decision_number = $2, decision_date = $3, version = version + 1, updated_at = now()
          WHERE id = $1`,
        [proposed.id, decision.decisionNumber, decision.decisionDate, currentActor().userId],
      );
      await deadlines.openFor({
        committeeId: proposed.committeeId,
        subjectType: 'Rotation',
        subjectId: proposed.id,
        kind: 'rotation-end',
        title: `Quyết định bố trí sau luân chuyển: ${proposed.cadreName ?? 'cán bộ'}, ${proposed.destinationPost} (kết thúc ${viDate(plannedEndOn)})`,
        dueOn,
        setByCommitteeId: proposed.deciderCommitteeId,
      });
      await audit.record({
        committeeId: proposed.committeeId,
        entityType: 'Rotation',
        entityId: proposed.id,
        action: 'approve',
        changes: { before: { state: 'proposed' }, after: { state: 'approved', ...decision, dueOn }, warnings: [] },
      });
    }),
  );
  const started = await asSystem(() => rotations.start(today(0)));
  if (!started.includes(proposed.id)) throw new Error(`the demo rotation ${proposed.id} did not start`);
}
