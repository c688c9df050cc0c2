import type { TestApi } from './api';

/**
 * A new file at `committeeId`, managed by that committee's own board, created through the API as `auth`
 * (201 expected): a Kinh man born 1 March 1985 unless `fields` says otherwise. Returns its id.
 */
export async function createCadre(
  api: TestApi,
  auth: string,
  committeeId: string,
  fields: { fullName: string } & Record<string, unknown>,
): Promise<string> {
  const res = await api
    .http()
    .post('/api/v1/cadres')
    .set('authorization', auth)
    .send({ committeeId, managingCommitteeId: committeeId, gender: 'male', dateOfBirth: '1985-03-01', ethnicity: 'Kinh', ...fields })
    .expect(201);
  return res.body.id as string;
}

/** A post the file holds from `position.startedOn`, added through the API as `auth` (201 expected). */
export async function addPosition(
  api: TestApi,
  auth: string,
  cadreId: string,
  position: { title: string; organisation: string; committeeId?: string; startedOn: string },
): Promise<void> {
  await api.http().post(`/api/v1/cadres/${cadreId}/positions`).set('authorization', auth).send(position).expect(201);
}

/**
 * Names of a committee's own files (among its first 20) that occur once, `count` of them: a search by one of
 * them in the portal offers exactly one file. The demo's fixed name (Nguyễn Văn Hùng, product.md's search
 * example) is left out: the generated names of other committees' files the searcher sees may repeat it.
 */
export async function namesFoundOnce(api: TestApi, auth: string, committeeId: string, count: number): Promise<string[]> {
  const page = await api
    .http()
    .get(`/api/v1/cadres?committeeId=${committeeId}&subtree=false&limit=20`)
    .set('authorization', auth)
    .expect(200);
  const all = (page.body.items as { fullName: string }[]).map((c) => c.fullName);
  return all.filter((n) => all.indexOf(n) === all.lastIndexOf(n) && n !== 'Nguyễn Văn Hùng').slice(0, count);
}

/**
 * The file nominated for Bí thư Huyện ủy in an approved planning cycle of Nga Sơn (TH-NS), set up in the
 * database directly (planning's own walk is its suites'): what QĐ 65 asks of a cadre to be rotated.
 */
export async function inApprovedPlanning(api: TestApi, cadreId: string): Promise<void> {
  const { rows } = await api.db.query(
    `INSERT INTO planning_cycle (committee_id, approver_committee_id, party_term_from, state_term_from, reference_date, state, submission_due_on, approved_at, decision_ref)
     VALUES ($1, $2, 2025, 2026, current_date - 30, 'approved', current_date - 20, now(), '98-QĐ/TU') RETURNING id`,
    [api.committees['TH-NS'], api.committees.TH],
  );
  await api.db.query(
    `INSERT INTO planning_nomination (cycle_id, cadre_id, title_id, source) SELECT $1, $2, id, 'local' FROM planning_title WHERE code = 'district.secretary'`,
    [rows[0].id, cadreId],
  );
}

/** A post of the file as the database holds it (dates as YYYY-MM-DD). */
export interface Position {
  title: string;
  started: string;
  ended: string | null;
  decision_ref: string | null;
}

/** The file's posts, read from the database, earliest first: what the worker's moves leave behind. */
export async function positionsOf(api: TestApi, cadreId: string): Promise<Position[]> {
  const { rows } = await api.db.query<Position>(
    `SELECT title, to_char(started_on, 'YYYY-MM-DD') AS started, to_char(ended_on, 'YYYY-MM-DD') AS ended, decision_ref
       FROM cadre_position WHERE cadre_id = $1 ORDER BY started_on, created_at`,
    [cadreId],
  );
  return rows;
}
