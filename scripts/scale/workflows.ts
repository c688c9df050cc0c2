import { TITLES_SEED } from '@canbo/planning';
import { termEnd } from '@canbo/rulebook';
import { pick, rng } from '../demo/names';
import { CopySink, NULL, text } from './copy';
import { IdSequence, subSeed } from './ids';
import { TITLES } from './places';
import { Committee, Tree } from './tree';

/**
 * The scale set's planning cycles, nominations and appointments (bench.md "Data at scale"; the
 * `planning-check` scenario). Generated like the appraisals: deterministic from the seed, COPYed,
 * consistent by construction (loaded without foreign-key triggers, checked after).
 */

const DAY_MS = 86_400_000;
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Where each committee's cadres sit in the cadre id sequence (they were generated committee by committee in pre order). */
export interface CadreLayout {
  /** First cadre index of each committee (by committee index). */
  first: Int32Array;
  /** How many cadres work in each committee. */
  count: Int32Array;
}

export function cadreLayout(tree: Tree, counts: Int32Array): CadreLayout {
  const first = new Int32Array(tree.committees.length);
  let k = 0;
  for (const ci of tree.preOrder) {
    first[ci] = k;
    k += counts[ci];
  }
  return { first, count: counts };
}

/** Who acts for a committee: its own admin, or null where it has none (files kept by the level above). */
export const ownActor = (actorOf: readonly (string | null)[], c: Committee): string | null =>
  c.parent >= 0 && actorOf[c.index] === actorOf[c.parent] ? null : actorOf[c.index];

// ---------------------------------------------------------------------------------------- titles

/**
 * Provincial titles beyond the catalogue's eight, for the one provincial cycle of 60 titles that the
 * `planning-check` scenario checks (a province plans its standing committee's posts and the heads of
 * its departments, boards and bodies). Scale set only: the catalogue itself comes from the migration.
 */
const DEPARTMENTS: [slug: string, name: string][] = [
  ['finance', 'Tài chính'],
  ['construction', 'Xây dựng'],
  ['home-affairs', 'Nội vụ'],
  ['justice', 'Tư pháp'],
  ['health', 'Y tế'],
  ['education', 'Giáo dục và Đào tạo'],
  ['industry-trade', 'Công Thương'],
  ['agriculture-environment', 'Nông nghiệp và Môi trường'],
  ['science-technology', 'Khoa học và Công nghệ'],
  ['culture-sports-tourism', 'Văn hóa, Thể thao và Du lịch'],
  ['foreign-affairs', 'Ngoại vụ'],
  ['ethnic-religious-affairs', 'Dân tộc và Tôn giáo'],
];
const OTHER_PROVINCIAL_TITLES: [slug: string, name: string, rank: number][] = [
  ['propaganda-board-head', 'Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy', 520],
  ['propaganda-board-deputy', 'Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy', 480],
  ['internal-affairs-board-head', 'Trưởng Ban Nội chính Tỉnh ủy', 520],
  ['internal-affairs-board-deputy', 'Phó Trưởng Ban Nội chính Tỉnh ủy', 480],
  ['party-office-chief', 'Chánh Văn phòng Tỉnh ủy', 510],
  ['party-office-deputy', 'Phó Chánh Văn phòng Tỉnh ủy', 470],
  ['organisation-board-deputy', 'Phó Trưởng Ban Tổ chức Tỉnh ủy', 480],
  ['inspection-commission-deputy', 'Phó Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy', 480],
  ['people-council-vice-chair', 'Phó Chủ tịch Hội đồng nhân dân tỉnh', 540],
  ['council-legal-board-head', 'Trưởng Ban Pháp chế Hội đồng nhân dân tỉnh', 500],
  ['council-economy-board-head', 'Trưởng Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh', 500],
  ['council-culture-board-head', 'Trưởng Ban Văn hóa - Xã hội Hội đồng nhân dân tỉnh', 500],
  ['council-ethnic-board-head', 'Trưởng Ban Dân tộc Hội đồng nhân dân tỉnh', 500],
  ['delegation-office-chief', 'Chánh Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh', 490],
  ['front-chair', 'Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 520],
  ['front-vice-chair', 'Phó Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 480],
  ['people-committee-office-chief', 'Chánh Văn phòng Ủy ban nhân dân tỉnh', 500],
  ['police-director', 'Giám đốc Công an tỉnh', 530],
  ['military-commander', 'Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh', 530],
  ['court-president', 'Chánh án Tòa án nhân dân tỉnh', 510],
  ['procuracy-head', 'Viện trưởng Viện kiểm sát nhân dân tỉnh', 510],
  ['inspectorate-chief', 'Chánh Thanh tra tỉnh', 500],
  ['political-school-principal', 'Hiệu trưởng Trường Chính trị tỉnh', 490],
  ['newspaper-editor', 'Tổng Biên tập Báo tỉnh', 470],
  ['broadcaster-director', 'Giám đốc Đài Phát thanh và Truyền hình tỉnh', 470],
  ['industrial-zones-head', 'Trưởng Ban Quản lý các khu công nghiệp tỉnh', 490],
  ['labour-federation-chair', 'Chủ tịch Liên đoàn Lao động tỉnh', 470],
  ['womens-union-chair', 'Chủ tịch Hội Liên hiệp Phụ nữ tỉnh', 470],
];
export const EXTRA_PROVINCIAL_TITLES: readonly { code: string; name: string; rank: number }[] = [
  ...DEPARTMENTS.flatMap(([slug, name]) => [
    { code: `provincial.director-${slug}`, name: `Giám đốc Sở ${name}`, rank: 500 },
    { code: `provincial.deputy-director-${slug}`, name: `Phó Giám đốc Sở ${name}`, rank: 460 },
  ]),
  ...OTHER_PROVINCIAL_TITLES.map(([slug, name, rank]) => ({ code: `provincial.${slug}`, name, rank })),
];

export interface Title {
  id: string;
  code: string;
  level: string;
  rank: number;
}

/**
 * The catalogue's ids made deterministic (the migration draws them at random), and the extra provincial
 * titles added; every title returned, catalogue first.
 */
export function scaleTitles(seed: number): { titles: Title[]; extra: (Title & { name: string })[] } {
  const ids = new IdSequence(Date.UTC(2024, 0, 4), seed, 15);
  const titles = TITLES_SEED.map((t, i) => ({ id: ids.id(i), code: t.code, level: t.levelCode, rank: t.rank }));
  const extra = EXTRA_PROVINCIAL_TITLES.map((t, i) => ({
    id: ids.id(TITLES_SEED.length + i),
    code: t.code,
    level: 'provincial',
    name: t.name,
    rank: t.rank,
  }));
  return { titles, extra };
}

// -------------------------------------------------------------------------------------- planning

export const CYCLE_COLUMNS = [
  'id',
  'committee_id',
  'approver_committee_id',
  'party_term_from',
  'state_term_from',
  'reference_date',
  'state',
  'submission_due_on',
  'submitted_by',
  'submitted_at',
  'approved_by',
  'approved_at',
  'decision_ref',
  'return_reason',
  'created_by',
  'created_at',
  'updated_at',
];
export const NOMINATION_COLUMNS = [
  'id',
  'cycle_id',
  'cadre_id',
  'title_id',
  'source',
  'votes',
  'status',
  'added_by',
  'removed_reason',
  'removed_by',
  'removed_at',
  'created_at',
  'updated_at',
];

/** The two terms every committee has planned for: the one now running, and the one before it. */
const TERMS = [2020, 2025];
/** The current term's cycles: mostly approved, the rest on their way. */
const CURRENT_STATES: [state: string, share: number][] = [
  ['approved', 0.8],
  ['submitted', 0.07],
  ['under_appraisal', 0.03],
  ['draft', 0.08],
  ['returned', 0.02],
];
const CONFERENCES: Record<string, [kind: string, min: number, spread: number][]> = {
  central: [
    ['standing_committee', 15, 4],
    ['executive_committee', 170, 30],
  ],
  provincial: [
    ['standing_committee', 13, 5],
    ['executive_committee', 45, 15],
  ],
  district: [
    ['standing_committee', 9, 5],
    ['executive_committee', 33, 12],
  ],
  grassroots: [
    ['leadership_collective', 7, 5],
    ['executive_committee', 15, 10],
  ],
};
const REMOVED_REASON = 'Rà soát quy hoạch hằng năm: đưa ra khỏi quy hoạch do không còn đáp ứng tiêu chuẩn';
const RETURN_REASON = 'Hồ sơ chưa đủ biên bản kiểm phiếu của hội nghị cán bộ chủ chốt';

/** A conference's vote: nearly all present, most in favour; ~3% fall short of half (the checks' warnings). */
function votesOf(random: () => number, level: string): string {
  const votes = CONFERENCES[level].map(([conference, min, spread]) => {
    const convened = min + Math.floor(random() * spread);
    const present = convened - Math.floor(random() * Math.min(4, Math.ceil(convened / 6)));
    const share = random() < 0.03 ? 0.3 + random() * 0.2 : 0.6 + random() * 0.38;
    const inFavour = Math.min(present, Math.round(convened * share));
    return `{"conference":"${conference}","convened":${convened},"present":${present},"inFavour":${inFavour}}`;
  });
  return `[${votes.join(',')}]`;
}

export interface PlanningCounts {
  cycles: number;
  nominations: number;
  /** The provincial cycle of 60 titles (`planning-check`). */
  benchCycleId: string;
}

/**
 * One cycle per committee and term (2020–2025 and 2025–2030), approved by the committee above (the root
 * approves its own). The cycle plans the leadership titles of its committee's level, 2–4 cadres a title
 * (~3), drawn from the committee's own cadres (~10% from a sibling committee: "elsewhere"), each with
 * its conferences' votes. The first province's current cycle is the `planning-check` one: 300 nominations
 * over 60 titles (the catalogue's 8 and 52 extra), drawn from the province's and its districts' cadres.
 */
export async function generatePlanning(
  tree: Tree,
  seed: number,
  layout: CadreLayout,
  cadreIds: IdSequence,
  actorOf: readonly (string | null)[],
  titles: { titles: Title[]; extra: Title[] },
  sinks: { cycle: CopySink; nomination: CopySink },
): Promise<PlanningCounts> {
  const { committees } = tree;
  const cycleIds = new IdSequence(Date.UTC(2025, 1, 10), seed, 12);
  const nominationIds = new IdSequence(Date.UTC(2025, 1, 11), seed, 13);
  const byLevel = new Map<string, Title[]>();
  for (const t of titles.titles) byLevel.set(t.level, [...(byLevel.get(t.level) ?? []), t]);
  const benchProvince = tree.preOrder.map((ci) => committees[ci]).find((c) => c.level === 'provincial');
  let cycles = 0;
  let nominations = 0;
  let benchCycleId = '';

  for (const ci of tree.preOrder) {
    const c = committees[ci];
    const random = rng(subSeed(seed, 505, ci));
    const approver = c.parent >= 0 ? committees[c.parent] : c;
    const submitter = ownActor(actorOf, c);
    // The level above decides; where it has no admin of its own in the set, the decision is on paper only.
    const decider = approver === c ? null : ownActor(actorOf, approver);
    for (const term of TERMS) {
      const id = cycleIds.id(cycles++);
      const current = term === TERMS[TERMS.length - 1];
      const bench = current && c === benchProvince;
      const state = bench ? 'draft' : current ? weighted(random, CURRENT_STATES) : 'approved';
      // Planned two years before the term, submitted within the year, approved a few months later.
      const reference = Date.UTC(term - 2, 2 + Math.floor(random() * 6), 1 + Math.floor(random() * 28));
      const createdAt = reference + 9 * 3600_000;
      const submittedAt = reference + (60 + Math.floor(random() * 120)) * DAY_MS;
      const approvedAt = submittedAt + (30 + Math.floor(random() * 90)) * DAY_MS;
      const submitted = state !== 'draft';
      const approved = state === 'approved';
      const w = sinks.cycle.push(
        [
          id,
          c.id,
          approver.id,
          term,
          term + 1,
          isoOf(reference),
          state,
          `${term - 1}-06-30`,
          submitted ? (submitter ?? NULL) : NULL,
          submitted ? new Date(submittedAt).toISOString() : NULL,
          approved ? (decider ?? NULL) : NULL,
          approved ? new Date(approvedAt).toISOString() : NULL,
          approved
            ? `${1 + Math.floor(random() * 900)}-QĐ/${approver.level === 'central' ? 'TW' : approver.level === 'provincial' ? 'TU' : 'HU'}`
            : NULL,
          state === 'returned' ? text(RETURN_REASON) : NULL,
          submitter ?? NULL,
          new Date(createdAt).toISOString(),
          new Date(approved ? approvedAt : submitted ? submittedAt : createdAt).toISOString(),
        ].join('\t'),
      );
      if (w) await w;

      // Whom to nominate: [cadre index, source] drawn without repeating a (cadre, title).
      const siblings = c.parent >= 0 ? committees[c.parent].children.filter((s) => s !== ci && layout.count[s] > 0) : [];
      const pool = bench ? [ci, ...c.children] : [ci];
      const poolSize = pool.reduce((n, p) => n + layout.count[p], 0);
      const draw = (): [number, string] => {
        if (!bench && siblings.length > 0 && random() < 0.1) {
          const s = siblings[Math.floor(random() * siblings.length)];
          return [layout.first[s] + Math.floor(random() * layout.count[s]), 'elsewhere'];
        }
        let r = Math.floor(random() * poolSize);
        for (const p of pool) {
          if (r < layout.count[p]) return [layout.first[p] + r, 'local'];
          r -= layout.count[p];
        }
        return [-1, 'local'];
      };
      if (poolSize === 0) continue;
      const planned = bench ? [...(byLevel.get(c.level) ?? []), ...titles.extra] : (byLevel.get(c.level) ?? []);
      const perTitle = bench ? allocateEvenly(300, planned.length) : planned.map(() => 2 + Math.floor(random() * 3));
      const used = new Set<number>();
      let at = createdAt;
      for (const [ti, title] of planned.entries()) {
        const forTitle = new Set<number>();
        for (let k = 0; k < perTitle[ti]; k++) {
          let choice: [number, string] = draw();
          // Prefer a cadre not yet planned in the cycle (a few hold two or three titles, as the rules allow).
          for (let tries = 0; tries < 12 && (used.has(choice[0]) || forTitle.has(choice[0])); tries++) choice = draw();
          for (let tries = 0; tries < 100 && forTitle.has(choice[0]); tries++) choice = draw();
          if (forTitle.has(choice[0]) || choice[0] < 0) continue;
          forTitle.add(choice[0]);
          used.add(choice[0]);
          const removed = approved && !bench && random() < 0.04;
          const votes = state === 'draft' && random() < 0.4 ? '[]' : votesOf(random, c.level);
          at += (1 + Math.floor(random() * 600)) * 1000;
          const when = new Date(at).toISOString();
          const removedAt = removed ? new Date(approvedAt + (200 + Math.floor(random() * 400)) * DAY_MS).toISOString() : NULL;
          const nw = sinks.nomination.push(
            [
              nominationIds.id(nominations++),
              id,
              cadreIds.id(choice[0]),
              title.id,
              choice[1],
              votes,
              removed ? 'removed' : 'active',
              submitter ?? NULL,
              removed ? text(REMOVED_REASON) : NULL,
              removed ? (submitter ?? NULL) : NULL,
              removedAt,
              when,
              removed ? removedAt : when,
            ].join('\t'),
          );
          if (nw) await nw;
        }
      }
      if (bench) benchCycleId = id;
    }
  }
  return { cycles, nominations, benchCycleId };
}

/** A value drawn with the given shares (which add up to 1). */
function weighted(random: () => number, table: readonly [string, number][]): string {
  let r = random();
  for (const [value, share] of table) if ((r -= share) < 0) return value;
  return table[table.length - 1][0];
}

/** `total` over `parts` as evenly as whole numbers allow. */
function allocateEvenly(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor((total * (i + 1)) / parts) - Math.floor((total * i) / parts));
}

// ---------------------------------------------------------------------------------- appointments

export const APPOINTMENTS = 30_000;
export const APPOINTMENT_COLUMNS = [
  'id',
  'committee_id',
  'decider_committee_id',
  'cadre_id',
  'kind',
  'title',
  'organisation',
  'dossier_received_on',
  'effective_from',
  'term_ends_on',
  'decision_number',
  'decision_date',
  'state',
  'proposed_by',
  'decided_by',
  'applied_at',
  'cancel_reason',
  'created_at',
  'updated_at',
];
/** appointment.term: five years (QĐ 80 and QĐ 377 alike). */
const TERM_YEARS = 5;
const DECISION_SUFFIX: Record<string, string> = { central: 'QĐ/TW', provincial: 'QĐ/TU', district: 'QĐ/HU', grassroots: 'QĐ/ĐU' };

/**
 * Appointments and reappointments over the five years to the reference day and a few months past it,
 * proposed by the committee that manages a random cadre's file to the committee above (files managed by
 * the root are drawn again), to a post of the committee where the cadre works. Those in effect are most;
 * ~4% were cancelled; proposals and decisions not yet in effect are those whose effective date is to come
 * (and ~1% due today, for the worker's daily read).
 */
export async function generateAppointments(
  tree: Tree,
  seed: number,
  refMs: number,
  layout: CadreLayout,
  cadreIds: IdSequence,
  managedBy: Int32Array,
  actorOf: readonly (string | null)[],
  sink: CopySink,
): Promise<number> {
  const { committees } = tree;
  const random = rng(subSeed(seed, 14));
  const ids = new IdSequence(Date.UTC(2025, 1, 12), seed, 14);
  // Cadre index → the committee where the cadre works (they are laid out committee by committee).
  const worksIn = new Int32Array(managedBy.length);
  for (const c of committees) worksIn.fill(c.index, layout.first[c.index], layout.first[c.index] + layout.count[c.index]);
  const from = Date.UTC(new Date(refMs).getUTCFullYear() - 5, 0, 1);
  const span = refMs + 150 * DAY_MS - from;
  for (let n = 0; n < APPOINTMENTS;) {
    const cadre = Math.floor(random() * managedBy.length);
    const proposing = committees[managedBy[cadre]];
    if (proposing.parent < 0) continue;
    const decider = committees[proposing.parent];
    const workplace = committees[worksIn[cadre]];
    const kind = random() < 0.3 ? 'reappointment' : 'appointment';
    const received = from + Math.floor(random() * span);
    const effective = received + (20 + Math.floor(random() * 50)) * DAY_MS;
    const decided = effective - (3 + Math.floor(random() * 15)) * DAY_MS;
    let state: string;
    if (random() < 0.04) state = 'cancelled';
    else if (effective > refMs) state = decided <= refMs ? 'decided' : 'proposed';
    else state = random() < 0.01 ? 'decided' : 'in_effect';
    // A cancelled one was withdrawn as a proposal, or (a third of them) undone after the decision.
    const hasDecision = state === 'decided' || state === 'in_effect' || (state === 'cancelled' && decided <= refMs && random() < 0.33);
    const effectiveFrom = isoOf(state === 'decided' && effective <= refMs ? refMs : effective);
    const changed = state === 'proposed' ? received : state === 'in_effect' ? effective : Math.min(decided, refMs);
    const w = sink.push(
      [
        ids.id(n),
        proposing.id,
        decider.id,
        cadreIds.id(cadre),
        kind,
        text(pick(random, TITLES[workplace.level])),
        text(workplace.name),
        isoOf(received),
        effectiveFrom,
        termEnd(effectiveFrom, TERM_YEARS),
        hasDecision ? `${1 + (n % 950)}-${DECISION_SUFFIX[decider.level]}` : NULL,
        hasDecision ? isoOf(Math.min(decided, msOf(effectiveFrom))) : NULL,
        state,
        actorOf[proposing.index] ?? NULL,
        hasDecision ? (ownActor(actorOf, decider) ?? NULL) : NULL,
        state === 'in_effect' ? `${effectiveFrom}T00:05:00+07:00` : NULL,
        state === 'cancelled' ? text('Rút đề xuất theo ý kiến của cấp có thẩm quyền') : NULL,
        new Date(received + 10 * 3600_000).toISOString(),
        new Date(changed + 10 * 3600_000).toISOString(),
      ].join('\t'),
    );
    if (w) await w;
    n++;
  }
  return APPOINTMENTS;
}
