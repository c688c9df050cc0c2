import { subject } from '@casl/ability';
import {
  Action,
  CADRE_ALL_FIELDS,
  CADRE_RESTRICTED_FIELDS,
  CadreSubject,
  currentActor,
  ensureCan,
  permittedFields,
  pickFields,
} from '@canbo/access';
import { CadreView, EvaluationView, PositionView } from './cadre.dto';
import { CadreRow } from './cadre.entity';
import { CadreEvaluation } from './cadre-evaluation.entity';
import { CadrePosition } from './cadre-position.entity';
import type { CadreCheck } from './cadre.repository';

/** CASL sees a cadre through where it works and who manages it. */
export const toSubject = (r: Pick<CadreRow, 'committee_pre' | 'managing_committee_id' | 'managing_pre'>): CadreSubject => ({
  committeePre: Number(r.committee_pre),
  managingCommitteeId: r.managing_committee_id,
  managingPre: Number(r.managing_pre),
});

/** The caller's object check on one file: 404 for a file it may not read, 403 for one it reads but may not `action`. */
export const fileCheck =
  (action: Action): CadreCheck =>
  (file) =>
    ensureCan(action, 'Cadre', file, 'Cadre');

export const RESTRICTED: ReadonlySet<string> = new Set(CADRE_RESTRICTED_FIELDS);

type Stamped = Pick<CadreRow, 'version' | 'updated_at' | 'restricted_version' | 'restricted_updated_at'>;

/**
 * The change stamp a caller sees. `version`/`updated_at` move with every change of what any reader of
 * the file sees; a write that changed only restricted groups moves `restricted_version` and
 * `restricted_updated_at` instead. So a caller who may not read those groups sees the public stamp,
 * unchanged by a change it must not learn of, and a reader of them sees the sum, which moves with
 * every change (both parts only grow). Optimistic locking compares against the stamp the caller sees:
 * an officer's stale public read still conflicts, an admin's stale restricted read too.
 */
export function stampOf(r: Stamped, readsRestricted: boolean): { version: number; updatedAt: Date } {
  if (!readsRestricted || !r.restricted_updated_at) return { version: r.version, updatedAt: r.updated_at };
  return {
    version: r.version + r.restricted_version,
    updatedAt: r.restricted_updated_at > r.updated_at ? r.restricted_updated_at : r.updated_at,
  };
}

/** A caller reads the restricted groups of a file only whole (ability.factory.ts grants them together). */
export function readsRestricted(r: CadreRow): boolean {
  const { ability } = currentActor();
  const target = subject('Cadre', toSubject(r));
  return CADRE_RESTRICTED_FIELDS.every((field) => ability.can('read', target as never, field));
}

/**
 * readsRestricted over the rows of one list: the answer depends only on where a file works and who
 * manages it, and a page holds few such placements (an ability check costs microseconds per row).
 */
export function restrictedReader(reads: (r: CadreRow) => boolean = readsRestricted): (r: CadreRow) => boolean {
  const decided = new Map<string, boolean>();
  return (r) => {
    const key = `${r.committee_pre}|${r.managing_committee_id}|${r.managing_pre}`;
    let answer = decided.get(key);
    if (answer === undefined) decided.set(key, (answer = reads(r)));
    return answer;
  };
}

/** The file as a row of the API, with the stamp a caller who does (or does not) read the restricted groups sees. */
export function toView(r: CadreRow, restricted: boolean): CadreView {
  const stamp = stampOf(r, restricted);
  const view: CadreView = {
    id: r.id,
    committeeId: r.committee_id,
    managingCommitteeId: r.managing_committee_id,
    fullName: r.full_name,
    gender: r.gender,
    dateOfBirth: r.date_of_birth,
    ethnicity: r.ethnicity,
    religion: r.religion,
    hometown: r.hometown,
    partyJoinDate: r.party_join_date,
    partyOfficialDate: r.party_official_date,
    educationLevel: r.education_level,
    politicalTheoryLevel: r.political_theory_level,
    currentPositions: r.current_positions,
    status: r.status,
    archivedAt: r.archived_at?.toISOString() ?? null,
    archivedReason: r.archived_reason,
    version: stamp.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: stamp.updatedAt.toISOString(),
  };
  if (r.discipline !== undefined)
    Object.assign(view, { discipline: r.discipline, politicalNotes: r.political_notes ?? null, family: r.family });
  return view;
}

/** A file as the caller may see it: restricted groups are absent unless its ability grants them. */
export function present(row: CadreRow, extra: Partial<CadreView> = {}): Partial<CadreView> {
  const fields = permittedFields('read', 'Cadre', toSubject(row), CADRE_ALL_FIELDS);
  // The fields it may read already say whether it reads the restricted groups: no second ability check.
  const view = {
    ...toView(
      row,
      CADRE_RESTRICTED_FIELDS.every((f) => fields.has(f)),
    ),
    ...extra,
  };
  return pickFields(view, fields);
}

export const toPositionView = (p: CadrePosition): PositionView => ({
  id: p.id,
  title: p.title,
  organisation: p.organisation,
  committeeId: p.committeeId,
  concurrent: p.concurrent,
  startedOn: p.startedOn,
  endedOn: p.endedOn,
  decisionRef: p.decisionRef,
});

/** Scores are numeric(5, 2): text from the driver, a number in the API. */
export const toEvaluationView = (e: CadreEvaluation): EvaluationView => ({
  id: e.id,
  year: e.year,
  rating: e.rating,
  score: e.score === null ? null : Number(e.score),
  note: e.note,
});
