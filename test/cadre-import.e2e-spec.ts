import { Workbook } from 'exceljs';
import type { Response } from 'supertest';
import { TestApi, startApi } from './support/api';
import { createCadre } from './support/cadres';
import { expectFieldError, expectProblem } from './support/problems';

const TITLES = [
  'Họ và tên',
  'Giới tính',
  'Ngày sinh',
  'Dân tộc',
  'Tôn giáo',
  'Quê quán',
  'Ngày vào Đảng',
  'Ngày chính thức',
  'Trình độ chuyên môn',
  'Lý luận chính trị',
];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Cell = string | number | boolean | Date | null | { formula: string; result?: unknown };

/** A workbook whose first sheet holds `rows` (the header first), as the client would upload it. */
async function xlsx(rows: Cell[][], guide = false): Promise<Buffer> {
  const book = new Workbook();
  const sheet = book.addWorksheet('Cán bộ');
  for (const row of rows) sheet.addRow(row);
  if (guide) book.addWorksheet('Hướng dẫn').addRow(['Cột', 'Hướng dẫn']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A generated person (no real one): row i of a file, unique name per `tag` and i. */
const person = (tag: string, i: number): Cell[] => [
  `Trần Văn ${tag} ${i}`,
  i % 2 ? 'Nam' : 'Nữ',
  `${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/19${70 + (i % 25)}`,
  'Kinh',
  '',
  'Nga Sơn, Thanh Hóa',
  '',
  '',
  'Cử nhân Luật',
  'Trung cấp',
];

describe('importing cadre files from a spreadsheet', () => {
  let api: TestApi;
  let C: Record<string, string>;
  let admin: string;

  beforeAll(async () => {
    api = await startApi();
    C = api.committees;
    admin = await api.login('admin.th');
  });
  afterAll(() => api.close());

  const upload = (auth: string, committeeId: string, file: Buffer, name = 'can-bo.xlsx', query: Record<string, string> = {}) =>
    api
      .http()
      .post('/api/v1/cadres/import')
      .query({ committeeId, ...query })
      .set('authorization', auth)
      .attach('file', file, { filename: name, contentType: name.endsWith('.csv') ? 'text/csv' : XLSX });
  const count = async (committeeId: string, like: string): Promise<number> =>
    (await api.db.query(`SELECT count(*)::int AS n FROM cadre WHERE committee_id = $1 AND full_name LIKE $2`, [committeeId, like])).rows[0]
      .n;
  const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  };

  it('hands out a template whose header row it reads back, with a guide sheet; filled in, it imports', async () => {
    const res = await api.http().get('/api/v1/cadres/import/template').set('authorization', admin).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toContain(XLSX);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename=".+\.xlsx"/);
    const book = new Workbook();
    await book.xlsx.load(res.body as never);
    const [sheet, guide] = book.worksheets;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(TITLES);
    expect(guide.name).toBe('Hướng dẫn');
    expect(guide.getColumn(1).values).toEqual(expect.arrayContaining(TITLES));

    sheet.addRow(['Phạm Thị Mẫu', 'Nữ', new Date(Date.UTC(1980, 4, 17)), 'Mường', null, null, '02/09/2005', '02/09/2006', null, 'Cao cấp']);
    sheet.addRow(['Đỗ Văn Mẫu', 'Nam', '01/01/1979', 'Kinh']);
    const filled = Buffer.from(await book.xlsx.writeBuffer());
    const imported = await upload(admin, C.TH, filled, 'mau.xlsx').expect(200);
    expect(imported.body).toEqual({ imported: 2, rejected: 0, dryRun: false, errors: [], errorsNotListed: 0 });
    const rows = (
      await api.db.query(
        `SELECT full_name, gender, date_of_birth::text AS dob, ethnicity, party_join_date::text AS joined, party_official_date::text AS official,
                political_theory_level AS theory, committee_id, managing_committee_id FROM cadre WHERE full_name LIKE '% Mẫu' ORDER BY date_of_birth`,
      )
    ).rows;
    expect(rows).toEqual([
      expect.objectContaining({ full_name: 'Đỗ Văn Mẫu', gender: 'male', dob: '1979-01-01', joined: null }),
      expect.objectContaining({
        full_name: 'Phạm Thị Mẫu',
        gender: 'female',
        dob: '1980-05-17',
        ethnicity: 'Mường',
        joined: '2005-09-02',
        official: '2006-09-02',
        theory: 'advanced',
        committee_id: C.TH,
        managing_committee_id: C.TH,
      }),
    ]);
  });

  it('imports a good file in batches, each batch written in one transaction with its audit events', async () => {
    const n = 1100;
    const file = await xlsx([TITLES, ...Array.from({ length: n }, (_, i) => person('Lô', i))], true);
    const res = await upload(admin, C.TH, file).expect(200);
    expect(res.body).toEqual({ imported: n, rejected: 0, dryRun: false, errors: [], errorsNotListed: 0 });
    expect(await count(C.TH, 'Trần Văn Lô %')).toBe(n);
    // xmin is the writing transaction: each file's creation event was written by the very transaction that wrote the file.
    const { rows } = await api.db.query(
      `SELECT k.xmin::text AS tx, count(*)::int AS files, count(e.id)::int AS events,
              count(*) FILTER (WHERE e.xmin = k.xmin AND e.committee_id = $1 AND e.action = 'create')::int AS together
         FROM cadre k LEFT JOIN audit_event e ON e.entity_id = k.id AND e.entity_type = 'Cadre'
        WHERE k.full_name LIKE 'Trần Văn Lô %' GROUP BY 1 ORDER BY 2 DESC`,
      [C.TH],
    );
    expect(rows.map((r) => ({ files: r.files, events: r.events, together: r.together }))).toEqual([
      { files: 1000, events: 1000, together: 1000 },
      { files: 100, events: 100, together: 100 },
    ]);
  });

  it('reports exactly the bad rows, by row and field, and writes only the good ones (from .xlsx and from .csv)', async () => {
    await createCadre(api, admin, C.TH, { fullName: 'Lê Văn Đã Có', dateOfBirth: '1975-06-01' });
    const future = `01/01/${new Date().getUTCFullYear() + 1}`;
    const rows: Cell[][] = [
      TITLES,
      person('Trộn', 1), // 2
      ['Trần Văn Trộn 2', 'Khác', '02/02/1980', 'Kinh'], // 3 gender
      ['Trần Văn Trộn 3', 'Nam', '31/02/1980', 'Kinh'], // 4 date that does not exist
      ['Trần Văn Trộn 4', 'Nữ', future, 'Kinh'], // 5 born in the future
      [null, 'Nam', '02/02/1980', 'Kinh'], // 6 no name
      ['Trần Văn Trộn 6', 'Nam', '02/02/1980', 'Kinh', null, null, null, '02/02/2010'], // 7 official without joining
      person('Trộn', 1), // 8 the same person as row 2
      ['Lê Văn Đã Có', 'Nam', '01/06/1975', 'Kinh'], // 9 already on file in the committee
      [null, null, null, null], // 10 blank: skipped, not an error
      [{ formula: '"Trần Văn Trộn "&"10"', result: 'Trần Văn Trộn 10' }, 'Nam', 29000, 'Kinh', null, null, null, null, null, 'Tiến sĩ'], // 11 theory level
      ['Trần Văn Trộn 11', true, 12.5, 'Kinh'], // 12 wrong types: a boolean gender
      [{ formula: 'A1' }, 'Nam', '02/02/1980', 'Kinh'], // 13 a formula without a value
      ['Trần Văn Trộn 13', 'Nam', '1980-02-02', 'Kinh', null, 'x'.repeat(301)], // 14 hometown too long
    ];
    const expected = [
      { row: 3, field: 'gender', column: 'Giới tính' },
      { row: 4, field: 'dateOfBirth', column: 'Ngày sinh' },
      { row: 5, field: 'dateOfBirth', column: 'Ngày sinh' },
      { row: 6, field: 'fullName', column: 'Họ và tên' },
      { row: 7, field: 'partyOfficialDate', column: 'Ngày chính thức' },
      { row: 8, field: 'fullName', column: 'Họ và tên', code: 'duplicate' },
      { row: 9, field: 'fullName', column: 'Họ và tên', code: 'duplicate' },
      { row: 11, field: 'politicalTheoryLevel', column: 'Lý luận chính trị' },
      { row: 12, field: 'gender', column: 'Giới tính' },
      { row: 13, field: 'fullName', column: 'Họ và tên' },
      { row: 14, field: 'hometown', column: 'Quê quán' },
    ];
    const res = await upload(admin, C.TH, await xlsx(rows)).expect(200);
    expect(res.body).toMatchObject({ imported: 1, rejected: expected.length, dryRun: false, errorsNotListed: 0 });
    expect(
      res.body.errors.map(({ row, field, column, code }: Record<string, unknown>) => ({
        row,
        field,
        column,
        ...(code === 'duplicate' ? { code } : {}),
      })),
    ).toEqual(expected);
    expect(res.body.errors).toEqual(expected.map(() => expect.objectContaining({ message: expect.any(String) })));
    expect(res.body.errors.find((e: { row: number }) => e.row === 8).message).toContain('row 2');
    expect(res.body.errors.find((e: { row: number }) => e.row === 4).message).toContain('dd/mm/yyyy');
    expect(await count(C.TH, 'Trần Văn Trộn %')).toBe(1);

    // The same rows as CSV (UTF-8 with a BOM, semicolons, a quoted field): the same report, the good row now a duplicate.
    const text = (c: Cell) => (c === null ? '' : typeof c === 'object' && !(c instanceof Date) ? String(c.result ?? '') : String(c));
    const csv = '\uFEFF' + rows.map((r) => r.map((c) => `"${text(c).replace(/"/g, '""')}"`).join(';')).join('\r\n') + '\r\n';
    const again = await upload(admin, C.TH, Buffer.from(csv, 'utf8'), 'can-bo.csv').expect(200);
    expect(again.body.imported).toBe(0);
    // Text has no day numbers: 29000 and 12.5 are no dates there (rows 11 and 12 say so as well).
    expect(again.body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [2, 'fullName'],
      ...expected.flatMap((e) =>
        e.row === 11
          ? [
              [11, 'dateOfBirth'],
              [11, e.field],
            ]
          : e.row === 12
            ? [
                [12, e.field],
                [12, 'dateOfBirth'],
              ]
            : [[e.row, e.field]],
      ),
    ]);
  });

  it('dryRun=true judges every row and reports, writing nothing', async () => {
    const before = (
      await api.db.query(`SELECT (SELECT count(*) FROM cadre)::int AS files, (SELECT count(*) FROM audit_event)::int AS events`)
    ).rows[0];
    const file = await xlsx([TITLES, person('Thử', 1), person('Thử', 2), ['Trần Văn Thử 3', 'Nam', 'hôm qua', 'Kinh']]);
    const res = await upload(admin, C.TH, file, 'thu.xlsx', { dryRun: 'true' }).expect(200);
    expect(res.body).toMatchObject({ imported: 2, rejected: 1, dryRun: true, errors: [{ row: 4, field: 'dateOfBirth' }] });
    const after = (
      await api.db.query(`SELECT (SELECT count(*) FROM cadre)::int AS files, (SELECT count(*) FROM audit_event)::int AS events`)
    ).rows[0];
    expect(after).toEqual(before);
  });

  it('lists at most 1,000 errors and counts the rest', async () => {
    const bad = Array.from({ length: 1005 }, (_, i): Cell[] => [`Trần Văn Sai ${i}`, 'X', '01/01/1980', 'Kinh']);
    const res = await upload(admin, C.TH, await xlsx([TITLES, ...bad]), 'sai.xlsx', { dryRun: 'true' }).expect(200);
    expect(res.body).toMatchObject({ imported: 0, rejected: 1005, errorsNotListed: 5 });
    expect(res.body.errors).toHaveLength(1000);
  });

  it('asks what POST /cadres asks: 404 for a committee out of sight, 403 where the caller may not open files', async () => {
    const file = await xlsx([TITLES, person('Quyền', 1)]);
    // admin.th sees Nga Sơn, but its files are managed by Nga Sơn's own board.
    expectProblem(await upload(admin, C['TH-NS'], file), 403, 'forbidden');
    expectProblem(await upload(await api.login('admin.hn'), C.TH, file), 404, 'not-found');
    const secretary = await api.login('secretary.th');
    expectProblem(await upload(secretary, C.TH, file), 403, 'forbidden');
    expectProblem(await api.http().get('/api/v1/cadres/import/template').set('authorization', secretary), 403);
    expectProblem(await api.http().post('/api/v1/cadres/import').query({ committeeId: C.TH }).attach('file', file, 'a.xlsx'), 401);
    expect(await count(C['TH-NS'], 'Trần Văn Quyền %')).toBe(0);
    expect(await count(C.TH, 'Trần Văn Quyền %')).toBe(0);
    // Nga Sơn's board may.
    expect((await upload(await api.login('admin.ns'), C['TH-NS'], file).expect(200)).body.imported).toBe(1);
  });

  it('answers a file it cannot take with a 400 naming the file (or its columns), never a 500', async () => {
    const http = () => api.http().post('/api/v1/cadres/import').query({ committeeId: C.TH }).set('authorization', admin);
    expectFieldError(await http().field('note', 'x'), 'file');
    expectFieldError(await http().send({ file: 'x' }), 'file');
    expectFieldError(await http().attach('upload', await xlsx([TITLES]), 'a.xlsx'), 'file');
    expectFieldError(await upload(admin, C.TH, Buffer.from('%PDF-1.4 not a sheet'), 'can-bo.pdf'), 'file');
    expectFieldError(await upload(admin, C['TH'], Buffer.from('x'), 'a.xlsx'), 'file');
    const garbage = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256));
    expectFieldError(await upload(admin, C.TH, garbage, 'rac.xlsx'), 'file');
    expectFieldError(await upload(admin, C.TH, garbage, 'rac.csv'), 'file');
    // A zip that is no workbook, and a workbook cut short.
    const whole = await xlsx([TITLES, person('Cụt', 1)]);
    expectFieldError(await upload(admin, C.TH, Buffer.concat([whole.subarray(0, 30), Buffer.alloc(200)]), 'cut.xlsx'), 'file');
    expectFieldError(await upload(admin, C.TH, whole.subarray(0, Math.floor(whole.length / 2)), 'half.xlsx'), 'file');
    // Empty: no sheet content, no rows at all, an empty CSV.
    expectFieldError(await upload(admin, C.TH, await xlsx([])), 'file');
    expectFieldError(await upload(admin, C.TH, Buffer.alloc(0), 'empty.csv'), 'file');
    // Headers it does not know, or without the required ones: named.
    const unknown = await upload(admin, C.TH, await xlsx([[...TITLES, 'Chức vụ'], person('Cột', 1)]));
    expectFieldError(unknown, 'file');
    expect(unknown.body.errors[0].message).toContain('"Chức vụ"');
    const missing = await upload(admin, C.TH, await xlsx([TITLES.filter((t) => t !== 'Ngày sinh' && t !== 'Dân tộc')]));
    expectFieldError(missing, 'file');
    expect(missing.body.errors[0].message).toMatch(/missing columns: "Ngày sinh", "Dân tộc"/);
    expect(await count(C.TH, 'Trần Văn C%')).toBe(0);
  });

  it('answers a file damaged part-way through, after batches were written, with what was written', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) =>
      person('Dở', i)
        .map((c) => `"${String(c)}"`)
        .join(','),
    );
    const csv = Buffer.concat([Buffer.from([TITLES.join(','), ...lines, ''].join('\n'), 'utf8'), Buffer.from([0xff, 0xfe, 0x0a])]);
    const res = await upload(admin, C.TH, csv, 'do.csv');
    expectProblem(res, 400, 'import-interrupted');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
    expect(res.body.imported).toBeGreaterThanOrEqual(1000);
    expect(await count(C.TH, 'Trần Văn Dở %')).toBe(res.body.imported);
  });

  it('refuses a file over its size limit (413) before reading it', async () => {
    const big = Buffer.alloc(51 * 2 ** 20, 'x');
    const res = await upload(admin, C.TH, big, 'lon.csv').catch((error: { response?: Response }) => error.response);
    // Refused on its Content-Length, possibly before supertest has sent it all (hence the answer read from the error too).
    expect(res).toBeDefined();
    expectProblem(res as Response, 413, 'payload-too-large');
    expect(await count(C.TH, 'x%')).toBe(0);
  });

  it('passes over a million blank lines and formatted empty rows without counting them', async () => {
    const line = (cells: Cell[]) => cells.map((c) => `"${String(c)}"`).join(',');
    const csv = Buffer.from(`${TITLES.join(',')}\n${'\n'.repeat(1_000_000)}${line(person('Trống', 1))}\n${',,,\r\n'.repeat(1000)}`, 'utf8');
    const res = await upload(admin, C.TH, csv, 'trong.csv', { dryRun: 'true' }).expect(200);
    expect(res.body).toMatchObject({ imported: 1, rejected: 0, errors: [] });
    const book = new Workbook();
    const sheet = book.addWorksheet('Cán bộ');
    sheet.addRow(TITLES);
    for (let r = 2; r <= 20_000; r++) sheet.getCell(r, 3).numFmt = 'dd/mm/yyyy';
    sheet.addRow(person('Trống', 2));
    const formatted = await upload(admin, C.TH, Buffer.from(await book.xlsx.writeBuffer()), 'trong.xlsx', { dryRun: 'true' }).expect(200);
    expect(formatted.body).toMatchObject({ imported: 1, rejected: 0, errors: [] });
  });

  it('keeps multipart bodies to the import: elsewhere they are still a 415', async () => {
    const res = await api.http().post('/api/v1/cadres').set('authorization', admin).field('fullName', 'Trần Văn Form');
    expectProblem(res, 415, 'unsupported-media-type');
  });
});
