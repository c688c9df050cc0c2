import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { TestApi, startApi } from './support/api';
import { expectFieldError, expectProblem } from './support/problems';
import { walkPages } from './support/pages';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const RESTRICTED_HEADERS = ['Kỷ luật', 'Ghi chú chính trị', 'Quan hệ gia đình'];

type Cell = ExcelJS.CellValue;
interface Sheet {
  headers: string[];
  rows: Record<string, Cell>[];
  /** Every row's cells, in order, as they stand (for the figures sheets). */
  lines: Cell[][];
  dateFormats: Record<string, string>;
}

/** supertest keeps unknown media types as a stream: the body gathered into a Buffer. */
const binary = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

async function sheetOf(res: Response): Promise<Sheet> {
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX);
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[a-z-]+-\d{4}-\d{2}-\d{2}\.xlsx"$/);
  const book = new ExcelJS.Workbook();
  // exceljs types its Buffer before Node 22's generic one.
  await book.xlsx.load(res.body as never);
  const ws = book.worksheets[0];
  const lines: Cell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => lines.push((row.values as Cell[]).slice(1)));
  const headers = lines[0].map(String);
  const dateFormats: Record<string, string> = {};
  const rows = lines.slice(1).map((cells, i) => {
    const row: Record<string, Cell> = {};
    headers.forEach((h, c) => {
      row[h] = cells[c] ?? null;
      if (cells[c] instanceof Date) dateFormats[h] = ws.getRow(i + 2).getCell(c + 1).numFmt;
    });
    return row;
  });
  return { headers, rows, lines, dateFormats };
}

const day = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

describe('Excel exports (cadre list, figures screens)', () => {
  let api: TestApi;
  let C: Record<string, string>;
  const auth: Record<string, string> = {};

  const download = (user: string, path: string, query: object = {}) =>
    api
      .http()
      .get(`/api/v1${path}`)
      .query(query)
      .set('authorization', auth[user])
      .buffer(true)
      .parse(binary as never);
  const ask = (user: string, path: string, query: object = {}) =>
    api.http().get(`/api/v1${path}`).query(query).set('authorization', auth[user]);
  const list = async (user: string, query: string) =>
    (await walkPages<Record<string, unknown>>(api, auth[user], `/api/v1/cadres?${query}`)).items;
  const lastExport = async () =>
    (
      await api.db.query(
        `SELECT e.committee_id, e.actor_id, e.action, e.changes, u.username FROM audit_event e JOIN app_user u ON u.id = e.actor_id
          WHERE e.entity_type = 'CadreExport' ORDER BY e.occurred_at DESC, e.seq DESC LIMIT 1`,
      )
    ).rows[0];

  beforeAll(async () => {
    api = await startApi();
    C = api.committees;
    for (const u of ['admin.ns', 'admin.th', 'officer.th', 'auditor.tw', 'admin.hn']) auth[u] = await api.login(u);
    // A file Nga Sơn manages itself, with a discipline record: its admin reads that group; the TH-managed ones it may not.
    await api
      .http()
      .post('/api/v1/cadres')
      .set('authorization', auth['admin.ns'])
      .send({
        committeeId: C['TH-NS'],
        managingCommitteeId: C['TH-NS'],
        fullName: 'Phạm Thị Xuất',
        gender: 'female',
        dateOfBirth: '1985-07-09',
        ethnicity: 'Kinh',
        partyJoinDate: '2008-03-26',
        discipline: [{ form: 'reprimand', decidedOn: '2022-05-04', decisionRef: '15-QĐ/HU' }],
      })
      .expect(201);
  });
  afterAll(() => api.close());

  it("gives a district admin exactly its list's rows, in its order, with restricted groups only where it reads them", async () => {
    const items = await list('admin.ns', '');
    const sheet = await sheetOf(await download('admin.ns', '/cadres/export'));
    expect(sheet.rows.map((r) => r['Mã hồ sơ'])).toEqual(items.map((i) => i.id));
    expect(sheet.headers).toEqual(expect.arrayContaining(['Họ và tên', 'Ngày sinh', 'Đơn vị công tác', ...RESTRICTED_HEADERS]));
    const thManaged = sheet.rows.filter((_, i) => items[i].managingCommitteeId === C.TH);
    expect(thManaged.length).toBeGreaterThan(0);
    for (const row of thManaged) for (const h of RESTRICTED_HEADERS) expect(row[h]).toBeNull();
    const own = sheet.rows.find((r) => r['Họ và tên'] === 'Phạm Thị Xuất');
    expect(own).toMatchObject({
      'Giới tính': 'Nữ',
      'Kỷ luật': 'Khiển trách (04/05/2022, 15-QĐ/HU)',
      'Đơn vị công tác': 'Huyện ủy Nga Sơn',
    });
    // Dates are date cells shown as dd/mm/yyyy, the very day of the file.
    expect(sheet.dateFormats['Ngày sinh']).toBe('dd/mm/yyyy');
    sheet.rows.forEach((r, i) => {
      expect(r['Ngày sinh']).toEqual(day(items[i].dateOfBirth as string));
      expect(r['Ngày vào Đảng']).toEqual(day(items[i].partyJoinDate as string | null));
    });

    const audited = await lastExport();
    expect(audited).toMatchObject({ username: 'admin.ns', action: 'export', changes: { after: { rows: items.length, filter: {} } } });
    expect(audited.changes.after.restrictedRows).toBe(items.filter((i) => i.managingCommitteeId === C['TH-NS']).length);
  });

  it('leaves the restricted columns out for a caller who reads them nowhere, and follows the filters and the name order', async () => {
    const query = { committeeId: C['TH-NS'], gender: 'male', sort: 'name' };
    const items = await list('officer.th', new URLSearchParams(query).toString());
    const sheet = await sheetOf(await download('officer.th', '/cadres/export', query));
    expect(sheet.headers.filter((h) => RESTRICTED_HEADERS.includes(h))).toEqual([]);
    expect(sheet.rows.map((r) => r['Mã hồ sơ'])).toEqual(items.map((i) => i.id));
    expect(new Set(sheet.rows.map((r) => r['Giới tính']))).toEqual(new Set(['Nam']));
    expect((await lastExport()).changes.after).toEqual({ filter: query, rows: items.length, restrictedRows: 0 });
    expect((await lastExport()).committee_id).toBe(C['TH-NS']);
  });

  it('gives an auditor above the restricted groups of the TH-managed files', async () => {
    const sheet = await sheetOf(await download('auditor.tw', '/cadres/export', { committeeId: C['TH-NS'] }));
    const items = await list('auditor.tw', `committeeId=${C['TH-NS']}`);
    expect(sheet.rows.map((r) => r['Mã hồ sơ'])).toEqual(items.map((i) => i.id));
    const thManaged = sheet.rows.filter((_, i) => items[i].managingCommitteeId === C.TH);
    // The demo fills in the restricted groups of these five files.
    expect(thManaged.filter((r) => RESTRICTED_HEADERS.some((h) => r[h] !== null)).length).toBe(thManaged.length);
  });

  it('answers 404 for a committee the caller cannot see and 400 naming a bad filter, as the list does, and audits nothing then', async () => {
    const before = (await api.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'CadreExport'`)).rows[0].n;
    expectProblem(await ask('admin.hn', '/cadres/export', { committeeId: C.TH }), 404, 'not-found');
    expectProblem(await ask('admin.ns', '/cadres/export', { committeeId: C['TH-TX'] }), 404, 'not-found');
    expectFieldError(await ask('admin.th', '/cadres/export', { gender: 'other' }), 'gender');
    expectFieldError(await ask('admin.th', '/cadres/export', { limit: 10 }), 'limit');
    expect((await api.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'CadreExport'`)).rows[0].n).toBe(before);
  });

  it('gives the structure table the same figures as its JSON', async () => {
    const query = { committeeId: C.TH };
    const json = (await ask('admin.th', '/reports/cadres-by-level-gender-age', query).expect(200)).body;
    const { lines } = await sheetOf(await download('admin.th', '/reports/cadres-by-level-gender-age/export', query));
    expect(lines[0][0]).toBe('Cơ cấu cán bộ theo cấp, giới tính và độ tuổi');
    expect(lines[1][0]).toBe('Phạm vi: Tỉnh ủy Thanh Hóa và các cấp ủy trực thuộc');
    const levels: { code: string; name: string }[] = (await ask('admin.th', '/committee-levels').expect(200)).body;
    const bands = ['under_30', '30_39', '40_49', '50_59', '60_plus'];
    const gender = { male: 'Nam', female: 'Nữ' } as Record<string, string>;
    for (const r of json.rows as { level: string; gender: string; ageBand: string; count: number }[]) {
      const line = lines.find((l) => l[0] === levels.find((v) => v.code === r.level)?.name && l[1] === gender[r.gender]);
      expect(line?.[2 + bands.indexOf(r.ageBand)]).toBe(r.count);
    }
    const total = lines.find((l) => l[0] === 'Tổng cộng');
    expect(total?.[7]).toBe(json.total);
    // Every cell of the table is accounted for by the JSON rows: the sheet's counts add up to the JSON total.
    const body = lines.filter((l) => typeof l[7] === 'number' && l[0] !== 'Tổng cộng');
    expect(body.reduce((sum, l) => sum + (l[7] as number), 0)).toBe(json.total);
  });

  it("gives the rotation and appraisal figures the same numbers as their JSON, and their routes' 404 and 400", async () => {
    const period = { from: `${new Date().getUTCFullYear()}-01-01`, to: `${new Date().getUTCFullYear()}-12-31` };
    const rot = (await ask('admin.th', '/reports/rotations', period).expect(200)).body;
    const rotSheet = await sheetOf(await download('admin.th', '/reports/rotations/export', period));
    const counts = (caption: string) => {
      const at = rotSheet.lines.findIndex((l) => l[0] === caption);
      const rows: number[] = [];
      for (let i = at + 2; i < rotSheet.lines.length && rotSheet.lines[i].length; i++) rows.push(rotSheet.lines[i][1] as number);
      return rows;
    };
    expect(counts('Tổng số')).toEqual([rot.total]);
    expect(counts('Theo hướng luân chuyển')).toEqual(rot.byDirection.map((r: { count: number }) => r.count));
    expect(counts('Theo loại luân chuyển')).toEqual(rot.byType.map((r: { count: number }) => r.count));
    expect(counts('Theo cấp của nơi đến')).toEqual(rot.byLevel.map((r: { count: number }) => r.count));
    expect(counts('Theo trạng thái')).toEqual(rot.byState.map((r: { count: number }) => r.count));
    expect(rotSheet.lines[2][0]).toBe(`Từ ngày 01/01/${period.from.slice(0, 4)} đến ngày 31/12/${period.from.slice(0, 4)}`);

    const stats = (await ask('auditor.tw', '/reports/appraisals', period).expect(200)).body;
    const statSheet = await sheetOf(await download('auditor.tw', '/reports/appraisals/export', period));
    const header = statSheet.lines.findIndex((l) => l[0] === 'Loại thẩm định');
    const table = statSheet.lines.slice(header + 1).map((l) => l.slice(1));
    const asRow = (c: { appraised: number; qualified: number; notConsidered: number; decided: number }) => [
      c.appraised,
      c.qualified,
      c.notConsidered,
      c.decided,
    ];
    expect(table).toEqual([...stats.byKind.map(asRow), asRow(stats.total)]);

    expectProblem(await ask('admin.hn', '/reports/rotations/export', { ...period, committeeId: C.TH }), 404);
    expectFieldError(await ask('admin.th', '/reports/appraisals/export', { from: period.to, to: period.from }), 'to');
    expectProblem(await ask('admin.hn', '/reports/cadres-by-level-gender-age/export', { committeeId: C.TH }), 404);
  });

  it('streams 100,000 files in keyset pages', async () => {
    // A committee of its own under TH-TX holds them, so the other cases keep the demo's figures.
    const [{ id, pre }] = (await api.db.query(`SELECT c.id, c.pre::int AS pre FROM committee c WHERE c.code = 'TH-TX'`)).rows;
    // Loaded without the running tallies' row trigger (100,000 updates of a few tally rows in one statement take
    // minutes); the export reads the files themselves, never the tallies.
    const client = await api.db.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL session_replication_role = replica`);
      await client.query(
        `INSERT INTO cadre (committee_id, committee_pre, managing_committee_id, managing_pre, full_name, gender, date_of_birth, ethnicity)
         SELECT $1, $2, $1, $2, 'Cán bộ Xuất ' || g, CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END, DATE '1970-01-01' + (g % 9000), 'Kinh'
           FROM generate_series(1, 100000) g`,
        [id, pre],
      );
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const expected = (await api.db.query(`SELECT count(*)::int AS n FROM cadre WHERE committee_id = $1 AND archived_at IS NULL`, [id]))
      .rows[0].n;
    const res = await download('admin.th', '/cadres/export', { committeeId: id, subtree: false });
    expect(res.status).toBe(200);
    // Counted with the streaming reader: the test holds no more of the workbook than the API does.
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(res.body as Buffer), {});
    let rows = 0;
    for await (const sheet of reader) for await (const row of sheet as AsyncIterable<unknown>) if (row) rows++;
    expect(rows).toBe(expected + 1);
    expect((await lastExport()).changes.after.rows).toBe(expected);
  }, 180_000);
});
