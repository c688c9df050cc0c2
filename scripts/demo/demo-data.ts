import { INestApplicationContext } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsServiceManager } from 'nestjs-cls';
import { Role, setActor } from '@canbo/access';
import { AuditService } from '@canbo/audit';
import { DeadlineBatchesService, DeadlinesService } from '@canbo/deadlines';
import { PlanningService } from '@canbo/planning';
import { AppraisalsService } from '@canbo/appraisal';
import { AppointmentsService } from '@canbo/appointments';
import { CadreChanges, CadreHistory } from '@canbo/cadres';
import { CommitteesService, PRE_STEP } from '@canbo/committees';
import { ActorLoader, UsersService, hashPassword } from '@canbo/identity';
import { asSystem } from '@canbo/platform';
import { VotesService, blindToken, type Rating } from '@canbo/votes';
import { ETHNICITIES, personName, pick, rng } from './names';
import { seedRotation } from './rotation';

/** The committees of api.md's demo set. */
export const DEMO_COMMITTEES = [
  { code: 'TW', name: 'Ban Chấp hành Trung ương', level: 'central', parent: null },
  { code: 'HN', name: 'Thành ủy Hà Nội', level: 'provincial', parent: 'TW' },
  { code: 'TH', name: 'Tỉnh ủy Thanh Hóa', level: 'provincial', parent: 'TW' },
  { code: 'TH-NS', name: 'Huyện ủy Nga Sơn', level: 'district', parent: 'TH' },
  { code: 'TH-TX', name: 'Thị ủy Nghi Sơn', level: 'district', parent: 'TH' },
] as const;

export const DEMO_USERS: { username: string; displayName: string; role: Role; committee: string }[] = [
  { username: 'operator', displayName: 'Quản trị hệ thống', role: 'operator', committee: 'TW' },
  { username: 'auditor.tw', displayName: 'Kiểm tra viên Trung ương', role: 'auditor', committee: 'TW' },
  { username: 'admin.tw', displayName: 'Ban Tổ chức Trung ương', role: 'admin', committee: 'TW' },
  { username: 'admin.hn', displayName: 'Ban Tổ chức Thành ủy Hà Nội', role: 'admin', committee: 'HN' },
  { username: 'admin.th', displayName: 'Ban Tổ chức Tỉnh ủy Thanh Hóa', role: 'admin', committee: 'TH' },
  { username: 'officer.th', displayName: 'Chuyên viên Ban Tổ chức Tỉnh ủy', role: 'officer', committee: 'TH' },
  { username: 'secretary.th', displayName: 'Bí thư Tỉnh ủy Thanh Hóa', role: 'secretary', committee: 'TH' },
  { username: 'admin.ns', displayName: 'Ban Tổ chức Huyện ủy Nga Sơn', role: 'admin', committee: 'TH-NS' },
  ...[1, 2, 3, 4, 5].map((n) => ({
    username: `voter.th.${n}`,
    displayName: `Ủy viên Ban Chấp hành ${n}`,
    role: 'voter' as Role,
    committee: 'TH',
  })),
];

export const DEMO_PASSWORD_DEFAULT = 'demo-Passw0rd!';

/** Cadres per committee, and how many of TH-NS's are managed by TH (diện Tỉnh ủy quản lý). */
const CADRES_PER_COMMITTEE = 24;
const TH_MANAGED_IN_NS = 5;

const TITLES: Record<string, string[]> = {
  central: ['Vụ trưởng', 'Phó Vụ trưởng', 'Chuyên viên cao cấp'],
  provincial: ['Giám đốc Sở', 'Phó Giám đốc Sở', 'Trưởng ban', 'Phó Trưởng ban'],
  district: ['Trưởng phòng', 'Phó Trưởng phòng', 'Chủ tịch UBND xã', 'Bí thư Đảng ủy xã'],
};

function isoDate(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Creates the root committee and the first operator: the two things no API call can create,
 * since every call needs a signed-in user and every committee a parent. Audited like any write.
 */
export async function bootstrapRoot(
  app: INestApplicationContext,
  root: { code: string; name: string },
  operator: { username: string; displayName: string; password: string },
): Promise<{ committeeId: string; operatorId: string }> {
  const txHost = app.get<TransactionHost<TransactionalAdapterTypeOrm>>(TransactionHost);
  const audit = app.get(AuditService);
  // Nobody exists to act yet: the root and its operator are made as the system (row-level security sees all).
  return asSystem(() =>
    txHost.withTransaction(async () => {
      const tx = txHost.tx;
      const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM committee`);
      if (n > 0) throw new Error('The database already has committees: the root exists');
      const [committee] = await tx.query(
        `INSERT INTO committee (code, name, level_code, node_no, path, depth, pre, last_pre)
         SELECT $1, $2, (SELECT code FROM committee_level ORDER BY rank LIMIT 1), n, ('n' || n)::ltree, 0, $3, $3
           FROM nextval('committee_node_seq') AS n RETURNING id`,
        [root.code, root.name, PRE_STEP],
      );
      const [user] = await tx.query(`INSERT INTO app_user (username, display_name, password_hash) VALUES ($1, $2, $3) RETURNING id`, [
        operator.username,
        operator.displayName,
        await hashPassword(operator.password),
      ]);
      const [assignment] = await tx.query(
        `INSERT INTO role_assignment (user_id, committee_id, role) VALUES ($1, $2, 'operator') RETURNING id`,
        [user.id, committee.id],
      );
      const base = { committeeId: committee.id, actorId: null };
      await audit.record({
        ...base,
        entityType: 'Committee',
        entityId: committee.id,
        action: 'create',
        changes: { after: { code: root.code, name: root.name } },
      });
      await audit.record({
        ...base,
        entityType: 'User',
        entityId: user.id,
        action: 'create',
        changes: { after: { username: operator.username } },
      });
      await audit.record({
        ...base,
        entityType: 'RoleAssignment',
        entityId: assignment.id,
        action: 'grant',
        changes: { after: { userId: user.id, role: 'operator' } },
      });
      return { committeeId: committee.id as string, operatorId: user.id as string };
    }),
  );
}

/**
 * Loads api.md's demo data set through the same services the API uses, acting as the users who
 * would do each step (so every row is validated and audited like any other write). Deterministic:
 * the same data on every machine.
 */
export async function seedDemo(app: INestApplicationContext, password = process.env.DEMO_PASSWORD || DEMO_PASSWORD_DEFAULT): Promise<void> {
  const committees = app.get(CommitteesService);
  const users = app.get(UsersService);
  const cadres = app.get(CadreChanges);
  const history = app.get(CadreHistory);
  const actors = app.get(ActorLoader);
  const cls = ClsServiceManager.getClsService();
  const random = rng(20251122);
  const ids = new Map<string, string>();
  const userIds = new Map<string, string>();

  const [root, ...rest] = DEMO_COMMITTEES;
  const operatorUser = DEMO_USERS[0];
  const boot = await bootstrapRoot(app, root, { ...operatorUser, password });
  ids.set(root.code, boot.committeeId);
  userIds.set(operatorUser.username, boot.operatorId);

  const actAs = async <T>(username: string, fn: () => Promise<T>): Promise<T> =>
    cls.run(async () => {
      const actor = await actors.load(userIds.get(username) as string);
      if (!actor) throw new Error(`No demo user ${username}`);
      setActor(actor);
      return fn();
    });

  const admins: Record<string, string> = { TW: 'admin.tw', HN: 'admin.hn', TH: 'admin.th', 'TH-NS': 'admin.ns', 'TH-TX': 'admin.th' };
  const createUser = async (u: (typeof DEMO_USERS)[number]) => {
    const created = await users.create({
      username: u.username,
      displayName: u.displayName,
      email: `${u.username}@canbo.local`,
      password,
      committeeId: ids.get(u.committee) as string,
      role: u.role,
    });
    userIds.set(u.username, created.id);
  };
  // As in real life, through the delegation rules: the operator creates committees and their first
  // boards (admins, secretaries, auditors); each board then appoints its own officers and voters.
  const boardAppointed = (u: (typeof DEMO_USERS)[number]) => ['officer', 'viewer', 'voter'].includes(u.role);
  await actAs('operator', async () => {
    for (const c of rest)
      ids.set(
        c.code,
        (await committees.create({ code: c.code, name: c.name, level: c.level, parentId: ids.get(c.parent as string) as string })).id,
      );
    for (const u of DEMO_USERS.slice(1).filter((u) => !boardAppointed(u))) await createUser(u);
  });
  for (const u of DEMO_USERS.filter(boardAppointed)) await actAs(admins[u.committee], () => createUser(u));

  const levelOf = new Map<string, string>(DEMO_COMMITTEES.map((c) => [c.code, c.level]));
  /** TH's own cadres, in order: the demo's planning list draws on them. */
  const thCadres: string[] = [];
  const thisYear = new Date().getFullYear();
  const cadreIds = new Map<string, string[]>();
  /** Nga Sơn's own cadres young enough and long enough in post for the demo appointment's conditions to hold. */
  const nsAppointable: string[] = [];

  for (const c of DEMO_COMMITTEES) {
    for (let i = 0; i < CADRES_PER_COMMITTEE; i++) {
      // TH-NS's first few cadres hold titles on the province's list: they work in Nga Sơn, the province manages them.
      const managedByTh = c.code === 'TH-NS' && i < TH_MANAGED_IN_NS;
      const managing = managedByTh ? 'TH' : c.code === 'TH-TX' ? 'TH' : c.code;
      const gender = random() < 0.38 ? 'female' : 'male';
      const born = 1962 + Math.floor(random() * 36);
      const joined = born + 20 + Math.floor(random() * 8);
      const restricted = managedByTh || random() < 0.25;
      const dto = {
        committeeId: ids.get(c.code) as string,
        managingCommitteeId: ids.get(managing) as string,
        fullName: c.code === 'TH' && i === 0 ? 'Nguyễn Văn Hùng' : personName(random, gender),
        gender: (c.code === 'TH' && i === 0 ? 'male' : gender) as 'male' | 'female',
        dateOfBirth: isoDate(born, 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28)),
        ethnicity: pick(random, ETHNICITIES),
        religion: random() < 0.1 ? 'Phật giáo' : undefined,
        hometown: pick(random, [
          'Nga Sơn, Thanh Hóa',
          'Hoằng Hóa, Thanh Hóa',
          'Đông Anh, Hà Nội',
          'Quỳnh Lưu, Nghệ An',
          'Kim Sơn, Ninh Bình',
        ]),
        partyJoinDate: isoDate(joined, 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28)),
        partyOfficialDate: isoDate(joined + 1, 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28)),
        educationLevel: pick(random, ['Cử nhân Luật', 'Thạc sĩ Quản lý công', 'Cử nhân Kinh tế', 'Tiến sĩ Kinh tế', 'Kỹ sư Nông nghiệp']),
        politicalTheoryLevel: pick(random, ['intermediate', 'advanced', 'advanced', 'bachelor']),
        ...(restricted
          ? {
              politicalNotes: 'Lịch sử chính trị rõ ràng; không có vấn đề cần lưu ý.',
              family: [
                {
                  relation: 'spouse' as const,
                  fullName: personName(random, gender === 'male' ? 'female' : 'male'),
                  birthYear: born + 1,
                  occupation: 'Giáo viên',
                },
                { relation: 'child' as const, fullName: personName(random, 'male'), birthYear: born + 28, occupation: 'Sinh viên' },
              ],
              discipline:
                managedByTh || i % 4 === 1
                  ? [
                      {
                        form: 'reprimand' as const,
                        decidedOn: isoDate(thisYear - 3, 6, 15),
                        effectUntil: isoDate(thisYear - 2, 6, 15),
                        decisionRef: `${100 + i}-QĐ/UBKT`,
                      },
                    ]
                  : [],
            }
          : {}),
      };
      await actAs(admins[managing], async () => {
        const cadre = await cadres.create(dto);
        if (c.code === 'TH') thCadres.push(cadre.id as string);
        // Born 1978 or later: well over 60 months of service left, and over 2 years at the term's end; in post 3+ years.
        if (c.code === 'TH-NS' && !managedByTh && born >= 1978 && i % 4 >= 1) nsAppointable.push(cadre.id as string);
        cadreIds.set(c.code, [...(cadreIds.get(c.code) ?? []), cadre.id as string]);
        const title = pick(random, TITLES[levelOf.get(c.code) as string]);
        await history.addPosition(cadre.id as string, {
          title,
          organisation: c.name,
          committeeId: ids.get(c.code),
          startedOn: isoDate(thisYear - 2 - (i % 4), 3, 1),
        });
        for (let y = thisYear - 3; y < thisYear; y++) {
          const score = 60 + Math.floor(random() * 38);
          await history.addEvaluation(cadre.id as string, {
            year: y,
            score,
            rating: score >= 90 ? 'excellent' : score >= 70 ? 'good' : 'completed',
          });
        }
      });
    }
  }

  // Deadlines dated from today, so the worker's first scan (at start) has something to send: admin.th and
  // admin.ns get reminders, and admin.th gets the escalation of Nga Sơn's overdue report.
  const deadlines = app.get(DeadlinesService);
  const batches = app.get(DeadlineBatchesService);
  await actAs('admin.th', async () => {
    await deadlines.create({
      committeeId: ids.get('TH') as string,
      kind: 'planning-review',
      title: 'Rà soát, bổ sung quy hoạch Ban Chấp hành Đảng bộ tỉnh',
      dueOn: vnDay(7),
    });
    await deadlines.create({
      committeeId: ids.get('TH-NS') as string,
      kind: 'planning-submission',
      title: 'Nộp hồ sơ quy hoạch Ban Thường vụ Huyện ủy',
      dueOn: vnDay(1),
    });
    await deadlines.create({
      committeeId: ids.get('TH-NS') as string,
      kind: 'report-submission',
      title: 'Báo cáo kết quả lấy phiếu tín nhiệm giữa nhiệm kỳ',
      dueOn: vnDay(-4),
    });
    await batches.create({
      committeeId: ids.get('TH') as string,
      kind: 'appraisal',
      title: 'Hoàn thành thẩm định nhân sự quy hoạch cấp huyện',
      dueOn: vnDay(30),
    });
  });

  // TH's planning for 2025–2030; 2026–2031, judged by QĐ 377: four cadres for one deputy-secretary title
  // (at most three seats), so GET /planning-cycles/:id/checks shows a failure and submitting is refused.
  const planning = app.get(PlanningService);
  await actAs('admin.th', async () => {
    const cycle = await planning.create({
      committeeId: ids.get('TH') as string,
      partyTermFrom: 2025,
      stateTermFrom: 2026,
      submissionDueOn: vnDay(60),
    });
    const titles = await planning.titles('provincial');
    const titleId = (code: string) => (titles.find((t) => t.code === code) as { id: string }).id;
    const votes = [
      { conference: 'standing_committee' as const, convened: 15, present: 15, inFavour: 12 },
      { conference: 'executive_committee' as const, convened: 50, present: 47, inFavour: 35 },
    ];
    for (const cadreId of thCadres.slice(0, 4))
      await planning.nominate(cycle.id, { cadreId, titleId: titleId('provincial.deputy-secretary'), source: 'local', votes });
    await planning.nominate(cycle.id, { cadreId: thCadres[4], titleId: titleId('provincial.secretary'), source: 'local', votes });
  });

  // Appraisal (thẩm định): Nga Sơn asks the province about two of the cadres it manages. One is in review,
  // with the inspection commission's opinion given and the police's due in two days; the other was
  // concluded "not to be considered", with reasons (restricted: read by the two boards and auditors above).
  const appraisals = app.get(AppraisalsService);
  const [forAppointment, forPlanning] = cadreIds.get('TH-NS') as string[];
  const asked = (kind: 'appointment' | 'planning', cadreId: string, purpose: string, dueOn: string) =>
    actAs('admin.ns', () => appraisals.create({ committeeId: ids.get('TH-NS') as string, kind, cadreId, purpose, dueOn }));
  // Each step as the board that takes it (actAs contexts are not nested: each loads its own actor).
  const first = await asked('appointment', forAppointment, 'Bổ nhiệm Phó Chủ tịch Ủy ban nhân dân huyện', vnDay(20));
  const second = await asked('planning', forPlanning, 'Quy hoạch Ủy viên Ban Thường vụ Huyện ủy nhiệm kỳ 2030–2035', vnDay(15));
  await actAs('admin.th', async () => {
    let a = await appraisals.review(first.id, first.version);
    a = await appraisals.askOpinion(a.id, a.version, {
      bodyKind: 'inspection-commission',
      bodyName: 'Ủy ban Kiểm tra Tỉnh ủy Thanh Hóa',
      dueOn: vnDay(10),
    });
    a = await appraisals.askOpinion(a.id, a.version, { bodyKind: 'police', bodyName: 'Công an tỉnh Thanh Hóa', dueOn: vnDay(2) });
    await appraisals.recordOpinion(a.id, a.version, {
      opinionId: a.opinions[0].id,
      text: 'Không có đơn thư khiếu nại, tố cáo; chưa phát hiện vi phạm.',
      givenOn: vnDay(0),
    });

    let b = await appraisals.review(second.id, second.version);
    b = await appraisals.askOpinion(b.id, b.version, {
      bodyKind: 'internal-political-protection',
      bodyName: 'Ban Bảo vệ chính trị nội bộ Tỉnh ủy',
      dueOn: vnDay(5),
    });
    b = await appraisals.recordOpinion(b.id, b.version, {
      opinionId: b.opinions[0].id,
      text: 'Lịch sử chính trị của thân nhân (bố vợ) chưa được xác minh đầy đủ.',
      givenOn: vnDay(0),
    });
    await appraisals.conclude(b.id, b.version, {
      outcome: 'not_to_be_considered',
      reasons:
        'Chưa đủ tiêu chuẩn chính trị theo Quy định 58-QĐ/TW: lịch sử chính trị của thân nhân chưa được xác minh; đề nghị không xem xét.',
    });
  });

  // Appointments (bổ nhiệm): Nga Sơn's board proposes one of its cadres as deputy head of its organisation
  // board; the province's secretary decides it, effective in ten days, which opens the reappointment notice
  // deadline 90 working days before the 5-year term ends. The worker changes the post on the effective date.
  const appointments = app.get(AppointmentsService);
  const proposed = await actAs('admin.ns', () =>
    appointments.create({
      kind: 'appointment',
      cadreId: nsAppointable[0],
      committeeId: ids.get('TH-NS') as string,
      title: 'Phó Trưởng Ban Tổ chức Huyện ủy',
      organisation: 'Huyện ủy Nga Sơn',
      dossierReceivedOn: vnDay(-5),
      effectiveFrom: vnDay(10),
    }),
  );
  await actAs('secretary.th', () =>
    appointments.decide(proposed.id, { version: proposed.version, decisionNumber: '215-QĐ/TU', decisionDate: vnDay(0) }),
  );

  await seedVotes(app, actAs, ids.get('TH') as string, thCadres);

  // Rotation (luân chuyển): one under way, a Thanh Hóa cadre the other demo steps leave alone, down to Nga Sơn.
  await seedRotation(app, actAs, ids, thCadres[12], vnDay);
}

/**
 * Confidence votes at Thanh Hóa for voter.th.1…5: one finished, one open. The finished one goes the
 * whole real way: each voter receives its ballot (a blind signature on a token made as a browser would)
 * and casts it anonymously, and the worker's close counts it once every voter has voted (QĐ 96: the
 * second subject's 2 "low" of 5 stays under half, so the demo starts with no follow-up deadline or notice
 * that the journeys on the inbox and the audit trail would meet). The open one takes ballots for a week.
 */
async function seedVotes(
  app: INestApplicationContext,
  actAs: <T>(username: string, fn: () => Promise<T>) => Promise<T>,
  committeeId: string,
  cadreIds: string[],
): Promise<void> {
  const votes = app.get(VotesService);
  const voters = [1, 2, 3, 4, 5].map((n) => `voter.th.${n}`);
  const setUp = (title: string, subjects: { cadreId: string; post: string }[], closesInDays: number) =>
    actAs('admin.th', () =>
      votes.create({
        committeeId,
        title,
        mode: 'electronic',
        convened: 6,
        opensAt: new Date(Date.now() - 3_600_000).toISOString(),
        closesAt: new Date(Date.now() + closesInDays * 86_400_000).toISOString(),
        subjects,
      }),
    );
  const finished = await setUp(
    'Lấy phiếu tín nhiệm giữa nhiệm kỳ đối với Ủy viên Ban Thường vụ Tỉnh ủy',
    [
      { cadreId: cadreIds[5], post: 'Phó Bí thư Tỉnh ủy' },
      { cadreId: cadreIds[6], post: 'Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Tỉnh ủy' },
      { cadreId: cadreIds[7], post: 'Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy' },
    ],
    1,
  );
  const ballots: Rating[][] = [
    ['high', 'low', 'confidence'],
    ['high', 'low', 'high'],
    ['confidence', 'confidence', 'high'],
    ['high', 'confidence', 'confidence'],
    ['confidence', 'high', 'high'],
  ];
  const publicKey = Buffer.from(finished.publicKey as string, 'base64');
  for (const [i, voter] of voters.entries()) {
    const blinded = await blindToken(publicKey);
    const { blindSignature } = await actAs(voter, () =>
      votes.issueBallot(finished.id, { blindedMessage: Buffer.from(blinded.blindedMessage).toString('base64') }),
    );
    const { token, signature } = await blinded.finish(Buffer.from(blindSignature, 'base64'));
    await asSystem(() =>
      votes.castBallot(finished.id, {
        token: Buffer.from(token).toString('base64'),
        signature: Buffer.from(signature).toString('base64'),
        ratings: ballots[i],
      }),
    );
  }
  // The worker's scan: every voter has voted, so it closes now (the open session below is not due).
  await asSystem(() => votes.closeDue(new Date()));
  await setUp(
    'Lấy phiếu tín nhiệm Trưởng, Phó các ban đảng Tỉnh ủy',
    [
      { cadreId: cadreIds[8], post: 'Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy' },
      { cadreId: cadreIds[9], post: 'Phó Trưởng Ban Tổ chức Tỉnh ủy' },
      { cadreId: cadreIds[10], post: 'Phó Chánh Văn phòng Tỉnh ủy' },
    ],
    7,
  );
}

/** Today plus `days`, in Vietnam's calendar (the deadlines' calendar). */
function vnDay(days: number): string {
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
