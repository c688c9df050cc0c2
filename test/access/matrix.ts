import { Workbook } from 'exceljs';
import { blindToken } from '@canbo/votes';
import type { Fixtures } from './fixtures';
import { DEMO_PASSWORD_DEFAULT } from '../../scripts/demo/demo-data';
import {
  Actor,
  CADRE_POSITIONS,
  asksAppraisal,
  asksAppraisals,
  decidesAppraisal,
  decidesAppraisals,
  readsAppraisal,
  readsAppraisals,
  reviewsAppraisal,
  reviewsAppraisals,
  CHILD_LEVEL,
  COMMITTEE_POSITIONS,
  Code,
  LEVEL,
  Position,
  Role,
  changesCommittee,
  childrenOf,
  createsChildOf,
  grants,
  grantsRoleAt,
  meetsDeadline,
  meetsDeadlines,
  operates,
  parentOf,
  readsAssignmentAt,
  readsAssignments,
  readsAudit,
  readsCadre,
  readsCadres,
  readsDeadline,
  readsDeadlines,
  readsRestricted,
  seesCommittee,
  verifiesAudit,
  verifiesChains,
  setsDeadline,
  setsDeadlines,
  waivesDeadline,
  within,
  approverOf,
  draftsCycle,
  draftsPlanning,
  holdsStep,
  readsCycle,
  readsPlanning,
  takesStep,
  holdsAppointmentStep,
  holdsRotationStep,
  proposesRotationAt,
  proposesRotations,
  readsOriginHistory,
  readsRotation,
  readsRotations,
  rotationDestinationOf,
  takesRotationStep,
  type RotationStep,
  proposesAppointmentAt,
  proposesAppointments,
  readsAppointment,
  readsAppointments,
  takesAppointmentStep,
  type AppointmentStep,
  type CycleStep,
  writesCadre,
  writesCadres,
  readsVotes,
  readsVoteSession,
  setsUpVotes,
  setsUpVoteAt,
  votes,
} from './model';

/**
 * The access matrix: every route of the OpenAPI document, what each demo role gets from it for a
 * record in each position around its home committee. Expected answers are built from the rules in
 * model.ts (product.md), never from the product's code.
 *
 * A new route: add a Case with its `METHOD /path` as the document spells it, the positions that make
 * sense for it, a `request` that makes a fresh record of that position (fixtures.ts) and the answer
 * from the rules (`answer({ route, sees, may, ok })`); a rule the model lacks goes into model.ts,
 * written from product.md. A route that is public or tested elsewhere goes into OUT_OF_SCOPE, with why.
 */

export interface Req {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  path: string;
  query?: Record<string, string | number | boolean>;
  body?: object;
  /** An upload (multipart/form-data) instead of a JSON body. */
  file?: { field: string; filename: string; content: Buffer };
}

/** One cell: who asks, and where the record sits (`committee` is the position's committee for that actor). */
export interface Cell {
  actor: Actor;
  position: Position;
  committee: Code;
}

export interface Ctx {
  fx: Fixtures;
  /** The caller's own user id. */
  selfId: string;
  /** A fresh sign-in of the caller (its refresh token), for routes that consume one. */
  signIn(): Promise<{ refreshToken: string }>;
  /** A new committee directly under `parent`, made by the operator through the API (serial cells only). */
  freshChild(parent: Code): Promise<{ id: string; version: number }>;
}

export interface Case {
  /** `METHOD /path` exactly as in GET /api/docs-json. */
  route: string;
  /** When a route has several cases (e.g. one per role granted). */
  variant?: string;
  positions: Position[];
  /** Cells that cannot exist for this actor (beyond positions the tree lacks, which are skipped anyway). */
  applies?: (cell: Cell) => boolean;
  /**
   * Runs after the concurrent cells, one at a time: it reshapes the tree (renumbering every committee)
   * or may change the caller's own powers, so no other cell may run beside it.
   */
  serial?: boolean;
  request(ctx: Ctx, cell: Cell): Promise<Req>;
  expected(cell: Cell): number;
  /** A product bug this case still hits: its cells run but are reported as to-do instead of failing the suite. */
  knownBug?: { reason: string; cells?: (cell: Cell) => boolean };
}

/**
 * The usual order of answers: a route the role holds no power for at all is 403 whatever the record;
 * then a record the caller cannot see is 404 (ids leak nothing); then a visible one it may not touch is 403.
 */
function answer(o: { route: boolean; sees: boolean; may: boolean; ok: number }): number {
  if (!o.route) return 403;
  if (!o.sees) return 404;
  return o.may ? o.ok : 403;
}

/** Where a cadre of a position works and who manages it. */
export function cadrePlace(cell: Cell): { working: Code; managing: Code } {
  const home = cell.actor.home;
  if (cell.position === 'managedBelow') return { working: cell.committee, managing: home };
  if (cell.position === 'managedAbove') return { working: home, managing: parentOf(home) as Code };
  return { working: cell.committee, managing: cell.committee };
}

const get = (path: string, query?: Req['query']): Req => ({ method: 'GET', path, query });
const post = (path: string, body: object = {}): Req => ({ method: 'POST', path, body });

const V1 = '/api/v1';
const LIST = { limit: 200 };
const everyone = (ok: number) => () => ok;

/**
 * Routes of the document outside the matrix, each with the reason. Not in the document at all, so not
 * here either: /health/* (excluded from it, platform.e2e-spec.ts), /api/docs itself, and the queue
 * dashboard's own pages under /admin/queues (raw Fastify routes, queue-dashboard.e2e-spec.ts).
 */
export const OUT_OF_SCOPE: Record<string, string> = {
  [`POST ${V1}/auth/login`]: 'public: signing in (auth.e2e-spec.ts covers credentials, lockout, throttling)',
  [`POST ${V1}/auth/refresh`]: 'public: trades a refresh token (auth.e2e-spec.ts)',
  [`POST ${V1}/vote-sessions/{id}/ballots`]: 'public on purpose: an anonymous ballot admitted by its blind signature (votes.e2e-spec.ts)',
};

// ---- committees ----------------------------------------------------------------------------------------

const committeeCases: Case[] = [
  {
    route: `GET ${V1}/committee-levels`,
    positions: ['none'],
    request: async () => get(`${V1}/committee-levels`),
    expected: everyone(200),
  },
  {
    route: `GET ${V1}/committees`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/committees`, { under: fx.ids[c.committee], ...LIST }),
    expected: ({ actor, committee }) => answer({ route: true, sees: seesCommittee(actor, committee), may: true, ok: 200 }),
  },
  {
    route: `GET ${V1}/committees/{id}`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/committees/${fx.ids[c.committee]}`),
    expected: ({ actor, committee }) => answer({ route: true, sees: seesCommittee(actor, committee), may: true, ok: 200 }),
  },
  {
    route: `POST ${V1}/committees`,
    positions: COMMITTEE_POSITIONS,
    serial: true,
    // Nothing ranks below grassroots.
    applies: (c) => CHILD_LEVEL[LEVEL[c.committee]] !== undefined,
    request: async ({ fx }, c) =>
      post(`${V1}/committees`, {
        code: uniqueCode(),
        name: 'Cấp ủy ma trận',
        level: CHILD_LEVEL[LEVEL[c.committee]],
        parentId: fx.ids[c.committee],
      }),
    expected: ({ actor, committee }) =>
      answer({
        route: ['operator', 'admin'].includes(actor.role),
        sees: seesCommittee(actor, committee),
        may: createsChildOf(actor, committee),
        ok: 201,
      }),
  },
  {
    // A child is a fresh committee under the caller's, so a rename, move or dissolution that succeeds disturbs no other cell.
    route: `PATCH ${V1}/committees/{id}`,
    positions: COMMITTEE_POSITIONS,
    serial: true,
    request: async (ctx, c) => {
      const target = await committeeTarget(ctx, c);
      // A real committee keeps its name: a rename that succeeds changes only its version.
      return { method: 'PATCH', path: `${V1}/committees/${target.id}`, body: { version: target.version, name: target.name } };
    },
    expected: ({ actor, committee }) =>
      answer({
        route: ['operator', 'admin'].includes(actor.role),
        sees: seesCommittee(actor, committee),
        may: changesCommittee(actor, committee),
        ok: 200,
      }),
  },
  {
    // Moved under its current parent: the access checks run in full, the tree ends as it was.
    route: `POST ${V1}/committees/{id}/move`,
    positions: COMMITTEE_POSITIONS,
    serial: true,
    applies: (c) => parentOf(c.committee) !== null,
    request: async (ctx, c) => {
      const target = await committeeTarget(ctx, c);
      return post(`${V1}/committees/${target.id}/move`, { version: target.version, parentId: ctx.fx.ids[targetParent(c)] });
    },
    expected: (c) => reshape(c, 200),
  },
  {
    route: `POST ${V1}/committees/{id}/dissolve`,
    positions: COMMITTEE_POSITIONS,
    serial: true,
    applies: (c) => parentOf(c.committee) !== null,
    request: async (ctx, c) => {
      const target = await committeeTarget(ctx, c);
      return post(`${V1}/committees/${target.id}/dissolve`, { version: target.version, successorId: ctx.fx.ids[targetParent(c)] });
    },
    expected: (c) => reshape(c, 200),
  },
];

let codes = 0;
const uniqueCode = () => `MX-${process.pid % 10000}-${++codes}`;

/** The committee a committee-changing cell acts on: a fresh one below the caller's for `child`, the real one otherwise. */
async function committeeTarget(ctx: Ctx, c: Cell): Promise<{ id: string; version: number; name: string }> {
  if (c.position === 'child') return { ...(await ctx.freshChild(c.actor.home)), name: 'Cấp ủy ma trận (đổi tên)' };
  return { id: ctx.fx.ids[c.committee], ...(await ctx.fx.committee(c.committee)) };
}
/** The parent of that committee: the caller's own committee for a fresh child. */
const targetParent = (c: Cell): Code => (c.position === 'child' ? c.actor.home : (parentOf(c.committee) as Code));

/** Moving or dissolving into the parent: change the committee, then add under the parent. */
function reshape(c: Cell, ok: number): number {
  const { actor, committee } = c;
  const parent = targetParent(c);
  if (!['operator', 'admin'].includes(actor.role)) return 403;
  if (!seesCommittee(actor, committee)) return 404;
  if (!changesCommittee(actor, committee)) return 403;
  if (!seesCommittee(actor, parent)) return 404;
  return createsChildOf(actor, parent) ? ok : 403;
}

// ---- cadre files ----------------------------------------------------------------------------------------

/** Reading a list or roll-up filtered by a committee: the committee must be visible. */
const cadreScope = ({ actor, committee }: Cell) =>
  answer({ route: readsCadres(actor), sees: seesCommittee(actor, committee), may: true, ok: 200 });
/** Changing one file: read it first (working committee), then write it (managing committee). */
const cadreWrite = (ok: number) => (c: Cell) => {
  const { working, managing } = cadrePlace(c);
  return answer({ route: writesCadres(c.actor), sees: readsCadre(c.actor, working), may: writesCadre(c.actor, managing), ok });
};
const freshCadre = (ctx: Ctx, c: Cell) => {
  const { working, managing } = cadrePlace(c);
  return ctx.fx.cadre(working, managing);
};

const cadreCases: Case[] = [
  {
    route: `GET ${V1}/cadres`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/cadres`, { committeeId: fx.ids[c.committee], ...LIST }),
    expected: cadreScope,
  },
  {
    // A name search over a small scope walks the scope instead of the trigram index: the same scope must hold on both paths.
    route: `GET ${V1}/cadres`,
    variant: 'name search',
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/cadres`, { committeeId: fx.ids[c.committee], q: 'ma tran', ...LIST }),
    expected: cadreScope,
  },
  {
    // The name search and the Vietnamese name order take their own SQL path: the same scope must hold there.
    route: `GET ${V1}/cadres`,
    variant: 'name search in name order',
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/cadres`, { committeeId: fx.ids[c.committee], q: 'ma tran', sort: 'name', ...LIST }),
    expected: cadreScope,
  },
  {
    route: `GET ${V1}/cadres`,
    variant: 'archived files',
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/cadres`, { committeeId: fx.ids[c.committee], archived: true, ...LIST }),
    expected: cadreScope,
  },
  {
    route: `GET ${V1}/cadres/count`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/cadres/count`, { committeeId: fx.ids[c.committee] }),
    expected: cadreScope,
  },
  {
    // The list as a workbook: the list's scope and answers (test/cadre-export.e2e-spec.ts checks its rows and fields).
    route: `GET ${V1}/cadres/export`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/cadres/export`, { committeeId: fx.ids[c.committee] }),
    expected: cadreScope,
  },
  {
    route: `GET ${V1}/reports/cadres-by-level-gender-age`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/reports/cadres-by-level-gender-age`, { committeeId: fx.ids[c.committee] }),
    expected: cadreScope,
  },
  {
    route: `GET ${V1}/reports/cadres-by-level-gender-age/export`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/reports/cadres-by-level-gender-age/export`, { committeeId: fx.ids[c.committee] }),
    expected: cadreScope,
  },
  {
    route: `GET ${V1}/cadres/{id}`,
    positions: CADRE_POSITIONS,
    request: async (ctx, c) => get(`${V1}/cadres/${(await freshCadre(ctx, c)).id}`),
    expected: (c) => answer({ route: readsCadres(c.actor), sees: readsCadre(c.actor, cadrePlace(c).working), may: true, ok: 200 }),
  },
  {
    route: `POST ${V1}/cadres`,
    positions: CADRE_POSITIONS,
    request: async ({ fx }, c) => {
      const { working, managing } = cadrePlace(c);
      return post(`${V1}/cadres`, {
        fullName: 'Lê Thị Ma Trận',
        gender: 'female',
        dateOfBirth: '1985-04-12',
        ethnicity: 'Kinh',
        committeeId: fx.ids[working],
        managingCommitteeId: fx.ids[managing],
      });
    },
    expected: (c) => {
      const { working, managing } = cadrePlace(c);
      return answer({
        route: writesCadres(c.actor),
        sees: seesCommittee(c.actor, working) && seesCommittee(c.actor, managing),
        may: writesCadre(c.actor, managing),
        ok: 201,
      });
    },
  },
  {
    route: `POST ${V1}/cadres`,
    variant: 'with a restricted group',
    positions: CADRE_POSITIONS,
    request: async ({ fx }, c) => {
      const { working, managing } = cadrePlace(c);
      return post(`${V1}/cadres`, {
        fullName: 'Lê Thị Ma Trận',
        gender: 'female',
        dateOfBirth: '1985-04-12',
        ethnicity: 'Kinh',
        politicalNotes: 'ghi chú (ma trận)',
        committeeId: fx.ids[working],
        managingCommitteeId: fx.ids[managing],
      });
    },
    expected: (c) => {
      const { working, managing } = cadrePlace(c);
      return answer({
        route: writesCadres(c.actor),
        sees: seesCommittee(c.actor, working) && seesCommittee(c.actor, managing),
        may: writesCadre(c.actor, managing) && readsRestricted(c.actor, managing),
        ok: 201,
      });
    },
  },
  {
    route: `PATCH ${V1}/cadres/{id}`,
    positions: CADRE_POSITIONS,
    request: async (ctx, c) => {
      const cadre = await freshCadre(ctx, c);
      return { method: 'PATCH', path: `${V1}/cadres/${cadre.id}`, body: { version: cadre.version, hometown: 'Nga Sơn, Thanh Hóa' } };
    },
    expected: cadreWrite(200),
  },
  {
    // Officers keep files without the restricted groups: writing one takes the right to read it.
    route: `PATCH ${V1}/cadres/{id}`,
    variant: 'a restricted group',
    positions: CADRE_POSITIONS,
    request: async (ctx, c) => {
      const cadre = await freshCadre(ctx, c);
      return {
        method: 'PATCH',
        path: `${V1}/cadres/${cadre.id}`,
        body: { version: cadre.version, politicalNotes: 'ghi chú mới (ma trận)' },
      };
    },
    expected: (c) => {
      const { working, managing } = cadrePlace(c);
      return answer({
        route: writesCadres(c.actor),
        sees: readsCadre(c.actor, working),
        may: writesCadre(c.actor, managing) && readsRestricted(c.actor, managing),
        ok: 200,
      });
    },
  },
  {
    route: `POST ${V1}/cadres/{id}/archive`,
    positions: CADRE_POSITIONS,
    request: async (ctx, c) => {
      const cadre = await freshCadre(ctx, c);
      return post(`${V1}/cadres/${cadre.id}/archive`, { version: cadre.version, reason: 'nghỉ hưu (ma trận)' });
    },
    expected: cadreWrite(200),
  },
  {
    route: `POST ${V1}/cadres/{id}/positions`,
    positions: CADRE_POSITIONS,
    request: async (ctx, c) =>
      post(`${V1}/cadres/${(await freshCadre(ctx, c)).id}/positions`, {
        title: 'Phó Trưởng ban',
        organisation: 'Ban Tổ chức',
        startedOn: '2024-01-01',
      }),
    expected: cadreWrite(201),
  },
  {
    route: `POST ${V1}/cadres/{id}/positions/{positionId}/end`,
    positions: CADRE_POSITIONS,
    request: async (ctx, c) => {
      const cadre = await freshCadre(ctx, c);
      return post(`${V1}/cadres/${cadre.id}/positions/${cadre.positionId}/end`, { endedOn: '2024-06-30' });
    },
    expected: cadreWrite(200),
  },
  {
    // A position held at the position's committee, added to a file the caller keeps: a committee it
    // cannot see is answered like one that does not exist (404), or the answer tells which ids exist.
    route: `POST ${V1}/cadres/{id}/positions`,
    variant: "at another committee, on the caller's own file",
    positions: COMMITTEE_POSITIONS,
    request: async (ctx, c) => {
      const mine = await ctx.fx.cadre(c.actor.home, c.actor.home);
      return post(`${V1}/cadres/${mine.id}/positions`, {
        title: 'Biệt phái',
        organisation: 'Cơ quan khác',
        committeeId: ctx.fx.ids[c.committee],
        startedOn: '2024-01-01',
      });
    },
    expected: ({ actor, committee }) =>
      answer({
        route: writesCadres(actor),
        sees: readsCadre(actor, actor.home) && seesCommittee(actor, committee),
        may: writesCadre(actor, actor.home),
        ok: 201,
      }),
  },
  {
    // A position of another file, sent under a file the caller keeps: never reached through the wrong file.
    route: `POST ${V1}/cadres/{id}/positions/{positionId}/end`,
    variant: "another file's position",
    positions: CADRE_POSITIONS,
    request: async (ctx, c) => {
      const mine = await ctx.fx.cadre(c.actor.home, c.actor.home);
      const other = await freshCadre(ctx, c);
      return post(`${V1}/cadres/${mine.id}/positions/${other.positionId}/end`, { endedOn: '2024-06-30' });
    },
    expected: ({ actor }) =>
      answer({ route: writesCadres(actor), sees: readsCadre(actor, actor.home), may: writesCadre(actor, actor.home), ok: 404 }),
  },
  {
    route: `POST ${V1}/cadres/{id}/evaluations`,
    positions: CADRE_POSITIONS,
    request: async (ctx, c) => post(`${V1}/cadres/${(await freshCadre(ctx, c)).id}/evaluations`, { year: 2024, rating: 'good' }),
    expected: cadreWrite(201),
  },
  {
    route: `GET ${V1}/cadres/import/template`,
    positions: ['none'],
    request: async () => get(`${V1}/cadres/import/template`),
    expected: ({ actor }) => (writesCadres(actor) ? 200 : 403),
  },
  {
    // Files opened by the import work in the committee and are managed by it, as a POST /cadres placed there.
    route: `POST ${V1}/cadres/import`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => ({
      method: 'POST',
      path: `${V1}/cadres/import`,
      query: { committeeId: fx.ids[c.committee] },
      file: { field: 'file', filename: 'ma-tran.xlsx', content: await importSheet() },
    }),
    expected: ({ actor, committee }) =>
      answer({ route: writesCadres(actor), sees: seesCommittee(actor, committee), may: writesCadre(actor, committee), ok: 200 }),
  },
];

let imports = 0;
/** A sheet of one generated person, named afresh for each cell (a second file of the same person would be refused). */
async function importSheet(): Promise<Buffer> {
  const book = new Workbook();
  const sheet = book.addWorksheet('Cán bộ');
  sheet.addRow(['Họ và tên', 'Giới tính', 'Ngày sinh', 'Dân tộc']);
  sheet.addRow([`Lê Thị Nhập ${process.pid % 10000}-${++imports}`, 'Nữ', '12/04/1985', 'Kinh']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

// ---- audit and operations ----------------------------------------------------------------------------------------

const operatorOnly =
  (ok: number) =>
  ({ actor }: Cell) =>
    operates(actor) ? ok : 403;

const auditCases: Case[] = [
  {
    route: `GET ${V1}/audit-events`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/audit-events`, { committeeId: fx.ids[c.committee], ...LIST }),
    expected: ({ actor, committee }) => answer({ route: readsAudit(actor), sees: seesCommittee(actor, committee), may: true, ok: 200 }),
  },
  {
    route: `POST ${V1}/audit-verifications`,
    variant: 'every chain',
    positions: ['none'],
    request: async () => post(`${V1}/audit-verifications`),
    expected: ({ actor }) => answer({ route: verifiesAudit(actor), sees: true, may: verifiesChains(actor, null, true), ok: 201 }),
  },
  {
    route: `GET ${V1}/audit-verifications/{id}`,
    variant: 'every chain',
    positions: ['none'],
    request: async ({ fx }) => get(`${V1}/audit-verifications/${(await fx.verification(null)).id}`),
    // The result of a check is read by whoever may ask for the same check: for anyone else it does not exist.
    expected: ({ actor }) => answer({ route: verifiesAudit(actor), sees: verifiesChains(actor, null, true), may: true, ok: 200 }),
  },
  ...[true, false].flatMap((subtree): Case[] => [
    {
      route: `POST ${V1}/audit-verifications`,
      variant: subtree ? "a committee's chains with those below it" : "one committee's chain",
      positions: COMMITTEE_POSITIONS,
      request: async ({ fx }, c) => post(`${V1}/audit-verifications`, { committeeId: fx.ids[c.committee], subtree }),
      expected: ({ actor, committee }) =>
        answer({
          route: verifiesAudit(actor),
          sees: seesCommittee(actor, committee),
          may: verifiesChains(actor, committee, subtree),
          ok: 201,
        }),
    },
    {
      route: `GET ${V1}/audit-verifications/{id}`,
      variant: subtree ? "a committee's chains with those below it" : "one committee's chain",
      positions: COMMITTEE_POSITIONS,
      request: async ({ fx }, c) => get(`${V1}/audit-verifications/${(await fx.verification(c.committee, subtree)).id}`),
      expected: ({ actor, committee }) =>
        answer({ route: verifiesAudit(actor), sees: verifiesChains(actor, committee, subtree), may: true, ok: 200 }),
    },
  ]),
  {
    route: `GET ${V1}/job-failures`,
    positions: ['none'],
    request: async () => get(`${V1}/job-failures`),
    expected: operatorOnly(200),
  },
  {
    route: `POST ${V1}/queue-dashboard/session`,
    positions: ['none'],
    request: async () => post(`${V1}/queue-dashboard/session`),
    expected: operatorOnly(204),
  },
];

// ---- deadlines ----------------------------------------------------------------------------------------

const deadlineCases: Case[] = [
  {
    route: `GET ${V1}/deadlines`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/deadlines`, { committeeId: fx.ids[c.committee], ...LIST }),
    expected: ({ actor, committee }) => answer({ route: readsDeadlines(actor), sees: seesCommittee(actor, committee), may: true, ok: 200 }),
  },
  {
    route: `GET ${V1}/deadlines/{id}`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/deadlines/${(await fx.deadline(c.committee)).id}`),
    expected: ({ actor, committee }) => answer({ route: readsDeadlines(actor), sees: readsDeadline(actor, committee), may: true, ok: 200 }),
  },
  {
    route: `POST ${V1}/deadlines`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) =>
      post(`${V1}/deadlines`, {
        committeeId: fx.ids[c.committee],
        kind: 'report-submission',
        title: 'Báo cáo ma trận',
        dueOn: '2031-01-15',
      }),
    expected: ({ actor, committee }) =>
      answer({ route: setsDeadlines(actor), sees: seesCommittee(actor, committee), may: setsDeadline(actor, committee), ok: 201 }),
  },
  {
    route: `POST ${V1}/deadlines/{id}/meet`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => {
      const d = await fx.deadline(c.committee);
      return post(`${V1}/deadlines/${d.id}/meet`, { version: d.version });
    },
    expected: ({ actor, committee }) =>
      answer({ route: meetsDeadlines(actor), sees: readsDeadline(actor, committee), may: meetsDeadline(actor, committee), ok: 200 }),
  },
  {
    route: `POST ${V1}/deadlines/{id}/waive`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => {
      const d = await fx.deadline(c.committee);
      return post(`${V1}/deadlines/${d.id}/waive`, { version: d.version, reason: 'miễn (ma trận)' });
    },
    expected: ({ actor, committee }) =>
      answer({ route: setsDeadlines(actor), sees: readsDeadline(actor, committee), may: waivesDeadline(actor, committee), ok: 200 }),
  },
  {
    route: `POST ${V1}/deadline-batches`,
    positions: COMMITTEE_POSITIONS,
    // A batch goes to the committees below the board: a leaf has none (409 whoever asks).
    applies: (c) => childrenOf(c.committee).length > 0,
    request: async ({ fx }, c) =>
      post(`${V1}/deadline-batches`, {
        committeeId: fx.ids[c.committee],
        kind: 'report-submission',
        title: 'Đợt ma trận',
        dueOn: '2031-02-01',
      }),
    expected: ({ actor, committee }) =>
      answer({ route: setsDeadlines(actor), sees: seesCommittee(actor, committee), may: setsDeadline(actor, committee), ok: 201 }),
  },
  {
    route: `GET ${V1}/deadline-batches/{id}`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/deadline-batches/${(await fx.batch(c.committee)).id}`),
    expected: ({ actor, committee }) => answer({ route: readsDeadlines(actor), sees: readsDeadline(actor, committee), may: true, ok: 200 }),
  },
  {
    route: `GET ${V1}/deadline-policies`,
    positions: ['none'],
    request: async () => get(`${V1}/deadline-policies`),
    expected: everyone(200),
  },
  {
    // National reference data: the rules in force on a date, the same for every signed-in user.
    route: `GET ${V1}/rules`,
    positions: ['none'],
    request: async () => get(`${V1}/rules?on=2025-10-08`),
    expected: everyone(200),
  },
  {
    // Same values back: a success changes nothing but the version, read afresh for each (serial) cell.
    route: `PUT ${V1}/deadline-policies/{kind}`,
    positions: ['none'],
    serial: true,
    request: async ({ fx }) => {
      const p = await fx.policyVersion('report-submission');
      return {
        method: 'PUT',
        path: `${V1}/deadline-policies/report-submission`,
        body: { version: p.version, remindDays: p.remindDays, escalateAfterDays: p.escalateAfterDays },
      };
    },
    expected: operatorOnly(200),
  },
  {
    route: `POST ${V1}/deadline-scans`,
    positions: ['none'],
    request: async () => post(`${V1}/deadline-scans`),
    expected: operatorOnly(202),
  },
];

// ---- accounts and delegation ----------------------------------------------------------------------------------------

/** A committee in the other branch below TW: HN for anything in TH's branch, TH-TX otherwise. */
const otherBranch = (c: Code): Code => (within(c, 'TH') ? 'HN' : 'TH-TX');

const GRANTED: Role[] = ['officer', 'admin', 'secretary', 'auditor', 'operator'];
const HELD: Role[] = ['viewer', 'admin', 'secretary', 'auditor'];

const identityCases: Case[] = [
  {
    route: `GET ${V1}/me`,
    positions: ['self'],
    request: async () => get(`${V1}/me`),
    expected: everyone(200),
  },
  {
    route: `POST ${V1}/auth/logout`,
    positions: ['self'],
    request: async (ctx) => post(`${V1}/auth/logout`, { refreshToken: (await ctx.signIn()).refreshToken }),
    expected: everyone(204),
  },
  {
    // Everyone changes their own password (product.md, "Delegation": through /me). Set to the one it was, so
    // the cells after it sign in as before; serial, as it ends the caller's other sessions.
    route: `POST ${V1}/me/password`,
    positions: ['self'],
    serial: true,
    request: async (_ctx, { actor }) => {
      const password = actor.made?.password ?? DEMO_PASSWORD_DEFAULT;
      return post(`${V1}/me/password`, { currentPassword: password, newPassword: password });
    },
    expected: everyone(200),
  },
  {
    route: `GET ${V1}/users`,
    positions: ['none'],
    request: async () => get(`${V1}/users`, LIST),
    expected: ({ actor }) => (readsAssignments(actor) ? 200 : 403),
  },
  {
    route: `GET ${V1}/users/{id}`,
    positions: [...COMMITTEE_POSITIONS, 'self'],
    request: async (ctx, c) => get(`${V1}/users/${c.position === 'self' ? ctx.selfId : (await ctx.fx.user('viewer', c.committee)).id}`),
    expected: ({ actor, committee, position }) =>
      answer({ route: readsAssignments(actor), sees: position === 'self' || readsAssignmentAt(actor, committee), may: true, ok: 200 }),
  },
  {
    route: `GET ${V1}/role-assignments`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/role-assignments`, { committeeId: fx.ids[c.committee], ...LIST }),
    expected: ({ actor, committee }) =>
      answer({ route: readsAssignments(actor), sees: seesCommittee(actor, committee), may: true, ok: 200 }),
  },
  // A new account with a role is a grant like any other (a success hashes a password, so three roles
  // stand for the rest: one a board grants, one granted only from above, one only operators grant).
  ...(['officer', 'auditor', 'operator'] as Role[]).map((role): Case => ({
    route: `POST ${V1}/users`,
    variant: `with the role ${role}`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) =>
      post(`${V1}/users`, {
        username: `mx.${role}.${uniqueCode().toLowerCase()}`,
        displayName: 'Tài khoản mới',
        password: 'Passw0rd-Matrix-1',
        committeeId: fx.ids[c.committee],
        role,
      }),
    expected: ({ actor, committee }) =>
      answer({ route: grants(actor), sees: seesCommittee(actor, committee), may: grantsRoleAt(actor, role, committee), ok: 201 }),
  })),
  // Granting to an account that holds voter at the committee of the position.
  ...GRANTED.map((role): Case => ({
    route: `POST ${V1}/role-assignments`,
    variant: `grant ${role}`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) =>
      post(`${V1}/role-assignments`, { userId: (await fx.user('voter', c.committee)).id, committeeId: fx.ids[c.committee], role }),
    expected: ({ actor, committee }) =>
      answer({
        route: grants(actor),
        sees: readsAssignmentAt(actor, committee),
        may: grantsRoleAt(actor, role, committee),
        // Operator accounts hold nothing else: operator to an account with other roles is a rule violation.
        ok: role === 'operator' ? 409 : 201,
      }),
  })),
  {
    // Operator accounts hold nothing else: whoever may grant the role there meets the rule (409).
    route: `POST ${V1}/role-assignments`,
    variant: 'admin to an operator account',
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) =>
      post(`${V1}/role-assignments`, { userId: (await fx.user('operator', 'TW')).id, committeeId: fx.ids[c.committee], role: 'admin' }),
    expected: ({ actor, committee }) =>
      answer({
        route: grants(actor),
        sees: readsAssignmentAt(actor, 'TW') && seesCommittee(actor, committee),
        may: grantsRoleAt(actor, 'admin', committee),
        ok: 409,
      }),
  },
  {
    route: `POST ${V1}/role-assignments`,
    variant: 'to oneself',
    positions: ['self'],
    serial: true,
    request: async (ctx, c) =>
      post(`${V1}/role-assignments`, {
        userId: ctx.selfId,
        committeeId: ctx.fx.ids[c.committee],
        role: c.actor.role === 'operator' ? 'admin' : 'viewer',
      }),
    expected: everyone(403),
  },
  ...HELD.map((role): Case => ({
    route: `POST ${V1}/role-assignments/{id}/revoke`,
    variant: `revoke ${role}`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => post(`${V1}/role-assignments/${(await fx.user(role, c.committee)).assignmentId}/revoke`),
    expected: ({ actor, committee }) =>
      answer({ route: grants(actor), sees: readsAssignmentAt(actor, committee), may: grantsRoleAt(actor, role, committee), ok: 200 }),
  })),
  {
    // Operator assignments live at the operator committee (TW): only another operator revokes one.
    route: `POST ${V1}/role-assignments/{id}/revoke`,
    variant: "another operator's",
    positions: ['none'],
    request: async ({ fx }) => post(`${V1}/role-assignments/${(await fx.user('operator', 'TW')).assignmentId}/revoke`),
    expected: ({ actor }) =>
      answer({ route: grants(actor), sees: readsAssignmentAt(actor, 'TW'), may: grantsRoleAt(actor, 'operator', 'TW'), ok: 200 }),
  },
  {
    route: `POST ${V1}/role-assignments/{id}/revoke`,
    variant: "one's own",
    positions: ['self'],
    serial: true,
    request: async (ctx, c) => post(`${V1}/role-assignments/${await ctx.fx.assignmentOf(c.actor.username)}/revoke`),
    expected: everyone(403),
  },
  // Editing an account takes the right to revoke every role it holds.
  ...(['viewer', 'admin'] as Role[]).map((role): Case => ({
    route: `PATCH ${V1}/users/{id}`,
    variant: `an account holding ${role}`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => {
      const u = await fx.user(role, c.committee);
      return {
        method: 'PATCH',
        path: `${V1}/users/${u.id}`,
        body: { version: u.version, email: `moved.${uniqueCode().toLowerCase()}@example.test` },
      };
    },
    expected: ({ actor, committee }) =>
      answer({ route: grants(actor), sees: readsAssignmentAt(actor, committee), may: grantsRoleAt(actor, role, committee), ok: 200 }),
  })),
  {
    // Roles in two branches: the position's committee and a committee of the other provincial branch.
    route: `PATCH ${V1}/users/{id}`,
    variant: 'an account holding viewer in two branches',
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => {
      const u = await fx.user('viewer', c.committee);
      await fx.grant(u.id, 'viewer', otherBranch(c.committee));
      return { method: 'PATCH', path: `${V1}/users/${u.id}`, body: { version: u.version, displayName: 'Hai nhánh (ma trận)' } };
    },
    expected: ({ actor, committee }) => {
      const other = otherBranch(committee);
      return answer({
        route: grants(actor),
        sees: readsAssignmentAt(actor, committee) || readsAssignmentAt(actor, other),
        may: grantsRoleAt(actor, 'viewer', committee) && grantsRoleAt(actor, 'viewer', other),
        ok: 200,
      });
    },
  },
  {
    route: `PATCH ${V1}/users/{id}`,
    variant: 'an operator account',
    positions: ['none'],
    request: async ({ fx }) => {
      const u = await fx.user('operator', 'TW');
      return { method: 'PATCH', path: `${V1}/users/${u.id}`, body: { version: u.version, displayName: 'Quản trị (đổi tên)' } };
    },
    // Only another operator administers an operator account.
    expected: ({ actor }) => answer({ route: grants(actor), sees: readsAssignmentAt(actor, 'TW'), may: operates(actor), ok: 200 }),
  },
  {
    route: `PATCH ${V1}/users/{id}`,
    variant: 'oneself (e-mail)',
    positions: ['self'],
    serial: true,
    request: async (ctx) => ({
      method: 'PATCH',
      path: `${V1}/users/${ctx.selfId}`,
      body: { version: await ctx.fx.userVersion(ctx.selfId), email: 'self.matrix@example.test' },
    }),
    expected: everyone(403),
  },
];

// ---- planning ----------------------------------------------------------------------------------------

/** The state a cycle must be in for each step to succeed. */
const STEP_FROM: Record<CycleStep, string> = {
  submit: 'draft',
  'start-appraisal': 'submitted',
  approve: 'under_appraisal',
  return: 'submitted',
  reopen: 'returned',
};

const planningCases: Case[] = [
  {
    route: `GET ${V1}/titles`,
    positions: ['none'],
    request: async () => get(`${V1}/titles`, { level: 'district' }),
    expected: ({ actor }) => (readsPlanning(actor) ? 200 : 403),
  },
  {
    route: `GET ${V1}/planning-cycles`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/planning-cycles`, { committeeId: fx.ids[c.committee], ...LIST }),
    expected: ({ actor, committee }) => answer({ route: readsPlanning(actor), sees: seesCommittee(actor, committee), may: true, ok: 200 }),
  },
  ...(['', '/checks', '/nominations'] as const).map((tail): Case => ({
    route: `GET ${V1}/planning-cycles/{id}${tail}`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/planning-cycles/${(await fx.cycle(c.committee, approverOf(c.committee))).id}${tail}`),
    expected: ({ actor, committee }) => answer({ route: readsPlanning(actor), sees: readsCycle(actor, committee), may: true, ok: 200 }),
  })),
  {
    route: `POST ${V1}/planning-cycles`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) =>
      post(`${V1}/planning-cycles`, { committeeId: fx.ids[c.committee], partyTermFrom: 2025, submissionDueOn: '2031-01-31' }),
    expected: ({ actor, committee }) =>
      answer({ route: draftsPlanning(actor), sees: seesCommittee(actor, committee), may: draftsCycle(actor, committee), ok: 201 }),
  },
  {
    route: `POST ${V1}/planning-cycles/{id}/nominations`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => {
      const cycle = await fx.cycle(c.committee, approverOf(c.committee));
      return post(`${V1}/planning-cycles/${cycle.id}/nominations`, {
        cadreId: (await fx.cadre(c.committee, c.committee)).id,
        titleId: await fx.titleFor(c.committee),
        source: 'local',
        votes: [{ conference: 'executive_committee', convened: 30, present: 28, inFavour: 20 }],
      });
    },
    expected: ({ actor, committee }) =>
      answer({ route: draftsPlanning(actor), sees: readsCycle(actor, committee), may: draftsCycle(actor, committee), ok: 201 }),
  },
  {
    route: `POST ${V1}/planning-cycles/{id}/nominations/{nominationId}/remove`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => {
      const n = await fx.nomination(c.committee, approverOf(c.committee));
      return post(`${V1}/planning-cycles/${n.cycleId}/nominations/${n.id}/remove`, { reason: 'Rút khỏi danh sách (ma trận)' });
    },
    expected: ({ actor, committee }) =>
      answer({ route: draftsPlanning(actor), sees: readsCycle(actor, committee), may: draftsCycle(actor, committee), ok: 200 }),
  },
  {
    route: `GET ${V1}/planning-cycles/{id}/removal-proposals`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) =>
      get(`${V1}/planning-cycles/${(await fx.removalProposal(c.committee, approverOf(c.committee))).cycleId}/removal-proposals`),
    expected: ({ actor, committee }) => answer({ route: readsPlanning(actor), sees: readsCycle(actor, committee), may: true, ok: 200 }),
  },
  // Deciding a removal proposal is removing a nomination (or keeping it): the same board, the same cycles.
  ...(['accept', 'dismiss'] as const).map((verb): Case => ({
    route: `POST ${V1}/planning-cycles/{id}/removal-proposals/{proposalId}/${verb}`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => {
      const p = await fx.removalProposal(c.committee, approverOf(c.committee));
      return post(`${V1}/planning-cycles/${p.cycleId}/removal-proposals/${p.id}/${verb}`, { reason: 'Giữ quy hoạch (ma trận)' });
    },
    expected: ({ actor, committee }) =>
      answer({ route: draftsPlanning(actor), sees: readsCycle(actor, committee), may: draftsCycle(actor, committee), ok: 200 }),
  })),
  ...(Object.keys(STEP_FROM) as CycleStep[]).map((step): Case => ({
    route: `POST ${V1}/planning-cycles/{id}/${step}`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => {
      const cycle = await fx.cycle(c.committee, approverOf(c.committee), STEP_FROM[step]);
      return post(`${V1}/planning-cycles/${cycle.id}/${step}`, { version: cycle.version, reason: 'Lý do (ma trận)' });
    },
    expected: ({ actor, committee }) =>
      answer({ route: holdsStep(actor, step), sees: readsCycle(actor, committee), may: takesStep(actor, step, committee), ok: 200 }),
  })),
];

// ---- appointments ------------------------------------------------------------------------------------

const appointmentCases: Case[] = [
  {
    route: `GET ${V1}/appointments`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/appointments`, { committeeId: fx.ids[c.committee], ...LIST }),
    expected: ({ actor, committee }) =>
      answer({ route: readsAppointments(actor), sees: seesCommittee(actor, committee), may: true, ok: 200 }),
  },
  {
    route: `POST ${V1}/appointments`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) =>
      post(`${V1}/appointments`, {
        kind: 'appointment',
        cadreId: (await fx.cadre(c.committee, c.committee)).id,
        committeeId: fx.ids[c.committee],
        title: 'Phó Trưởng Ban Tổ chức',
        organisation: 'Ma trận',
        dossierReceivedOn: '2026-01-05',
        effectiveFrom: '2026-03-01',
      }),
    expected: ({ actor, committee }) =>
      answer({
        route: proposesAppointments(actor),
        sees: seesCommittee(actor, committee),
        may: proposesAppointmentAt(actor, committee),
        ok: 201,
      }),
  },
  {
    route: `GET ${V1}/appointments/{id}`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/appointments/${(await fx.appointment(c.committee, approverOf(c.committee))).id}`),
    expected: ({ actor, committee }) =>
      answer({ route: readsAppointments(actor), sees: readsAppointment(actor, committee), may: true, ok: 200 }),
  },
  ...(['decide', 'cancel'] as AppointmentStep[]).map((step): Case => ({
    route: `POST ${V1}/appointments/{id}/${step}`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => {
      const a = await fx.appointment(c.committee, approverOf(c.committee));
      return post(`${V1}/appointments/${a.id}/${step}`, {
        version: a.version,
        ...(step === 'decide' ? { decisionNumber: '01-QĐ/MT', decisionDate: new Date().toISOString().slice(0, 10) } : {}),
      });
    },
    expected: ({ actor, committee }) =>
      answer({
        route: holdsAppointmentStep(actor, step),
        sees: readsAppointment(actor, committee),
        may: takesAppointmentStep(actor, step, committee),
        ok: 200,
      }),
  })),
];

// ---- rotations ---------------------------------------------------------------------------------------

const rotationCases: Case[] = [
  {
    route: `GET ${V1}/rotations`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/rotations`, { committeeId: fx.ids[c.committee], ...LIST }),
    expected: ({ actor, committee }) => answer({ route: readsRotations(actor), sees: seesCommittee(actor, committee), may: true, ok: 200 }),
  },
  {
    route: `POST ${V1}/rotations`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) =>
      post(`${V1}/rotations`, {
        cadreId: (await fx.cadre(c.committee, c.committee)).id,
        committeeId: fx.ids[c.committee],
        direction: 'lower-to-upper',
        type: 'training',
        purpose: 'Ma trận',
        originCommitteeId: fx.ids[c.committee],
        originPost: 'Chuyên viên',
        destinationCommitteeId: fx.ids[rotationDestinationOf(c.committee)],
        destinationPost: 'Phó Trưởng ban',
        startsOn: '2027-03-01',
        plannedEndOn: '2030-02-28',
      }),
    expected: ({ actor, committee }) =>
      answer({
        route: proposesRotations(actor),
        sees: seesCommittee(actor, committee),
        may: proposesRotationAt(actor, committee),
        ok: 201,
      }),
  },
  {
    route: `GET ${V1}/rotations/places`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/rotations/places`, { committeeId: fx.ids[c.committee] }),
    expected: ({ actor, committee }) =>
      answer({
        route: proposesRotations(actor),
        sees: seesCommittee(actor, committee),
        may: proposesRotationAt(actor, committee),
        ok: 200,
      }),
  },
  {
    route: `GET ${V1}/rotations/{id}`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) =>
      get(`${V1}/rotations/${(await fx.rotation(c.committee, approverOf(c.committee), rotationDestinationOf(c.committee))).id}`),
    expected: ({ actor, committee }) => answer({ route: readsRotations(actor), sees: readsRotation(actor, committee), may: true, ok: 200 }),
  },
  {
    route: `GET ${V1}/rotations/{id}/origin-history`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) =>
      get(
        `${V1}/rotations/${(await fx.rotation(c.committee, approverOf(c.committee), rotationDestinationOf(c.committee), 'in_progress')).id}/origin-history`,
      ),
    expected: ({ actor, committee }) =>
      answer({ route: readsRotations(actor), sees: readsRotation(actor, committee), may: readsOriginHistory(actor, committee), ok: 200 }),
  },
  ...(['approve', 'cancel', 'conclude'] as RotationStep[]).map((step): Case => ({
    route: `POST ${V1}/rotations/{id}/${step}`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => {
      const today = new Date().toISOString().slice(0, 10);
      const r = await fx.rotation(
        c.committee,
        approverOf(c.committee),
        rotationDestinationOf(c.committee),
        step === 'conclude' ? 'in_progress' : 'proposed',
      );
      return post(`${V1}/rotations/${r.id}/${step}`, {
        version: r.version,
        ...(step === 'approve' ? { decisionNumber: '02-QĐ/MT', decisionDate: today } : {}),
        ...(step === 'conclude' ? { outcome: 'return', concludedOn: today } : {}),
      });
    },
    expected: ({ actor, committee }) =>
      answer({
        route: holdsRotationStep(actor, step),
        sees: readsRotation(actor, committee),
        may: takesRotationStep(actor, step, committee),
        ok: 200,
      }),
  })),
  {
    route: `GET ${V1}/reports/rotations`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) =>
      get(`${V1}/reports/rotations`, { committeeId: fx.ids[c.committee], from: '2025-01-01', to: '2025-12-31' }),
    expected: ({ actor, committee }) => answer({ route: readsRotations(actor), sees: seesCommittee(actor, committee), may: true, ok: 200 }),
  },
  {
    route: `GET ${V1}/reports/rotations/export`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) =>
      get(`${V1}/reports/rotations/export`, { committeeId: fx.ids[c.committee], from: '2025-01-01', to: '2025-12-31' }),
    expected: ({ actor, committee }) => answer({ route: readsRotations(actor), sees: seesCommittee(actor, committee), may: true, ok: 200 }),
  },
];

// ---- confidence votes ---------------------------------------------------------------------------------

const voteCases: Case[] = [
  {
    route: `GET ${V1}/vote-sessions`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/vote-sessions`, { committeeId: fx.ids[c.committee], ...LIST }),
    expected: ({ actor, committee }) => answer({ route: readsVotes(actor), sees: seesCommittee(actor, committee), may: true, ok: 200 }),
  },
  {
    route: `GET ${V1}/vote-sessions/{id}`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/vote-sessions/${(await fx.voteSession(c.committee)).id}`),
    expected: ({ actor, committee }) => answer({ route: readsVotes(actor), sees: readsVoteSession(actor, committee), may: true, ok: 200 }),
  },
  {
    route: `POST ${V1}/vote-sessions`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) =>
      post(`${V1}/vote-sessions`, {
        committeeId: fx.ids[c.committee],
        title: 'Lấy phiếu (ma trận)',
        mode: 'paper',
        convened: 9,
        opensAt: new Date(Date.now() + 86_400_000).toISOString(),
        closesAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        subjects: [{ cadreId: (await fx.cadre(c.committee, c.committee)).id, post: 'Ủy viên (ma trận)' }],
      }),
    expected: ({ actor, committee }) =>
      answer({ route: setsUpVotes(actor), sees: seesCommittee(actor, committee), may: setsUpVoteAt(actor, committee), ok: 201 }),
  },
  {
    route: `POST ${V1}/vote-sessions/{id}/cancel`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => {
      const session = await fx.voteSession(c.committee);
      return post(`${V1}/vote-sessions/${session.id}/cancel`, { version: session.version, reason: 'Hủy (ma trận)' });
    },
    expected: ({ actor, committee }) =>
      answer({ route: setsUpVotes(actor), sees: readsVoteSession(actor, committee), may: setsUpVoteAt(actor, committee), ok: 200 }),
  },
  {
    route: `POST ${V1}/vote-sessions/{id}/paper-count`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => {
      const session = await fx.voteSession(c.committee, undefined, 'paper');
      return post(`${V1}/vote-sessions/${session.id}/paper-count`, {
        version: session.version,
        convened: 10,
        present: 9,
        issued: 9,
        returned: 9,
        valid: 8,
        spoiled: 1,
        signedBy: ['Trưởng ban kiểm phiếu (ma trận)'],
        subjects: [{ position: 1, high: 5, confidence: 2, low: 1 }],
      });
    },
    expected: ({ actor, committee }) =>
      answer({ route: setsUpVotes(actor), sees: readsVoteSession(actor, committee), may: setsUpVoteAt(actor, committee), ok: 200 }),
  },
  {
    route: `GET ${V1}/vote-sessions/mine`,
    positions: ['none'],
    request: async () => get(`${V1}/vote-sessions/mine`),
    expected: ({ actor }) => (votes(actor) ? 200 : 403),
  },
  {
    // On the list of a session of its own committee; elsewhere the session is not the caller's business.
    route: `POST ${V1}/vote-sessions/{id}/ballot-token`,
    positions: COMMITTEE_POSITIONS,
    request: async (ctx, c) => {
      const session = await ctx.fx.voteSession(c.committee, c.committee === c.actor.home ? ctx.selfId : undefined);
      const blinded = await blindToken(session.publicKey);
      return post(`${V1}/vote-sessions/${session.id}/ballot-token`, {
        blindedMessage: Buffer.from(blinded.blindedMessage).toString('base64'),
      });
    },
    expected: ({ actor, committee }) => answer({ route: votes(actor), sees: committee === actor.home, may: true, ok: 200 }),
  },
  {
    route: `GET ${V1}/vote-sessions/{id}/receipts`,
    positions: COMMITTEE_POSITIONS,
    request: async (ctx, c) =>
      get(
        `${V1}/vote-sessions/${(await ctx.fx.voteSession(c.committee, c.committee === c.actor.home ? ctx.selfId : undefined)).id}/receipts`,
      ),
    expected: ({ actor, committee }) => answer({ route: votes(actor), sees: committee === actor.home, may: true, ok: 200 }),
  },
  {
    route: `GET ${V1}/reports/vote-outcomes`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) =>
      get(`${V1}/reports/vote-outcomes`, { committeeId: fx.ids[c.committee], from: '2025-01-01', to: '2025-12-31' }),
    expected: ({ actor, committee }) => answer({ route: readsVotes(actor), sees: seesCommittee(actor, committee), may: true, ok: 200 }),
  },
  {
    route: `GET ${V1}/reports/vote-outcomes`,
    variant: 'everything the caller sees',
    positions: ['none'],
    request: async () => get(`${V1}/reports/vote-outcomes`, { from: '2025-01-01', to: '2025-12-31' }),
    expected: ({ actor }) => (readsVotes(actor) ? 200 : 403),
  },
];

// ---- notifications ----------------------------------------------------------------------------------------

const notificationCases: Case[] = [
  { route: `GET ${V1}/notifications`, positions: ['self'], request: async () => get(`${V1}/notifications`, LIST), expected: everyone(200) },
  {
    route: `GET ${V1}/notifications/unread-count`,
    positions: ['self'],
    request: async () => get(`${V1}/notifications/unread-count`),
    expected: everyone(200),
  },
  {
    route: `POST ${V1}/notifications/read-all`,
    positions: ['self'],
    request: async () => post(`${V1}/notifications/read-all`),
    expected: everyone(200),
  },
  {
    // `own`: a colleague's notice at the caller's committee, which is nobody else's business.
    route: `POST ${V1}/notifications/{id}/read`,
    positions: ['self', 'own'],
    request: async (ctx, c) => {
      const recipient = c.position === 'self' ? ctx.selfId : (await ctx.fx.user('viewer', c.committee)).id;
      return post(`${V1}/notifications/${(await ctx.fx.notification(recipient, c.committee)).id}/read`);
    },
    expected: ({ position }) => (position === 'self' ? 200 : 404),
  },
];

// ---- appraisal ----------------------------------------------------------------------------------------

/**
 * A request sits at its requesting committee (the position's), addressed to that committee's parent, the
 * default competent board; a committee without a parent asks nobody.
 */
const hasParent = (c: Cell) => parentOf(c.committee) !== null;
const appraisalStep = (
  verb: string,
  state: 'requested' | 'in_review' | 'concluded',
  route: (a: Actor) => boolean,
  may: (a: Actor, requesting: Code) => boolean,
  body: (opinionId: string | null) => object = () => ({}),
): Case => ({
  route: `POST ${V1}/appraisals/{id}/${verb}`,
  positions: COMMITTEE_POSITIONS,
  applies: hasParent,
  request: async ({ fx }, c) => {
    const a = await fx.appraisal(c.committee, parentOf(c.committee) as Code, state);
    return post(`${V1}/appraisals/${a.id}/${verb}`, { version: a.version, ...body(a.opinionId) });
  },
  expected: ({ actor, committee }) =>
    answer({ route: route(actor), sees: readsAppraisal(actor, committee), may: may(actor, committee), ok: 200 }),
});
const competentOf = (requesting: Code) => parentOf(requesting);

const appraisalCases: Case[] = [
  {
    route: `GET ${V1}/appraisals`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) => get(`${V1}/appraisals`, { committeeId: fx.ids[c.committee], ...LIST }),
    expected: ({ actor, committee }) =>
      answer({ route: readsAppraisals(actor), sees: seesCommittee(actor, committee), may: true, ok: 200 }),
  },
  {
    route: `GET ${V1}/appraisals/{id}`,
    positions: COMMITTEE_POSITIONS,
    applies: hasParent,
    request: async ({ fx }, c) =>
      get(`${V1}/appraisals/${(await fx.appraisal(c.committee, parentOf(c.committee) as Code, 'in_review')).id}`),
    expected: ({ actor, committee }) =>
      answer({ route: readsAppraisals(actor), sees: readsAppraisal(actor, committee), may: true, ok: 200 }),
  },
  {
    route: `POST ${V1}/appraisals`,
    positions: COMMITTEE_POSITIONS,
    applies: hasParent,
    request: async ({ fx }, c) =>
      post(`${V1}/appraisals`, {
        committeeId: fx.ids[c.committee],
        kind: 'planning',
        cadreId: (await fx.cadre(c.committee, c.committee)).id,
        dueOn: '2031-03-01',
      }),
    expected: ({ actor, committee }) =>
      answer({ route: asksAppraisals(actor), sees: seesCommittee(actor, committee), may: asksAppraisal(actor, committee), ok: 201 }),
  },
  appraisalStep('review', 'requested', reviewsAppraisals, (a, c) => reviewsAppraisal(a, competentOf(c))),
  appraisalStep(
    'ask-opinion',
    'in_review',
    reviewsAppraisals,
    (a, c) => reviewsAppraisal(a, competentOf(c)),
    () => ({ bodyKind: 'inspection-commission', bodyName: 'Ủy ban Kiểm tra (ma trận)', dueOn: '2031-03-01' }),
  ),
  appraisalStep(
    'record-opinion',
    'in_review',
    reviewsAppraisals,
    (a, c) => reviewsAppraisal(a, competentOf(c)),
    (opinionId) => ({ opinionId, text: 'Không có vi phạm (ma trận)', givenOn: '2025-01-02' }),
  ),
  appraisalStep(
    'conclude',
    'in_review',
    reviewsAppraisals,
    (a, c) => reviewsAppraisal(a, competentOf(c)),
    () => ({ outcome: 'qualified' }),
  ),
  appraisalStep(
    'decide',
    'concluded',
    decidesAppraisals,
    (a, c) => decidesAppraisal(a, competentOf(c)),
    () => ({
      number: '1-QĐ/MT',
      date: new Date().toISOString().slice(0, 10),
      body: 'Ban Thường vụ (ma trận)',
    }),
  ),
  appraisalStep('withdraw', 'requested', asksAppraisals, asksAppraisal),
  {
    route: `GET ${V1}/reports/appraisals`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) =>
      get(`${V1}/reports/appraisals`, { committeeId: fx.ids[c.committee], from: '2025-01-01', to: '2025-12-31' }),
    expected: ({ actor, committee }) =>
      answer({ route: readsAppraisals(actor), sees: seesCommittee(actor, committee), may: true, ok: 200 }),
  },
  {
    route: `GET ${V1}/reports/appraisals/export`,
    positions: COMMITTEE_POSITIONS,
    request: async ({ fx }, c) =>
      get(`${V1}/reports/appraisals/export`, { committeeId: fx.ids[c.committee], from: '2025-01-01', to: '2025-12-31' }),
    expected: ({ actor, committee }) =>
      answer({ route: readsAppraisals(actor), sees: seesCommittee(actor, committee), may: true, ok: 200 }),
  },
];

/** Lists without a committee filter: everything the caller may see (and the restricted-field walk over all of it). */
const unfilteredLists: Case[] = (
  [
    ['committees', () => true],
    ['cadres', readsCadres],
    ['audit-events', readsAudit],
    ['deadlines', readsDeadlines],
    ['planning-cycles', readsPlanning],
    ['role-assignments', readsAssignments],
    ['appraisals', readsAppraisals],
    ['vote-sessions', readsVotes],
    ['appointments', readsAppointments],
    ['rotations', readsRotations],
  ] as [string, (a: Actor) => boolean][]
).map(([resource, reads]) => ({
  route: `GET ${V1}/${resource}`,
  variant: 'everything the caller sees',
  positions: ['none'],
  request: async () => get(`${V1}/${resource}`, LIST),
  expected: ({ actor }) => (reads(actor) ? 200 : 403),
}));

export const MATRIX: Case[] = [
  ...unfilteredLists,
  ...committeeCases,
  ...cadreCases,
  ...auditCases,
  ...deadlineCases,
  ...planningCases,
  ...identityCases,
  ...notificationCases,
  ...appraisalCases,
  ...appointmentCases,
  ...rotationCases,
  ...voteCases,
];

export const caseName = (c: Case) => (c.variant ? `${c.route} (${c.variant})` : c.route);
