import { openAsBlob } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Workbook, stream as excelStream } from 'exceljs';
import { Pool } from 'pg';
import { Check, record } from './lib/report';
import { startApi } from './lib/servers';

const ROWS = 100_000;
const fmt = (n: number, digits = 1) => n.toFixed(digits);
const MB = 2 ** 20;

// Generated people: syllables put together, never a real person's record.
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Quang', 'Ngọc', 'Hữu'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Giang', 'Hà', 'Khánh', 'Lan', 'Mai', 'Nam', 'Phong', 'Quân', 'Sơn', 'Tâm', 'Vy'];
const THEORY = ['Sơ cấp', 'Trung cấp', 'Cao cấp', 'Cử nhân', null];
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Row `n` of the sheet (the header is row 1): a valid cadre, except on the rows `invalid` says, which
 * break one rule each (a gender the import does not know, a date that does not exist, a birth in the
 * future, an official date without joining, or the person of the row before again).
 */
function rowOf(run: string, n: number, invalid: Map<number, string>): Record<string, string | Date | null> {
  const i = n - 2;
  const row: Record<string, string | Date | null> = {
    'Họ và tên': `${FAMILY[i % 10]} ${MIDDLE[(i >> 3) % 8]} ${GIVEN[i % 15]} Nhập ${run} ${i}`,
    'Giới tính': i % 2 ? 'Nam' : 'Nữ',
    'Ngày sinh': new Date(Date.UTC(1960 + (i % 40), i % 12, (i % 28) + 1)),
    'Dân tộc': i % 50 ? 'Kinh' : 'Mường',
    'Quê quán': 'Xã Nhập, huyện Thử',
    'Ngày vào Đảng': i % 3 ? `${pad((i % 28) + 1)}/${pad((i % 12) + 1)}/${2000 + (i % 20)}` : null,
    'Trình độ chuyên môn': 'Cử nhân',
    'Lý luận chính trị': THEORY[i % 5],
  };
  switch (invalid.get(n)) {
    case 'gender':
      row['Giới tính'] = 'Khác';
      break;
    case 'dateOfBirth':
      row['Ngày sinh'] = i % 2 ? '31/02/1980' : `01/01/${new Date().getUTCFullYear() + 1}`;
      row['Ngày vào Đảng'] = null; // so that the birth date is the row's one error
      break;
    case 'partyOfficialDate':
      row['Ngày vào Đảng'] = null;
      row['Ngày chính thức'] = '02/09/2010';
      break;
    case 'fullName': {
      // The previous row's person: a duplicate within the file.
      const before = rowOf(run, n - 1, new Map());
      row['Họ và tên'] = before['Họ và tên'];
      row['Ngày sinh'] = before['Ngày sinh'];
      break;
    }
  }
  return row;
}

/** The invalid rows, by row number, with the field each is refused on: a few hundred, spread over the file. */
function invalidRows(): Map<number, string> {
  const fields = ['gender', 'dateOfBirth', 'partyOfficialDate', 'fullName'];
  const rows = new Map<number, string>();
  for (let k = 0; k < 600; k++) rows.set(3 + k * 166, fields[k % fields.length]);
  return rows;
}

/**
 * The sheet written as exceljs streams it (no workbook in this process's memory either), under the
 * template's own header row; the columns are the template's, in its order (rowOf's cells follow it).
 */
async function writeSheet(path: string, header: string[], run: string, invalid: Map<number, string>): Promise<void> {
  const book = new excelStream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const sheet = book.addWorksheet('Cán bộ');
  sheet.columns = header.map((title) => ({ header: title, width: 18, style: title.startsWith('Ngày') ? { numFmt: 'dd/mm/yyyy' } : {} }));
  const missing = Object.keys(rowOf(run, 2, invalid)).filter((title) => !header.includes(title));
  if (missing.length) throw new Error(`the template has no column ${missing.join(', ')}`);
  for (let n = 2; n <= ROWS + 1; n++) {
    const row = rowOf(run, n, invalid);
    sheet.addRow(header.map((title) => row[title] ?? null)).commit();
  }
  sheet.commit();
  await book.commit();
}

/** Resident memory of a process, from /proc (Linux). */
async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
}

interface Report {
  imported: number;
  rejected: number;
  errors: { row: number; field: string }[];
  errorsNotListed: number;
}

/**
 * bench.md `import`: an .xlsx of 100,000 generated cadres (600 of them invalid) uploaded to the built
 * API, as a district admin, into its committee of the scale data set: timed from the first byte sent
 * to the report, the API process's resident memory sampled every 100 ms meanwhile. Then the report is
 * checked (every row accounted for, exactly the invalid rows reported, on their field), and the files
 * the run opened are deleted again (their audit events stay: the trail is append-only).
 */
export async function importScenario(db: Pool, databaseUrl: string, password: string, command: string): Promise<boolean> {
  const [admin] = (
    await db.query<{ username: string; committee_id: string; code: string; files: number }>(`
      SELECT u.username, c.id AS committee_id, c.code, (SELECT count(*) FROM cadre k WHERE k.committee_id = c.id)::int AS files
        FROM app_user u JOIN role_assignment ra ON ra.user_id = u.id AND ra.role = 'admin' AND ra.revoked_at IS NULL
        JOIN committee c ON c.id = ra.committee_id AND c.level_code = 'district' AND c.status = 'active'
       ORDER BY c.pre LIMIT 1`)
  ).rows;
  if (!admin) throw new Error('no district admin in the scale data set');
  const run = `${process.pid}${Date.now() % 100000}`;
  const invalid = invalidRows();
  const dir = await mkdtemp(join(tmpdir(), 'canbo-import-'));
  const path = join(dir, 'can-bo.xlsx');
  const api = await startApi(databaseUrl);
  try {
    const login = await fetch(`${api.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: admin.username, password }),
    });
    if (!login.ok) throw new Error(`login ${admin.username}: ${login.status}`);
    const token = `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`;
    const template = await fetch(`${api.url}/api/v1/cadres/import/template`, { headers: { authorization: token } });
    if (!template.ok) throw new Error(`template: ${template.status}`);
    const book = new Workbook();
    await book.xlsx.load(await template.arrayBuffer());
    const header = (book.worksheets[0].getRow(1).values as string[]).slice(1);
    await writeSheet(path, header, run, invalid);
    const blob = await openAsBlob(path);

    const pid = api.pid as number;
    const baseline = await rssOf(pid);
    let peak = baseline;
    const sampler = setInterval(() => {
      rssOf(pid).then(
        (rss) => (peak = Math.max(peak, rss)),
        () => undefined,
      );
    }, 100);
    const form = new FormData();
    form.append('file', blob, 'can-bo.xlsx');
    const t = performance.now();
    const res = await fetch(`${api.url}/api/v1/cadres/import?committeeId=${admin.committee_id}`, {
      method: 'POST',
      headers: { authorization: token },
      body: form,
    });
    const body = (await res.json()) as Report;
    const seconds = (performance.now() - t) / 1000;
    clearInterval(sampler);
    if (!res.ok) throw new Error(`import: ${res.status} ${JSON.stringify(body)}`);

    const [{ n: inserted }] = (
      await db.query(`SELECT count(*)::int AS n FROM cadre WHERE committee_id = $1 AND full_name LIKE $2`, [
        admin.committee_id,
        `% Nhập ${run} %`,
      ])
    ).rows;
    // The run's own files go, leaving the scale set as it was (the tallies follow by trigger). A thousand at a
    // time, each batch followed by a vacuum of the tallies: their row trigger updates the same few tally rows
    // once per file, and with autovacuum off (as on the bench machine) the dead versions pile up until each
    // update crawls — one statement over 100,000 rows ran for more than ten minutes.
    for (;;) {
      const { rowCount } = await db.query(
        `DELETE FROM cadre WHERE id IN (SELECT id FROM cadre WHERE committee_id = $1 AND full_name LIKE $2 LIMIT 1000)`,
        [admin.committee_id, `% Nhập ${run} %`],
      );
      await db.query(`VACUUM cadre_tally, cadre_age_tally`);
      if (!rowCount) break;
    }

    const reported = new Set(body.errors.map((e) => `${e.row}:${e.field}`));
    const expected = new Set([...invalid].map(([row, field]) => `${row}:${field}`));
    const wrong = [...expected].filter((e) => !reported.has(e)).length + [...reported].filter((e) => !expected.has(e)).length;
    const growth = (peak - baseline) / MB;
    const checks: Check[] = [
      { what: 'import of 100,000 rows (upload to report)', value: `${fmt(seconds)} s`, target: '< 120 s', ok: seconds < 120 },
      {
        what: 'API resident memory: peak growth over its start',
        value: `${fmt(growth)} MB (${fmt(baseline / MB)} → ${fmt(peak / MB)} MB)`,
        target: '≤ 200 MB (streaming)',
        ok: growth <= 200,
      },
      {
        what: 'rows accounted for; the invalid ones reported, on their field',
        value: `${body.imported} imported + ${body.rejected} rejected; ${body.errors.length} reported (${body.errorsNotListed} unlisted), ${wrong} wrong; ${inserted} files written`,
        target: `${ROWS - invalid.size} + ${invalid.size} = ${ROWS}; ${invalid.size}, 0 wrong; ${ROWS - invalid.size}`,
        ok:
          body.imported + body.rejected === ROWS &&
          body.rejected === invalid.size &&
          body.errorsNotListed === 0 &&
          wrong === 0 &&
          inserted === ROWS - invalid.size,
      },
    ];
    return record(
      'import',
      command,
      [
        `${admin.username} into ${admin.code} (${admin.files} files before), an .xlsx of ${ROWS} generated rows (${fmt(blob.size / MB)} MB, ${invalid.size} invalid), one upload to the built API`,
        `${fmt(ROWS / seconds, 0)} rows/s; the run's files deleted again afterwards`,
      ],
      checks,
    );
  } finally {
    await api.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
