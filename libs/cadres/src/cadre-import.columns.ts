import { ImportedField } from './cadre-fields';

/** How a cell is read into the field POST /cadres takes (the DTO then judges the value, as for a request). */
type Kind = 'text' | 'date' | 'gender' | 'theory';

export interface ImportColumn {
  field: ImportedField;
  /** The header the template writes and the import reads (matched without regard to case or spacing). */
  title: string;
  kind: Kind;
  required: boolean;
  /** What the guide sheet says about the column. */
  guide: string;
}

const column = (field: ImportedField, title: string, kind: Kind, required: boolean, guide: string): ImportColumn => ({
  field,
  title,
  kind,
  required,
  guide,
});

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  column('fullName', 'Họ và tên', 'text', true, 'Bắt buộc; 2–200 ký tự.'),
  column('gender', 'Giới tính', 'gender', true, 'Bắt buộc; "Nam" hoặc "Nữ".'),
  column(
    'dateOfBirth',
    'Ngày sinh',
    'date',
    true,
    'Bắt buộc; dd/mm/yyyy (ví dụ 05/09/1978) hoặc ô kiểu ngày của Excel; không sau hôm nay.',
  ),
  column('ethnicity', 'Dân tộc', 'text', true, 'Bắt buộc; ví dụ "Kinh", "Mường", "Thái"; tối đa 100 ký tự.'),
  column('religion', 'Tôn giáo', 'text', false, 'Không bắt buộc; tối đa 100 ký tự.'),
  column('hometown', 'Quê quán', 'text', false, 'Không bắt buộc; tối đa 300 ký tự.'),
  column('partyJoinDate', 'Ngày vào Đảng', 'date', false, 'Không bắt buộc; dd/mm/yyyy hoặc ô kiểu ngày; sau ngày sinh, không sau hôm nay.'),
  column('partyOfficialDate', 'Ngày chính thức', 'date', false, 'Không bắt buộc; cần có Ngày vào Đảng và không trước ngày đó.'),
  column('educationLevel', 'Trình độ chuyên môn', 'text', false, 'Không bắt buộc; ví dụ "Thạc sĩ Quản lý công"; tối đa 200 ký tự.'),
  column('politicalTheoryLevel', 'Lý luận chính trị', 'theory', false, 'Không bắt buộc; "Sơ cấp", "Trung cấp", "Cao cấp" hoặc "Cử nhân".'),
];

/** A header or a word as it is compared: composed Unicode, lower case, single spaces. */
export const normalTitle = (s: string): string => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

const BY_TITLE = new Map(IMPORT_COLUMNS.map((c) => [normalTitle(c.title), c]));

/** Which column each cell of the header row is (undefined for a blank header cell), or what is wrong with the header. */
export function readHeader(cells: readonly unknown[]): { columns: (ImportColumn | undefined)[]; problems: string[] } {
  const titles = cells.map((c) => textOf(plain(c)) ?? '');
  const columns = titles.map((t) => (t ? BY_TITLE.get(normalTitle(t)) : undefined));
  const unknown = titles.filter((t, i) => t && !columns[i]);
  const twice = IMPORT_COLUMNS.filter((c) => columns.filter((x) => x === c).length > 1).map((c) => c.title);
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !columns.includes(c)).map((c) => c.title);
  const problems: string[] = [];
  // Names a client typed, cut short: the header is theirs to see, but it is echoed only so far.
  if (unknown.length) problems.push(`unknown columns: ${unknown.map((t) => `"${t.slice(0, 60)}"`).join(', ')}`);
  if (twice.length) problems.push(`columns given twice: ${twice.map((t) => `"${t}"`).join(', ')}`);
  if (missing.length) problems.push(`missing columns: ${missing.map((t) => `"${t}"`).join(', ')}`);
  return { columns, problems };
}

/**
 * A cell as a plain value: exceljs hands formulas (their cached result), rich text, hyperlinks and
 * errors as objects; a CSV field is a string already.
 */
function plain(value: unknown): string | number | boolean | Date | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value !== 'object') return undefined;
  const v = value as { result?: unknown; richText?: { text?: unknown }[]; text?: unknown; error?: unknown; formula?: unknown };
  if ('formula' in v || 'sharedFormula' in v) return plain(v.result);
  if (Array.isArray(v.richText)) return v.richText.map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
  if (typeof v.text === 'string') return v.text;
  // An Excel error (#N/A, #VALUE!) is shown as Excel shows it, so the row's error names it.
  if (typeof v.error === 'string') return v.error;
  return undefined;
}

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Excel's day numbers count from 30 December 1899 (its 1900 leap-year bug included); 2958465 is 31/12/9999. */
const fromSerial = (n: number) => new Date(Date.UTC(1899, 11, 30) + Math.floor(n) * 86_400_000).toISOString().slice(0, 10);

function textOf(v: ReturnType<typeof plain>): string | undefined {
  if (v === undefined) return undefined;
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
  return s === '' ? undefined : s;
}

/** dd/mm/yyyy (or with - or .), an ISO date, an Excel date cell or day number; anything else as it was written (the DTO refuses it). */
function dateOf(v: ReturnType<typeof plain>): string | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'invalid' : v.toISOString().slice(0, 10);
  if (typeof v === 'number' && v >= 1 && v <= 2958465) return fromSerial(v);
  const s = textOf(v);
  const dmy = s && /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  return dmy ? iso(Number(dmy[3]), Number(dmy[2]), Number(dmy[1])) : s;
}

const GENDER: Record<string, string> = { nam: 'male', nữ: 'female', nu: 'female', male: 'male', female: 'female' };
const THEORY: Record<string, string> = {
  'sơ cấp': 'elementary',
  'trung cấp': 'intermediate',
  'cao cấp': 'advanced',
  'cử nhân': 'bachelor',
  'cử nhân chính trị': 'bachelor',
  elementary: 'elementary',
  intermediate: 'intermediate',
  advanced: 'advanced',
  bachelor: 'bachelor',
};

/** A cell read for its column: text the DTO will judge, or undefined for an empty cell (an optional field not given). */
export function cellValue(column: ImportColumn, cell: unknown): string | undefined {
  const v = plain(cell);
  switch (column.kind) {
    case 'date':
      return dateOf(v);
    case 'gender': {
      const s = textOf(v);
      return s && (GENDER[normalTitle(s)] ?? s);
    }
    case 'theory': {
      const s = textOf(v);
      return s && (THEORY[normalTitle(s)] ?? s);
    }
    default:
      return textOf(v);
  }
}

/** Whether a row has anything in it (Excel keeps formatted but empty rows; a CSV may end with blank lines). */
export const isBlankRow = (cells: readonly unknown[]): boolean => cells.every((c) => textOf(plain(c)) === undefined);
