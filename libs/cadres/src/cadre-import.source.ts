import { PassThrough, Readable } from 'node:stream';
import { stream as excelStream } from 'exceljs';

/** One row of the sheet: its number as the spreadsheet shows it, and its cells from column A. */
export interface SheetRow {
  row: number;
  cells: unknown[];
}

/** The file cannot be read as what it claims to be; the import answers 400 naming `file`. */
export class UnreadableFileError extends Error {}

/** Longest CSV record taken (characters): a file without line ends is not a sheet, and is not held whole. */
const MAX_RECORD = 1 << 20;

/**
 * The rows of the workbook's first worksheet, read as the upload arrives (exceljs's streaming reader:
 * no workbook in memory; a sheet stored ahead of its shared strings waits in a temporary file). The
 * other sheets (the template's guide) are passed over.
 */
async function* xlsxRows(input: Readable): AsyncGenerator<SheetRow> {
  // exceljs pipes what it is given into its unzipper, and a pipe does not pass errors on: a failing
  // upload (over its size limit) would leave it waiting. So the upload feeds a stream of our own, which
  // simply ends when the upload fails or is no zip (an .xlsx starts with a zip's local file header);
  // the failure is then thrown here, whatever exceljs made of the short input.
  let failure: unknown;
  const feed = new PassThrough();
  let started = false;
  const stop = (error: unknown) => {
    failure ??= error;
    input.unpipe(feed);
    feed.end();
  };
  // The first chunk is looked at before anything is piped: what is refused never reaches the unzipper.
  input.once('data', (chunk: Buffer) => {
    started = true;
    if (chunk.length < 4 || chunk.readUInt32LE(0) !== 0x04034b50) {
      stop(new UnreadableFileError('not an .xlsx file'));
      input.resume();
      return;
    }
    feed.write(chunk);
    input.pipe(feed);
  });
  input.once('end', () => (started ? undefined : stop(new UnreadableFileError('the file is empty'))));
  input.once('error', stop);
  // styles cached: that is how a date cell is told from a number.
  const reader = new excelStream.xlsx.WorkbookReader(feed, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    yield* firstSheet(reader);
  } catch (error) {
    throw failure ?? error;
  }
  if (failure) throw failure;
}

async function* firstSheet(reader: AsyncIterable<AsyncIterable<unknown>>): AsyncGenerator<SheetRow> {
  let first = true;
  for await (const sheet of reader) {
    if (!first) continue;
    first = false;
    for await (const row of sheet) {
      const values = (row as { values: unknown[] }).values;
      yield {
        row: (row as { number: number }).number,
        cells: Array.from({ length: Math.max(values.length - 1, 0) }, (_, i) => values[i + 1]),
      };
    }
  }
  if (first) throw new UnreadableFileError('the workbook has no worksheet');
}

/** RFC 4180 records of UTF-8 text (TextDecoder drops a leading BOM), comma- or semicolon-separated as the first line shows. */
async function* csvRows(input: Readable): AsyncGenerator<SheetRow> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let separator: string | undefined;
  let field = '';
  let record: string[] = [];
  let size = 0;
  let quoted = false;
  let afterQuote = false;
  let row = 0;
  let pendingCR = false;
  const decode = (chunk?: Buffer): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new UnreadableFileError('a .csv file must be UTF-8 text');
    }
  };
  const endField = () => {
    record.push(field);
    field = '';
    afterQuote = false;
  };
  for await (const chunk of input as AsyncIterable<Buffer>) {
    const text = decode(chunk);
    const out: SheetRow[] = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (separator === undefined) {
        // The first line decides: Excel in a Vietnamese locale writes semicolons.
        const line = text.slice(i, text.indexOf('\n', i) < 0 ? undefined : text.indexOf('\n', i));
        separator = (line.match(/;/g)?.length ?? 0) > (line.match(/,/g)?.length ?? 0) ? ';' : ',';
      }
      if (pendingCR) {
        pendingCR = false;
        if (ch === '\n') continue;
      }
      if (++size > MAX_RECORD) throw new UnreadableFileError(`a line longer than ${MAX_RECORD} characters`);
      if (quoted) {
        if (ch !== '"') field += ch;
        else if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else if (ch === '"' && field === '' && !afterQuote) quoted = true;
      else if (ch === separator) endField();
      else if (ch === '\n' || ch === '\r') {
        endField();
        out.push({ row: ++row, cells: record });
        record = [];
        size = 0;
        pendingCR = ch === '\r';
      } else field += ch;
    }
    yield* out;
  }
  decode();
  if (field !== '' || record.length) {
    endField();
    yield { row: ++row, cells: record };
  }
}

export type SheetKind = 'xlsx' | 'csv';

/** What kind of sheet a file is, by its name; undefined for anything else. */
export function kindOf(filename: string): SheetKind | undefined {
  const ext = /\.([A-Za-z]+)$/.exec(filename)?.[1]?.toLowerCase();
  return ext === 'xlsx' ? 'xlsx' : ext === 'csv' ? 'csv' : undefined;
}

/** The rows of an uploaded sheet, in order, read as they arrive. */
export function sheetRows(kind: SheetKind, input: Readable): AsyncGenerator<SheetRow> {
  return kind === 'xlsx' ? xlsxRows(input) : csvRows(input);
}
