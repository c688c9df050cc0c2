import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { stream as excel, type Worksheet } from 'exceljs';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { Get, applyDecorators } from '@nestjs/common';

/** The media type of an .xlsx workbook. */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Vietnamese date format of every date cell (the cells hold real dates, so Excel sorts and filters them). */
export const XLSX_DATE_FORMAT = 'dd/mm/yyyy';

/** What the helper needs of Fastify's reply (the controller passes it with `@Res()`). */
export interface XlsxReply {
  header(name: string, value: string): unknown;
  send(payload: unknown): unknown;
}

export type XlsxWorkbook = excel.xlsx.WorkbookWriter;

/** An `/export` route (GET `path`): documented as 200 with a workbook attachment. */
export const XlsxExport = (path: string, summary: string) =>
  applyDecorators(
    Get(path),
    ApiOperation({ summary }),
    ApiProduces(XLSX_MEDIA_TYPE),
    ApiOkResponse({
      description: 'The workbook (attachment)',
      content: { [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } } },
    }),
  );

/** A date of the API ('YYYY-MM-DD', or a timestamp) as the cell value: midnight UTC, which Excel shows as that day. */
export function xlsxDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** `<stem>-YYYY-MM-DD.xlsx`: ASCII, so every browser keeps the name as it is. */
export const xlsxFilename = (stem: string, on: Date = new Date()): string => `${stem}-${on.toISOString().slice(0, 10)}.xlsx`;

/**
 * Streams a workbook as the answer: the headers go out, then `write` adds sheets and rows, each row
 * committed (written out and dropped) as it comes. `pace` waits while the client has not taken what was
 * written, so a long export reads its next page from the database only as fast as the client downloads.
 * Whatever may fail with a problem answer (validation, a committee the caller cannot see) must be decided
 * before calling: once the headers are out, a failure can only cut the download short (the archive
 * is then unreadable, never a truncated file that looks whole).
 */
export async function sendXlsx(
  reply: XlsxReply,
  filename: string,
  write: (book: XlsxWorkbook, pace: () => Promise<void>) => Promise<void>,
): Promise<void> {
  const out = new PassThrough();
  reply.header('content-type', XLSX_MEDIA_TYPE);
  reply.header('content-disposition', `attachment; filename="${filename}"`);
  reply.header('cache-control', 'no-store');
  reply.send(out);
  const book = new excel.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const pace = async () => {
    if (out.writableNeedDrain) await once(out, 'drain');
  };
  try {
    await write(book, pace);
    await book.commit();
  } catch (err) {
    out.destroy(err as Error);
    throw err;
  }
}

export interface XlsxColumn {
  header: string;
  width?: number;
  /** Date columns get the Vietnamese date format. */
  date?: boolean;
}

/** A sheet with a bold, frozen header row of `columns`; add rows with `addRow(values).commit()`. */
export function xlsxTable(book: XlsxWorkbook, name: string, columns: readonly XlsxColumn[]): Worksheet {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    key: String(i),
    header: c.header,
    width: c.width ?? (c.date ? 12 : 20),
    style: c.date ? { numFmt: XLSX_DATE_FORMAT } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

/** One table of figures: a caption, its column titles and its rows. */
export interface FigureTable {
  caption: string;
  columns: readonly string[];
  rows: readonly (readonly (string | number)[])[];
}

/** 'YYYY-MM-DD' as Vietnamese text (dd/mm/yyyy), for lines of text rather than date cells. */
export const vnDate = (iso: string): string => iso.slice(0, 10).split('-').reverse().join('/');

/** What a figures screen showed: its title, its scope and period, its tables. */
export interface Figures {
  /** The sheet's name (at most 31 characters). */
  sheet: string;
  title: string;
  /** The committee filter's name (null: everything the caller sees) and whether it took the committees below. */
  scope: { committee: string | null; subtree: boolean };
  period?: { from: string; to: string };
  /** The day the figures stand at (today unless said). */
  asOf?: string;
  tables: readonly FigureTable[];
}

/** The scope and period of a period report's view (its filter as the API echoes it), for Figures. */
export const coverage = (
  view: { from: string; to: string; subtree: boolean },
  committee: string | null,
): Pick<Figures, 'scope' | 'period'> => ({ scope: { committee, subtree: view.subtree }, period: { from: view.from, to: view.to } });

/**
 * The sheet of a figures screen: a title, lines saying what the figures cover (scope, period, day),
 * then each table under its caption, a blank row between tables. Every report's export goes through it.
 */
export function writeFigures(book: XlsxWorkbook, figures: Figures): void {
  const sheet = book.addWorksheet(figures.sheet);
  const width = Math.max(2, ...figures.tables.map((t) => t.columns.length));
  sheet.columns = Array.from({ length: width }, (_, i) => ({ key: String(i), width: i === 0 ? 36 : 16 }));
  sheet.addRow([figures.title]).font = { bold: true, size: 14 };
  const { committee, subtree } = figures.scope;
  sheet.addRow([
    committee
      ? `Phạm vi: ${committee}${subtree ? ' và các cấp ủy trực thuộc' : ''}`
      : 'Phạm vi: tất cả cấp ủy trong phạm vi của người xuất',
  ]);
  if (figures.period) sheet.addRow([`Từ ngày ${vnDate(figures.period.from)} đến ngày ${vnDate(figures.period.to)}`]);
  sheet.addRow([`Số liệu tính đến ngày ${vnDate(figures.asOf ?? new Date().toISOString())}`]);
  for (const table of figures.tables) {
    sheet.addRow([]);
    sheet.addRow([table.caption]).font = { bold: true };
    sheet.addRow([...table.columns]).font = { bold: true };
    for (const row of table.rows) sheet.addRow([...row]);
  }
  sheet.commit();
}

/** Answers one figures screen as a workbook of one sheet. */
export const sendFigures = (reply: XlsxReply, stem: string, figures: Figures): Promise<void> =>
  sendXlsx(reply, xlsxFilename(stem), async (book) => writeFigures(book, figures));
