import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { GENESIS_HASH, linkHash } from '@canbo/audit';
import { CHECKPOINT_SQL } from '@canbo/audit/sql';
import { RENUMBER_SQL } from '@canbo/committees/sql';
import { hashPassword } from '@canbo/identity';
import { ensureDatabase, migrate } from '../migrate';
import { personName, pick, rng } from '../demo/names';
import { CopySink, NULL, text } from './copy';
import { IdSequence, subSeed } from './ids';
import { EDUCATION, ETHNIC_MINORITIES, OCCUPATIONS, TITLES, placeName } from './places';
import { Committee, Level, Tree, TreeShape, allocate, buildTree, spread } from './tree';
import {
  APPOINTMENTS,
  APPOINTMENT_COLUMNS,
  CYCLE_COLUMNS,
  NOMINATION_COLUMNS,
  PlanningCounts,
  cadreLayout,
  generateAppointments,
  generatePlanning,
  scaleTitles,
} from './workflows';
import { seedRotations } from './rotations';
import { seedVotes } from './votes';

/**
 * `npm run seed:scale [-- --seed N --tree 2019|2025 --cadres N]`: the synthetic national data set of
 * bench.md ("Data at scale"). Drops and recreates SCALE_DATABASE_URL, migrates it, then bulk-loads
 * with COPY from generators (constant memory; no ORM, no per-row INSERT):
 *
 *   committees (1 / 63 / 700 / 10,000, or 1 / 34 / 3,321) → users and role assignments →
 *   cadres with their positions and evaluations (one pass, three COPY streams) → audit events
 *   (a valid hash chain per committee, every head, today's checkpoint) → appraisals (bench `appraisal-stats`) →
 *   planning cycles and nominations (bench `planning-check`), appointments (workflows.ts) →
 *   confidence votes: 2,000 closed sessions, 200,000 ballots, their results (votes.ts) →
 *   rotations: 13,503 over 2019–2026, the seeds' national figure for 2019 (rotations.ts, bench `rotation-report`) →
 *   indexes rebuilt, tallies rebuilt, VACUUM ANALYZE → checks.
 *
 * Everything is deterministic from --seed: ids are UUIDv7-shaped with a counter for a clock.
 */

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/canbo_scale';
const PASSWORD_DEFAULT = 'demo-Passw0rd!';
/** "Today" for the generated data (fixed, so a seed always gives the same set). */
const REF_YEAR = 2026;
const REF_MS = Date.UTC(REF_YEAR, 9, 1);
const EVALUATION_YEARS = [REF_YEAR - 2, REF_YEAR - 1];
const AUDIT_FROM_MS = Date.UTC(REF_YEAR - 2, 9, 1);
/** Tables whose secondary indexes are dropped during the load and rebuilt after it. */
const BULK_TABLES = ['cadre', 'cadre_position', 'cadre_evaluation', 'audit_event'];

interface Options {
  url: string;
  seed: number;
  tree: TreeShape;
  cadres: number;
  auditEvents: number;
  fkChecks: boolean;
  verify: boolean;
  password: string;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = {
    url: process.env.SCALE_DATABASE_URL || DEFAULT_URL,
    seed: 1,
    tree: '2019',
    cadres: 1_000_000,
    auditEvents: -1,
    fkChecks: false,
    verify: true,
    password: process.env.DEMO_PASSWORD || PASSWORD_DEFAULT,
  };
  const int = (name: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} needs an integer ≥ ${min}, got ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--seed':
        opts.seed = int('--seed', value(), 0);
        break;
      case '--tree': {
        const v = value();
        if (v !== '2019' && v !== '2025') throw new Error(`--tree is 2019 or 2025, got ${v}`);
        opts.tree = v;
        break;
      }
      case '--cadres':
        opts.cadres = int('--cadres', value(), 1);
        break;
      case '--audit-events':
        opts.auditEvents = int('--audit-events', value(), 0);
        break;
      case '--fk-checks':
        opts.fkChecks = true;
        break;
      case '--no-verify':
        opts.verify = false;
        break;
      case '--help':
      case '-h':
        console.log(
          'usage: seed-scale [--seed N] [--tree 2019|2025] [--cadres N] [--audit-events N] [--fk-checks] [--no-verify]\n' +
            '  target: SCALE_DATABASE_URL (default ' +
            DEFAULT_URL +
            '), dropped and recreated\n' +
            '  --fk-checks: load cadres, then positions/evaluations, with foreign keys checked (slower; for comparison)',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${argv[i]} (try --help)`);
    }
  }
  if (opts.auditEvents < 0) opts.auditEvents = Math.round(opts.cadres / 2);
  return opts;
}

// ---------------------------------------------------------------------------------------------- log

const started = performance.now();
const phases: { name: string; seconds: number; rows?: number }[] = [];
const elapsed = () => ((performance.now() - started) / 1000).toFixed(1).padStart(6);
const fmt = (n: number) => n.toLocaleString('en-US');
const log = (line: string) => console.log(`[${elapsed()}s] ${line}`);

async function phase<T>(name: string, fn: () => Promise<T>, rowsOf?: (r: T) => number | undefined): Promise<T> {
  const t = performance.now();
  const result = await fn();
  const seconds = (performance.now() - t) / 1000;
  const rows = rowsOf?.(result);
  phases.push({ name, seconds, rows });
  log(
    `${name}: ${rows !== undefined ? `${fmt(rows)} rows, ` : ''}${seconds.toFixed(1)} s${rows ? ` (${fmt(Math.round(rows / Math.max(seconds, 1e-3)))}/s)` : ''}`,
  );
  return result;
}

// ------------------------------------------------------------------------------------------- helpers

const PAD2 = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));
const isoDate = (y: number, m: number, d: number) => `${y}-${PAD2[m]}-${PAD2[d]}`;

async function connect(url: string, replica: boolean): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'canbo-seed-scale' });
  await client.connect();
  // Foreign keys are triggers; in replica mode they (and the tally triggers) do not fire. Used only for
  // the COPYs of rows that are generated consistent by construction, and checked afterwards.
  if (replica) await client.query(`SET session_replication_role = replica`);
  return client;
}

async function recreateDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name || name === 'postgres' || name.startsWith('template')) throw new Error(`refusing to drop database "${name}"`);
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  await ensureDatabase(url, () => undefined);
}

// --------------------------------------------------------------------------------------- generation

const LEVEL_PARENT_SHARE: Record<Level, number> = { central: 0, provincial: 0, district: 0.2, grassroots: 0.1 };
const DECISION_SUFFIX: Record<Level, string> = { central: 'QĐ/TW', provincial: 'QĐ/TU', district: 'QĐ/HU', grassroots: 'QĐ/ĐU' };
const THEORY: Record<Level, readonly (string | null)[]> = {
  central: ['advanced', 'advanced', 'advanced', 'bachelor', 'bachelor', 'intermediate'],
  provincial: ['advanced', 'advanced', 'advanced', 'bachelor', 'intermediate', 'intermediate'],
  district: ['intermediate', 'intermediate', 'intermediate', 'advanced', 'advanced', 'bachelor', 'elementary', null],
  grassroots: ['elementary', 'elementary', 'elementary', 'intermediate', 'intermediate', 'intermediate', 'intermediate', 'advanced', null],
};
const DISCIPLINE_FORMS = ['reprimand', 'reprimand', 'reprimand', 'warning'];
const POLITICAL_NOTES = 'Lịch sử chính trị rõ ràng; không có vấn đề cần lưu ý.';

/** Cadres per committee: 95% at grassroots, the rest at district/provincial/central, each level spread with variance. */
function cadreCounts(tree: Tree, shape: TreeShape, total: number, seed: number): Int32Array {
  const random = rng(subSeed(seed, 202));
  const grassroots = Math.round(total * 0.95);
  const rest = total - grassroots;
  const central = Math.round(rest * (shape === '2019' ? 0.02 : 0.05));
  const provincial = shape === '2019' ? Math.round(rest * 0.28) : rest - central;
  const byLevel: Record<Level, number> = { central, provincial, district: rest - central - provincial, grassroots };
  const counts = new Int32Array(tree.committees.length);
  for (const level of ['central', 'provincial', 'district', 'grassroots'] as Level[]) {
    const members = tree.committees.filter((c) => c.level === level);
    if (!members.length) continue;
    spread(byLevel[level], members.length, random, 0.4).forEach((n, i) => (counts[members[i].index] = n));
  }
  return counts;
}

interface Sinks {
  cadre: CopySink | null;
  position: CopySink | null;
  evaluation: CopySink | null;
}

interface CadreIds {
  cadre: IdSequence;
  position: IdSequence;
  evaluation: IdSequence;
}

/**
 * One pass over the committees in pre order, generating each committee's cadres (ids ascending with
 * the pre order, as an import committee by committee would give) with one current position (+ an
 * ended one for ~30%) and the last two years' evaluations. Every random draw happens whether or not
 * its sink is given, so a partial replay (--fk-checks) yields the same rows.
 * Fills `managedBy` (cadre index → managing committee index) for the audit trail.
 */
async function generateCadres(
  tree: Tree,
  counts: Int32Array,
  seed: number,
  ids: CadreIds,
  sinks: Sinks,
  managedBy: Int32Array,
  total: number,
): Promise<{ positions: number; evaluations: number }> {
  const { committees } = tree;
  let k = 0;
  let positions = 0;
  let evaluations = 0;
  let nextReport = Math.ceil(total / 10);
  const t = performance.now();
  for (const ci of tree.preOrder) {
    const c = committees[ci];
    const n = counts[ci];
    if (!n) continue;
    const random = rng(subSeed(seed, 303, ci));
    const parent = c.parent >= 0 ? committees[c.parent] : c;
    const provincePlace = c.province >= 0 ? committees[c.province].place : 'Hà Nội';
    const titles = TITLES[c.level];
    const theory = THEORY[c.level];
    const parentShare = LEVEL_PARENT_SHARE[c.level];
    for (let j = 0; j < n; j++, k++) {
      const id = ids.cadre.id(k);
      const managing: Committee = random() < parentShare ? parent : c;
      managedBy[k] = managing.index;
      const gender = random() < 0.38 ? 'female' : 'male';
      const fullName = personName(random, gender);
      const born = 1962 + Math.floor(random() * 39);
      const dob = isoDate(born, 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28));
      const ethnicity = random() < 0.86 ? 'Kinh' : pick(random, ETHNIC_MINORITIES);
      const rr = random();
      const religion = rr < 0.08 ? 'Phật giáo' : rr < 0.11 ? 'Công giáo' : NULL;
      const hometown = `${placeName(random)}, ${provincePlace}`;
      const member = random() >= 0.01;
      const joinYear = Math.min(born + 18 + Math.floor(random() * 14), REF_YEAR - 2);
      const joinMonth = 1 + Math.floor(random() * 12);
      const joinDay = 1 + Math.floor(random() * 28);
      const partyJoin = member ? isoDate(joinYear, joinMonth, joinDay) : NULL;
      const partyOfficial = member ? isoDate(joinYear + 1, joinMonth, joinDay) : NULL;
      const education = pick(random, EDUCATION);
      const theoryLevel = pick(random, theory) ?? NULL;
      const rs = random();
      const status = rs < 0.965 ? 'serving' : rs < 0.985 ? 'retired' : rs < 0.995 ? 'rotated_out' : 'removed';
      let discipline = '[]';
      if (random() < 0.03) {
        const y = REF_YEAR - 7 + Math.floor(random() * 6);
        discipline = JSON.stringify([
          {
            form: pick(random, DISCIPLINE_FORMS),
            decidedOn: isoDate(y, 6, 15),
            effectUntil: isoDate(y + 1, 6, 15),
            decisionRef: `${100 + Math.floor(random() * 900)}-QĐ/UBKT`,
          },
        ]);
      }
      let family = '[]';
      let notes = NULL;
      if (random() < 0.2) {
        const spouse = gender === 'male' ? 'female' : 'male';
        family = JSON.stringify([
          {
            relation: 'spouse',
            fullName: personName(random, spouse),
            birthYear: born + Math.floor(random() * 5) - 2,
            occupation: pick(random, OCCUPATIONS),
          },
          {
            relation: 'child',
            fullName: personName(random, random() < 0.5 ? 'male' : 'female'),
            birthYear: born + 24 + Math.floor(random() * 8),
            occupation: pick(random, OCCUPATIONS),
          },
        ]);
        notes = POLITICAL_NOTES;
      }
      // Work history: the current post, and for ~30% the one before it.
      const lo = Math.min(REF_YEAR - 1, Math.max(born + 22, REF_YEAR - 12));
      const startYear = lo + Math.floor(random() * (REF_YEAR - lo));
      const startMonth = 1 + Math.floor(random() * 12);
      const title = pick(random, titles);
      const decisionNo = 1 + Math.floor(random() * 999);
      const older = random() < 0.3 && startYear - 1 >= born + 20;
      const olderFrom = Math.max(born + 20, startYear - 10);
      const olderYear = olderFrom + Math.floor(random() * (startYear - olderFrom));
      const olderTitle = pick(random, titles);
      // Evaluations: a level of ability, and yearly noise around it.
      const base = random() < 0.03 ? 30 + random() * 25 : 62 + random() * 36;
      const scores = EVALUATION_YEARS.map(() => Math.min(100, Math.max(0, Math.round((base + (random() - 0.5) * 14) * 10) / 10)));

      const waits: (Promise<void> | undefined)[] = [];
      if (sinks.cadre)
        waits.push(
          sinks.cadre.push(
            `${id}\t${c.id}\t${c.pre}\t${managing.id}\t${managing.pre}\t${fullName}\t${gender}\t${dob}\t${ethnicity}\t${religion}\t${hometown}\t${partyJoin}\t${partyOfficial}\t${education}\t${theoryLevel}\t${status}\t${text(discipline)}\t${notes}\t${text(family)}\t1`,
          ),
        );
      if (sinks.position) {
        waits.push(
          sinks.position.push(
            `${ids.position.id(positions)}\t${id}\t${c.id}\t${title}\t${c.name}\tf\t${isoDate(startYear, startMonth, 1)}\t${NULL}\t${decisionNo}-${DECISION_SUFFIX[c.level]}`,
          ),
        );
        if (older)
          waits.push(
            sinks.position.push(
              `${ids.position.id(positions + 1)}\t${id}\t${c.id}\t${olderTitle}\t${c.name}\tf\t${isoDate(olderYear, 1 + (decisionNo % 12), 1)}\t${isoDate(startYear - 1, 12, 31)}\t${NULL}`,
            ),
          );
      }
      positions += older ? 2 : 1;
      if (sinks.evaluation)
        for (let y = 0; y < EVALUATION_YEARS.length; y++) {
          const s = scores[y];
          const rating = s >= 90 ? 'excellent' : s >= 70 ? 'good' : s >= 50 ? 'completed' : 'not_completed';
          waits.push(
            sinks.evaluation.push(
              `${ids.evaluation.id(evaluations + y)}\t${id}\t${EVALUATION_YEARS[y]}\t${rating}\t${s.toFixed(2)}\t${NULL}`,
            ),
          );
        }
      evaluations += EVALUATION_YEARS.length;
      for (const w of waits) if (w) await w;
      if (k + 1 >= nextReport) {
        log(`  cadres ${fmt(k + 1)} / ${fmt(total)} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
        nextReport += Math.ceil(total / 10);
      }
    }
  }
  return { positions, evaluations };
}

const CADRE_COLUMNS = [
  'id',
  'committee_id',
  'committee_pre',
  'managing_committee_id',
  'managing_pre',
  'full_name',
  'gender',
  'date_of_birth',
  'ethnicity',
  'religion',
  'hometown',
  'party_join_date',
  'party_official_date',
  'education_level',
  'political_theory_level',
  'status',
  'discipline',
  'political_notes',
  'family',
  'version',
];
const POSITION_COLUMNS = [
  'id',
  'cadre_id',
  'committee_id',
  'title',
  'organisation',
  'concurrent',
  'started_on',
  'ended_on',
  'decision_ref',
];
const EVALUATION_COLUMNS = ['id', 'cadre_id', 'year', 'rating', 'score', 'note'];
const AUDIT_COLUMNS = [
  'id',
  'committee_id',
  'seq',
  'occurred_at',
  'actor_id',
  'entity_type',
  'entity_id',
  'action',
  'changes',
  'request_id',
  'prev_hash',
  'hash',
];

/**
 * The audit trail: `total` 'Cadre' 'update' events spread over the committees in proportion to the
 * cadres each manages (the app chains a cadre's events on its managing committee), each committee's
 * events a valid chain (seq 1..k, prev_hash/hash by linkHash over what verify.ts hashes).
 */
async function generateAudit(
  tree: Tree,
  seed: number,
  managedBy: Int32Array,
  cadreIds: IdSequence,
  actorOf: (string | null)[],
  total: number,
  sink: CopySink,
): Promise<{ committeeId: string; seq: number; hash: string }[]> {
  const { committees } = tree;
  // Cadres grouped by managing committee (CSR: offsets + indexes), 8 bytes a cadre.
  const managedCount = new Int32Array(committees.length);
  for (let i = 0; i < managedBy.length; i++) managedCount[managedBy[i]]++;
  const offset = new Int32Array(committees.length + 1);
  for (let c = 0; c < committees.length; c++) offset[c + 1] = offset[c] + managedCount[c];
  const fill = offset.slice(0, committees.length);
  const managed = new Int32Array(managedBy.length);
  for (let i = 0; i < managedBy.length; i++) managed[fill[managedBy[i]]++] = i;

  const perCommittee = allocate(
    total,
    tree.preOrder.map((ci) => managedCount[ci]),
  );
  const ids = new IdSequence(Date.UTC(2025, 0, 20), seed, 6);
  const span = REF_MS - AUDIT_FROM_MS;
  const heads: { committeeId: string; seq: number; hash: string }[] = [];
  let n = 0;
  for (let p = 0; p < tree.preOrder.length; p++) {
    const events = perCommittee[p];
    if (!events) continue;
    const ci = tree.preOrder[p];
    const c = committees[ci];
    const random = rng(subSeed(seed, 404, ci));
    const provincePlace = c.province >= 0 ? committees[c.province].place : 'Hà Nội';
    let prevHash = GENESIS_HASH;
    for (let s = 1; s <= events; s++) {
      const occurredAt = new Date(AUDIT_FROM_MS + Math.floor((span * (s - 1 + 0.05 + 0.9 * random())) / events)).toISOString();
      const entityId = cadreIds.id(managed[offset[ci] + Math.floor(random() * managedCount[ci])]);
      const actorId = random() < 0.1 ? null : actorOf[ci];
      const kind = Math.floor(random() * 4);
      const changes =
        kind === 0
          ? {
              before: { hometown: `${placeName(random)}, ${provincePlace}` },
              after: { hometown: `${placeName(random)}, ${provincePlace}` },
            }
          : kind === 1
            ? { before: { educationLevel: pick(random, EDUCATION) }, after: { educationLevel: pick(random, EDUCATION) } }
            : kind === 2
              ? { before: { politicalTheoryLevel: 'intermediate' }, after: { politicalTheoryLevel: 'advanced' } }
              : { before: { religion: null }, after: { religion: 'Phật giáo' } };
      const seq = String(s);
      const hash = linkHash(prevHash, {
        committeeId: c.id,
        seq,
        occurredAt,
        actorId,
        entityType: 'Cadre',
        entityId,
        action: 'update',
        changes,
        requestId: null,
      });
      const w = sink.push(
        `${ids.id(n++)}\t${c.id}\t${seq}\t${occurredAt}\t${actorId ?? NULL}\tCadre\t${entityId}\tupdate\t${text(JSON.stringify(changes))}\t${NULL}\t${prevHash}\t${hash}`,
      );
      if (w) await w;
      prevHash = hash;
    }
    heads.push({ committeeId: c.id, seq: events, hash: prevHash });
  }
  return heads;
}

// ------------------------------------------------------------------------------------- bulk helpers

interface IndexDef {
  table: string;
  name: string;
  def: string;
}

// ---------------------------------------------------------------------------------- appraisals

const APPRAISALS = 60_000;
const APPRAISAL_KINDS = [
  'planning',
  'appointment',
  'election-nomination',
  'reappointment',
  'rotation',
  'armed-forces-rank',
  'sensitive-body',
];
/** Planning and appointments dominate; ranks and sensitive bodies are rare. */
const APPRAISAL_KIND_WEIGHTS = [0.35, 0.25, 0.1, 0.15, 0.08, 0.04, 0.03];
const APPRAISAL_COLUMNS = [
  'id',
  'committee_id',
  'committee_pre',
  'competent_committee_id',
  'kind',
  'cadre_id',
  'cadre_name',
  'due_on',
  'state',
  'requested_on',
  'outcome',
  'reasons',
  'concluded_on',
  'decision_number',
  'decided_on',
  'decision_body',
  'withdrawn_at',
  'created_by',
];
const DAY_MS = 86_400_000;
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Requests over the five years to REF_YEAR's reference day, each from a random cadre's managing committee
 * to its parent (files managed by the root ask nobody and are drawn again): ~5% still open (requested
 * late), ~3% withdrawn, the rest concluded — 8% "not to be considered" — and most of those decided.
 */
async function generateAppraisals(
  tree: Tree,
  seed: number,
  cadreSeq: IdSequence,
  managedBy: Int32Array,
  actorOf: (string | null)[],
  sink: CopySink,
): Promise<void> {
  const random = rng(subSeed(seed, 11));
  const ids = new IdSequence(Date.UTC(2025, 1, 1), seed, 11);
  const { committees } = tree;
  const from = Date.UTC(REF_YEAR - 4, 0, 1);
  const span = REF_MS - from;
  const kindOf = () => {
    let r = random();
    for (const [k, w] of APPRAISAL_KIND_WEIGHTS.entries()) if ((r -= w) < 0) return APPRAISAL_KINDS[k];
    return APPRAISAL_KINDS[0];
  };
  for (let n = 0; n < APPRAISALS;) {
    const cadre = Math.floor(random() * managedBy.length);
    const requesting = committees[managedBy[cadre]];
    if (requesting.parent < 0) continue;
    const competent = committees[requesting.parent];
    const requested = from + Math.floor(random() * span);
    const concluded = requested + (10 + Math.floor(random() * 50)) * DAY_MS;
    const decided = concluded + (5 + Math.floor(random() * 25)) * DAY_MS;
    const withdrawn = random() < 0.03;
    let state: string;
    let outcome: string | null = null;
    if (withdrawn) state = 'withdrawn';
    else if (concluded > REF_MS) state = random() < 0.5 ? 'requested' : 'in_review';
    else {
      outcome = random() < 0.08 ? 'not_to_be_considered' : 'qualified';
      state = decided <= REF_MS && random() < 0.9 ? 'decided' : 'concluded';
    }
    const isDecided = state === 'decided';
    const w = sink.push(
      [
        ids.id(n),
        requesting.id,
        requesting.pre,
        competent.id,
        kindOf(),
        cadreSeq.id(cadre),
        text(personName(random, random() < 0.4 ? 'female' : 'male')),
        isoOf(requested + 30 * DAY_MS),
        state,
        isoOf(requested),
        outcome ?? NULL,
        outcome === 'not_to_be_considered' ? text('Chưa đủ tiêu chuẩn theo quy định') : NULL,
        outcome ? isoOf(concluded) : NULL,
        isDecided ? `${1 + (n % 900)}-QĐ/TU` : NULL,
        isDecided ? isoOf(decided) : NULL,
        isDecided ? text('Ban Thường vụ') : NULL,
        withdrawn ? new Date(requested + 5 * DAY_MS).toISOString() : NULL,
        actorOf[requesting.index] ?? NULL,
      ].join('\t'),
    );
    if (w) await w;
    n++;
  }
}

async function dropSecondaryIndexes(db: Client): Promise<IndexDef[]> {
  const { rows } = await db.query<IndexDef>(
    `SELECT t.relname AS table, i.relname AS name, pg_get_indexdef(i.oid) AS def
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
      WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY($1)
        AND NOT x.indisprimary AND NOT x.indisunique
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid AND k.conrelid = t.oid)
      ORDER BY t.relname, i.relname`,
    [BULK_TABLES],
  );
  for (const r of rows) await db.query(`DROP INDEX "${r.name}"`);
  return rows;
}

async function disableUserTriggers(db: Client, tables: string[]): Promise<{ table: string; name: string }[]> {
  const { rows } = await db.query<{ table: string; name: string }>(
    `SELECT c.relname AS table, g.tgname AS name
       FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
      WHERE NOT g.tgisinternal AND g.tgenabled <> 'D' AND c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1)
        AND c.relname <> 'audit_event'`,
    [tables],
  );
  for (const r of rows) await db.query(`ALTER TABLE "${r.table}" DISABLE TRIGGER "${r.name}"`);
  return rows;
}

/** Runs the statements on `parallel` connections, longest-first as given. */
async function runParallel(url: string, statements: string[], parallel: number, setup: string[] = []): Promise<void> {
  const queue = [...statements];
  const worker = async () => {
    const client = await connect(url, false);
    try {
      for (const s of setup) await client.query(s);
      for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
        const t = performance.now();
        await client.query(s);
        log(`  ${s.replace(/\s+/g, ' ').slice(0, 110)} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
      }
    } finally {
      await client.end();
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, statements.length) }, worker));
}

/** Index builds sorted by the expected cost (trigram GIN and collated sorts first). */
function indexCost(d: IndexDef): number {
  const rows: Record<string, number> = { cadre: 10, cadre_evaluation: 6, cadre_position: 4, audit_event: 2 };
  const weight = / gin /i.test(d.def) ? 4 : /collate/i.test(d.def) ? 3 : 1;
  return (rows[d.table] ?? 1) * weight;
}

// ----------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const url = opts.url;
  log(
    `seed-scale: ${url.replace(/\/\/[^@/]*@/, '//…@')} seed=${opts.seed} tree=${opts.tree} cadres=${fmt(opts.cadres)} audit events=${fmt(opts.auditEvents)}${opts.fkChecks ? ' (foreign keys checked)' : ''}`,
  );

  await phase('database dropped, recreated and migrated', async () => {
    await recreateDatabase(url);
    await migrate(url, 'up', 1, () => undefined);
  });

  const db = await connect(url, false);
  try {
    await db.query(`SET maintenance_work_mem = '512MB'`);
    if (!opts.fkChecks) {
      // Replica mode needs a superuser (or SET granted on the parameter); without it, load with foreign keys checked.
      try {
        await db.query(`SET session_replication_role = replica`);
        await db.query(`RESET session_replication_role`);
      } catch (error) {
        log(`cannot SET session_replication_role (${(error as Error).message}): loading with foreign keys checked`);
        opts.fkChecks = true;
      }
    }
    const prepared = await phase('secondary indexes dropped, tally triggers disabled', async () => {
      const indexes = await dropSecondaryIndexes(db);
      const triggers = await disableUserTriggers(db, ['cadre', 'cadre_position', 'cadre_evaluation']);
      log(`  dropped ${indexes.map((i) => i.name).join(', ')}; disabled ${triggers.map((t) => `${t.table}.${t.name}`).join(', ')}`);
      return { indexes, triggers };
    });

    // ---- committees
    const tree = buildTree(opts.tree, opts.seed, new IdSequence(Date.UTC(2024, 0, 1), opts.seed, 1));
    const { committees } = tree;
    await phase(
      'committee',
      async () => {
        const sink = new CopySink(db, 'committee', [
          'id',
          'code',
          'name',
          'level_code',
          'parent_id',
          'node_no',
          'path',
          'depth',
          'pre',
          'last_pre',
          'valid_from',
        ]);
        for (const c of committees) {
          const w = sink.push(
            [
              c.id,
              c.code,
              text(c.name),
              c.level,
              c.parent >= 0 ? committees[c.parent].id : NULL,
              c.nodeNo,
              c.path,
              c.depth,
              c.pre,
              c.lastPre,
              '2020-01-01',
            ].join('\t'),
          );
          if (w) await w;
        }
        await sink.end();
        await db.query(`SELECT setval('committee_node_seq', (SELECT max(node_no) FROM committee))`);
        return sink.rows;
      },
      (n) => n,
    );
    // The intervals were computed here; RENUMBER_SQL (what the app runs after a tree change) must find nothing to change.
    await phase('committee intervals checked against RENUMBER_SQL', async () => {
      await db.query('BEGIN');
      const { rowCount } = await db.query(RENUMBER_SQL);
      await db.query('ROLLBACK');
      if (rowCount) throw new Error(`RENUMBER_SQL would change ${rowCount} committees: the generated pre/last_pre are wrong`);
    });

    // ---- users and role assignments
    const actorOf: (string | null)[] = new Array(committees.length).fill(null);
    await phase(
      'app_user + role_assignment',
      async () => {
        const hash = await hashPassword(opts.password);
        const ids = new IdSequence(Date.UTC(2024, 0, 2), opts.seed, 2);
        const assignIds = new IdSequence(Date.UTC(2024, 0, 3), opts.seed, 3);
        const root = committees[0];
        const users: { username: string; display: string; committee: Committee; role: string }[] = [
          { username: 'operator', display: 'Quản trị hệ thống', committee: root, role: 'operator' },
          { username: 'auditor.tw', display: 'Kiểm tra viên Trung ương', committee: root, role: 'auditor' },
          { username: 'admin.tw', display: 'Ban Tổ chức Trung ương', committee: root, role: 'admin' },
        ];
        const adminAt = (c: Committee) =>
          users.push({ username: `admin.${c.code.toLowerCase()}`, display: `Ban Tổ chức ${c.name}`, committee: c, role: 'admin' });
        committees.filter((c) => c.level === 'provincial' || c.level === 'district').forEach(adminAt);
        if (opts.tree === '2025')
          committees
            .filter((c) => c.level === 'grassroots')
            .slice(0, 50)
            .forEach(adminAt);
        const userSink = new CopySink(db, 'app_user', ['id', 'username', 'display_name', 'password_hash']);
        for (const [i, u] of users.entries()) await userSink.push([ids.id(i), u.username, text(u.display), text(hash)].join('\t'));
        await userSink.end();
        const operatorId = ids.id(0);
        const raSink = new CopySink(db, 'role_assignment', ['id', 'user_id', 'committee_id', 'role', 'granted_by']);
        for (const [i, u] of users.entries())
          await raSink.push([assignIds.id(i), ids.id(i), u.committee.id, u.role, i === 0 ? NULL : operatorId].join('\t'));
        await raSink.end();
        // Who edits a committee's files: its own admin, else the nearest admin above.
        const adminOf = new Map(users.flatMap((u, i) => (u.role === 'admin' ? [[u.committee.index, ids.id(i)] as const] : [])));
        for (const ci of tree.preOrder) {
          const c = committees[ci];
          actorOf[ci] = adminOf.get(ci) ?? (c.parent >= 0 ? actorOf[c.parent] : null);
        }
        return users.length;
      },
      (n) => n,
    );

    // ---- cadres, positions, evaluations
    const counts = cadreCounts(tree, opts.tree, opts.cadres, opts.seed);
    const cadreIds: CadreIds = {
      cadre: new IdSequence(Date.UTC(2025, 0, 15), opts.seed, 4),
      position: new IdSequence(Date.UTC(2025, 0, 16), opts.seed, 5),
      evaluation: new IdSequence(Date.UTC(2025, 0, 17), opts.seed, 7),
    };
    const managedBy = new Int32Array(opts.cadres);
    let sideRows = { positions: 0, evaluations: 0 };
    if (!opts.fkChecks) {
      // One generator, three COPY streams on three connections (replica mode: no FK triggers, checked after).
      const conns = await Promise.all([0, 1, 2].map(() => connect(url, true)));
      try {
        await phase(
          'cadre + cadre_position + cadre_evaluation',
          async () => {
            const sinks: Sinks = {
              cadre: new CopySink(conns[0], 'cadre', CADRE_COLUMNS),
              position: new CopySink(conns[1], 'cadre_position', POSITION_COLUMNS),
              evaluation: new CopySink(conns[2], 'cadre_evaluation', EVALUATION_COLUMNS),
            };
            sideRows = await generateCadres(tree, counts, opts.seed, cadreIds, sinks, managedBy, opts.cadres);
            const [a, b, c] = await Promise.all([sinks.cadre!.end(), sinks.position!.end(), sinks.evaluation!.end()]);
            log(`  cadre ${fmt(a)}, cadre_position ${fmt(b)}, cadre_evaluation ${fmt(c)}`);
            return a + b + c;
          },
          (n) => n,
        );
      } finally {
        await Promise.all(conns.map((c) => c.end()));
      }
    } else {
      // For comparison: foreign keys checked, so cadres first, then their positions and evaluations (a replay).
      const conns = await Promise.all([0, 1].map(() => connect(url, false)));
      try {
        await phase(
          'cadre (FK checked)',
          async () => {
            const sink = new CopySink(conns[0], 'cadre', CADRE_COLUMNS);
            await generateCadres(
              tree,
              counts,
              opts.seed,
              cadreIds,
              { cadre: sink, position: null, evaluation: null },
              managedBy,
              opts.cadres,
            );
            return sink.end();
          },
          (n) => n,
        );
        await phase(
          'cadre_position + cadre_evaluation (FK checked)',
          async () => {
            const sinks: Sinks = {
              cadre: null,
              position: new CopySink(conns[0], 'cadre_position', POSITION_COLUMNS),
              evaluation: new CopySink(conns[1], 'cadre_evaluation', EVALUATION_COLUMNS),
            };
            sideRows = await generateCadres(tree, counts, opts.seed, cadreIds, sinks, managedBy, opts.cadres);
            const [b, c] = await Promise.all([sinks.position!.end(), sinks.evaluation!.end()]);
            return b + c;
          },
          (n) => n,
        );
      } finally {
        await Promise.all(conns.map((c) => c.end()));
      }
    }

    // ---- audit trail
    await phase(
      'audit_event + audit_chain_head',
      async () => {
        const conn = await connect(url, !opts.fkChecks);
        try {
          const sink = new CopySink(conn, 'audit_event', AUDIT_COLUMNS);
          const heads = await generateAudit(tree, opts.seed, managedBy, cadreIds.cadre, actorOf, opts.auditEvents, sink);
          await sink.end();
          // Every committee got its genesis head when it was inserted (a trigger); the chains with events move theirs on.
          await conn.query(`CREATE TEMP TABLE seeded_head (committee_id uuid PRIMARY KEY, seq bigint NOT NULL, hash text NOT NULL)`);
          const headSink = new CopySink(conn, 'seeded_head', ['committee_id', 'seq', 'hash']);
          for (const h of heads) await headSink.push(`${h.committeeId}\t${h.seq}\t${h.hash}`);
          await headSink.end();
          await conn.query(
            `UPDATE audit_chain_head h SET seq = s.seq, hash = s.hash FROM seeded_head s WHERE s.committee_id = h.committee_id`,
          );
          // And today's checkpoint of them all, as the worker takes it each day.
          await conn.query(CHECKPOINT_SQL);
          log(`  ${fmt(sink.rows)} events in ${fmt(heads.length)} committee chains, checkpoint taken`);
          return sink.rows + heads.length;
        } finally {
          await conn.end();
        }
      },
      (n) => n,
    );

    // ---- appraisals (bench.md `appraisal-stats`: 60,000 over five years)
    await phase(
      'appraisal',
      async () => {
        const conn = await connect(url, !opts.fkChecks);
        try {
          const sink = new CopySink(conn, 'appraisal', APPRAISAL_COLUMNS);
          await generateAppraisals(tree, opts.seed, cadreIds.cadre, managedBy, actorOf, sink);
          return await sink.end();
        } finally {
          await conn.end();
        }
      },
      (n) => n,
    );

    // ---- planning cycles and nominations, appointments (workflows.ts)
    const layout = cadreLayout(tree, counts);
    const titles = scaleTitles(opts.seed);
    let planning: PlanningCounts = { cycles: 0, nominations: 0, benchCycleId: '' };
    await phase(
      'planning_title + planning_cycle + planning_nomination',
      async () => {
        // The catalogue's ids made deterministic (nothing refers to them yet), then the scale set's extra provincial titles.
        await db.query(`UPDATE planning_title t SET id = v.id FROM unnest($1::text[], $2::uuid[]) v(code, id) WHERE t.code = v.code`, [
          titles.titles.map((t) => t.code),
          titles.titles.map((t) => t.id),
        ]);
        const { extra } = titles;
        await db.query(
          `INSERT INTO planning_title (id, code, level_code, name, rank, managed_by_level)
           SELECT id, code, 'provincial', name, rank, 'central' FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[]) v(id, code, name, rank)`,
          [extra.map((t) => t.id), extra.map((t) => t.code), extra.map((t) => t.name), extra.map((t) => t.rank)],
        );
        const conns = await Promise.all([0, 1].map(() => connect(url, !opts.fkChecks)));
        try {
          const sinks = {
            cycle: new CopySink(conns[0], 'planning_cycle', CYCLE_COLUMNS),
            nomination: new CopySink(conns[1], 'planning_nomination', NOMINATION_COLUMNS),
          };
          planning = await generatePlanning(tree, opts.seed, layout, cadreIds.cadre, actorOf, titles, sinks);
          const [a, b] = await Promise.all([sinks.cycle.end(), sinks.nomination.end()]);
          log(`  planning_cycle ${fmt(a)}, planning_nomination ${fmt(b)}; the planning-check cycle: ${planning.benchCycleId}`);
          return a + b;
        } finally {
          await Promise.all(conns.map((c) => c.end()));
        }
      },
      (n) => n,
    );
    await phase(
      'appointment',
      async () => {
        const conn = await connect(url, !opts.fkChecks);
        try {
          const sink = new CopySink(conn, 'appointment', APPOINTMENT_COLUMNS);
          await generateAppointments(tree, opts.seed, REF_MS, layout, cadreIds.cadre, managedBy, actorOf, sink);
          return await sink.end();
        } finally {
          await conn.end();
        }
      },
      (n) => n,
    );

    // ---- confidence votes (votes.ts; also `seed-votes.js` for a set seeded before them)
    await phase(
      'vote_session + vote_subject + ballot + vote_result',
      async () => {
        const counts = await seedVotes(db, opts.seed, new Date(REF_MS).toISOString().slice(0, 10));
        log(`  vote_session ${fmt(counts.sessions)}, ballot ${fmt(counts.ballots)}, vote_result ${fmt(counts.results)}`);
        return counts.sessions + counts.ballots + counts.results;
      },
      (n) => n,
    );

    // ---- rotations (rotations.ts; also `seed-rotations.js` for a set seeded before them)
    await phase(
      'rotation',
      () => seedRotations(db, opts.seed, new Date(REF_MS).toISOString().slice(0, 10)),
      (n) => n,
    );

    // ---- indexes, triggers, tallies, statistics
    await phase(`${prepared.indexes.length} secondary indexes rebuilt`, () =>
      runParallel(
        url,
        [...prepared.indexes].sort((a, b) => indexCost(b) - indexCost(a)).map((i) => i.def),
        2,
        [`SET maintenance_work_mem = '512MB'`, `SET max_parallel_maintenance_workers = 0`],
      ),
    );
    await phase('tally triggers enabled, tallies rebuilt', async () => {
      for (const t of prepared.triggers) await db.query(`ALTER TABLE "${t.table}" ENABLE TRIGGER "${t.name}"`);
      await db.query(`SELECT rebuild_cadre_tallies()`);
    });
    // VACUUM, not just ANALYZE: it sets the visibility map, without which no index-only scan is index-only.
    const vacuumed = [
      'cadre',
      'cadre_evaluation',
      'cadre_position',
      'audit_event',
      'cadre_age_tally',
      'cadre_tally',
      'appraisal',
      'planning_cycle',
      'planning_nomination',
      'appointment',
      'ballot',
      'vote_result',
      'rotation',
    ];
    await phase('VACUUM ANALYZE', async () => {
      await runParallel(url, vacuumed.map((t) => `VACUUM (ANALYZE) ${t}`).concat(['ANALYZE']), 2);
      // A VACUUM that overlaps another session's can leave pages it could not yet call all-visible: one more pass covers just those.
      const { rows } = await db.query<{ table: string; pages: number; visible: number }>(
        `SELECT relname AS table, relpages AS pages, relallvisible AS visible FROM pg_class
          WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname = ANY($1) AND relallvisible < relpages`,
        [vacuumed],
      );
      for (const r of rows) {
        const t = performance.now();
        await db.query(`VACUUM "${r.table}"`);
        log(
          `  VACUUM ${r.table} again: ${fmt(r.pages - r.visible)} of ${fmt(r.pages)} pages were not all-visible (${((performance.now() - t) / 1000).toFixed(1)} s)`,
        );
      }
    });

    const loadSeconds = (performance.now() - started) / 1000;
    log(`loaded in ${loadSeconds.toFixed(1)} s`);

    if (opts.verify) await phase('checks', () => checks(db, opts, sideRows, planning));
    await summary(db, opts);
  } finally {
    await db.end();
  }
}

// ---------------------------------------------------------------------------------- checks, summary

async function checks(
  db: Client,
  opts: Options,
  expected: { positions: number; evaluations: number },
  planning: PlanningCounts,
): Promise<void> {
  const one = async (sql: string) => Number(Object.values((await db.query(sql)).rows[0])[0]);
  const results: [string, number, number][] = [
    [
      'committees whose [pre, last_pre] is not exactly their subtree (path <@)',
      await one(`
        SELECT count(*) FROM committee c
         WHERE (SELECT count(*) FROM committee d WHERE d.pre BETWEEN c.pre AND c.last_pre) <> (SELECT count(*) FROM committee d WHERE d.path <@ c.path)
            OR EXISTS (SELECT 1 FROM committee d WHERE d.path <@ c.path AND d.pre NOT BETWEEN c.pre AND c.last_pre)`),
      0,
    ],
    [
      'cadres whose committee_pre/managing_pre are wrong or whose managing committee is not an ancestor-or-self',
      await one(`
        SELECT count(*) FROM cadre k
          LEFT JOIN committee c ON c.id = k.committee_id
          LEFT JOIN committee m ON m.id = k.managing_committee_id
         WHERE c.id IS NULL OR m.id IS NULL OR k.committee_pre <> c.pre OR k.managing_pre <> m.pre OR k.committee_pre NOT BETWEEN m.pre AND m.last_pre`),
      0,
    ],
    ['cadres', await one(`SELECT count(*) FROM cadre`), opts.cadres],
    [
      'positions without their cadre or committee',
      await one(
        `SELECT count(*) FROM cadre_position p WHERE NOT EXISTS (SELECT 1 FROM cadre k WHERE k.id = p.cadre_id) OR NOT EXISTS (SELECT 1 FROM committee c WHERE c.id = p.committee_id)`,
      ),
      0,
    ],
    [
      'cadres without exactly one current position',
      await one(`
        SELECT count(*) FROM cadre k
          LEFT JOIN (SELECT cadre_id, count(*) AS n FROM cadre_position WHERE ended_on IS NULL GROUP BY cadre_id) p ON p.cadre_id = k.id
         WHERE p.n IS DISTINCT FROM 1`),
      0,
    ],
    [
      'evaluations without their cadre',
      await one(`SELECT count(*) FROM cadre_evaluation e WHERE NOT EXISTS (SELECT 1 FROM cadre k WHERE k.id = e.cadre_id)`),
      0,
    ],
    [
      'evaluations whose rating does not match the score band',
      await one(
        `SELECT count(*) FROM cadre_evaluation WHERE rating <> CASE WHEN score >= 90 THEN 'excellent' WHEN score >= 70 THEN 'good' WHEN score >= 50 THEN 'completed' ELSE 'not_completed' END`,
      ),
      0,
    ],
    ['positions', await one(`SELECT count(*) FROM cadre_position`), expected.positions],
    ['evaluations', await one(`SELECT count(*) FROM cadre_evaluation`), expected.evaluations],
    [
      'audit events whose committee, actor or cadre is missing, or whose cadre is not managed there',
      await one(`
        SELECT count(*) FROM audit_event e
         WHERE NOT EXISTS (SELECT 1 FROM cadre k WHERE k.id = e.entity_id AND k.managing_committee_id = e.committee_id)
            OR (e.actor_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.id = e.actor_id))`),
      0,
    ],
    [
      'committees whose audit chain head is missing or does not match their last event (or genesis)',
      await one(`
        SELECT count(*) FROM committee c
          LEFT JOIN (SELECT committee_id, max(seq) AS seq, count(*) AS n FROM audit_event GROUP BY committee_id) x ON x.committee_id = c.id
          LEFT JOIN audit_chain_head h ON h.committee_id = c.id
          LEFT JOIN audit_event e ON e.committee_id = h.committee_id AND e.seq = h.seq
         WHERE h.committee_id IS NULL OR coalesce(x.seq, 0) <> h.seq OR coalesce(x.n, 0) <> h.seq
            OR (h.seq > 0 AND e.hash IS DISTINCT FROM h.hash) OR (h.seq = 0 AND h.hash <> repeat('0', 64))`),
      0,
    ],
    [
      'committees missing from the checkpoint',
      await one(`SELECT count(*) FROM committee c WHERE NOT EXISTS (SELECT 1 FROM audit_checkpoint_head k WHERE k.committee_id = c.id)`),
      0,
    ],
    ['audit events', await one(`SELECT count(*) FROM audit_event`), opts.auditEvents],
    [
      'tally total minus cadres not archived',
      await one(`SELECT (SELECT coalesce(sum(n), 0) FROM cadre_tally) - (SELECT count(*) FROM cadre WHERE archived_at IS NULL)`),
      0,
    ],
    [
      'age tally total minus cadres not archived',
      await one(`SELECT (SELECT coalesce(sum(n), 0) FROM cadre_age_tally) - (SELECT count(*) FROM cadre WHERE archived_at IS NULL)`),
      0,
    ],
    ['planning cycles', await one(`SELECT count(*) FROM planning_cycle`), planning.cycles],
    ['planning nominations', await one(`SELECT count(*) FROM planning_nomination`), planning.nominations],
    [
      'cycles whose committee or approver is missing, or whose approver is not the committee above',
      await one(`
        SELECT count(*) FROM planning_cycle y LEFT JOIN committee c ON c.id = y.committee_id
         WHERE c.id IS NULL OR y.approver_committee_id <> coalesce(c.parent_id, c.id)`),
      0,
    ],
    [
      'nominations whose cycle, cadre or title is missing, or whose title is not of the cycle committee’s level',
      await one(`
        SELECT count(*) FROM planning_nomination n
          LEFT JOIN planning_cycle y ON y.id = n.cycle_id LEFT JOIN committee c ON c.id = y.committee_id
          LEFT JOIN planning_title t ON t.id = n.title_id
         WHERE c.id IS NULL OR t.id IS NULL OR t.level_code <> c.level_code OR NOT EXISTS (SELECT 1 FROM cadre k WHERE k.id = n.cadre_id)`),
      0,
    ],
    [
      'the planning-check cycle: nominations over titles (300 × 1,000 + 60 expected)',
      await one(
        `SELECT count(*) * 1000 + count(DISTINCT title_id) FROM planning_nomination WHERE cycle_id = '${planning.benchCycleId}' AND status = 'active'`,
      ),
      300_060,
    ],
    ['appointments', await one(`SELECT count(*) FROM appointment`), APPOINTMENTS],
    [
      'appointments whose cadre or committee is missing, or not decided by the committee above',
      await one(`
        SELECT count(*) FROM appointment a LEFT JOIN committee c ON c.id = a.committee_id
         WHERE c.id IS NULL OR a.decider_committee_id IS DISTINCT FROM c.parent_id OR NOT EXISTS (SELECT 1 FROM cadre k WHERE k.id = a.cadre_id)`),
      0,
    ],
    [
      'role assignments whose user or committee is missing',
      await one(
        `SELECT count(*) FROM role_assignment r WHERE NOT EXISTS (SELECT 1 FROM app_user u WHERE u.id = r.user_id) OR NOT EXISTS (SELECT 1 FROM committee c WHERE c.id = r.committee_id)`,
      ),
      0,
    ],
  ];
  let failed = 0;
  for (const [what, got, want] of results) {
    const ok = got === want;
    if (!ok) failed++;
    log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}: ${fmt(got)}${ok ? '' : ` (expected ${fmt(want)})`}`);
  }
  if (failed) throw new Error(`${failed} check(s) failed`);
}

async function summary(db: Client, opts: Options): Promise<void> {
  const { rows: tables } = await db.query<{ table: string }>(
    `SELECT c.relname AS table FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' ORDER BY c.relname`,
  );
  console.log('\nrows per table:');
  for (const { table } of tables) {
    const { rows } = await db.query(
      `SELECT count(*)::bigint AS n, pg_size_pretty(pg_total_relation_size('"${table}"')) AS size FROM "${table}"`,
    );
    if (Number(rows[0].n)) console.log(`  ${table.padEnd(24)} ${fmt(Number(rows[0].n)).padStart(11)}  ${rows[0].size}`);
  }
  const { rows: size } = await db.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`);
  console.log(`database size: ${size[0].size}`);

  console.log('\nphases:');
  for (const p of phases)
    console.log(`  ${p.name.padEnd(56)} ${p.seconds.toFixed(1).padStart(7)} s${p.rows ? `  ${fmt(p.rows)} rows` : ''}`);
  console.log(`  ${'total'.padEnd(56)} ${((performance.now() - started) / 1000).toFixed(1).padStart(7)} s`);

  // Sample logins: who sees how much (a committee's subtree = cadres whose committee_pre is in [pre, last_pre]).
  const visible = (level: string) =>
    db.query<{ username: string; code: string; name: string; n: string }>(
      `SELECT u.username, c.code, c.name, (SELECT count(*) FROM cadre k WHERE k.committee_pre BETWEEN c.pre AND c.last_pre) AS n
         FROM (SELECT y.* FROM committee y
                WHERE y.level_code = $1 AND EXISTS (SELECT 1 FROM role_assignment a WHERE a.committee_id = y.id AND a.role = 'admin')
                ORDER BY (SELECT sum(t.n) FROM cadre_tally t WHERE t.committee_pre BETWEEN y.pre AND y.last_pre) DESC NULLS LAST, y.pre LIMIT 1) c
         JOIN role_assignment r ON r.committee_id = c.id AND r.role = 'admin' AND r.revoked_at IS NULL
         JOIN app_user u ON u.id = r.user_id`,
      [level],
    );
  console.log(`\nsample logins (password: ${opts.password === PASSWORD_DEFAULT ? PASSWORD_DEFAULT : '$DEMO_PASSWORD'}):`);
  const { rows: all } = await db.query(`SELECT count(*) AS n FROM cadre`);
  console.log(`  operator, auditor.tw, admin.tw     at TW, see all ${fmt(Number(all[0].n))} cadres`);
  for (const level of opts.tree === '2019' ? ['provincial', 'district'] : ['provincial', 'grassroots']) {
    const { rows } = await visible(level);
    const biggest = rows[0];
    if (biggest)
      console.log(
        `  ${biggest.username.padEnd(34)} ${biggest.code} ${biggest.name}: the ${level} admin who sees the most, ${fmt(Number(biggest.n))} cadres`,
      );
  }
  const { rows: typical } = await db.query(
    `SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY n) AS median FROM (
       SELECT (SELECT coalesce(sum(t.n), 0) FROM cadre_tally t WHERE t.committee_pre BETWEEN c.pre AND c.last_pre) AS n
         FROM committee c WHERE c.level_code = $1) x`,
    [opts.tree === '2019' ? 'district' : 'provincial'],
  );
  console.log(
    `  a typical ${opts.tree === '2019' ? 'district' : 'provincial'} admin sees ${fmt(Number(typical[0].median))} cadres (median)`,
  );
}

main().catch((error: unknown) => {
  console.error(`[${elapsed()}s] seed-scale failed:`, error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
