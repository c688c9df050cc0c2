import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Workbook } from 'exceljs';
import { AuditService } from '@canbo/audit';
import { FieldError, Problem, ValidationProblem, flattenValidationErrors } from '@canbo/platform';
import { CadreImportErrorView, CadreImportReportView, CreateCadreDto } from './cadre.dto';
import { ImportedField, checkDates } from './cadre-fields';
import { IMPORT_COLUMNS, ImportColumn, cellValue, isBlankRow, readHeader } from './cadre-import.columns';
import { SheetKind, UnreadableFileError, sheetRows } from './cadre-import.source';
import { toView } from './cadre.mappers';
import { CadrePlacement, CadreRepository } from './cadre.repository';
import { CadreChanges } from './cadre-changes.service';
import { CadreTotalsCache } from './cadre-totals.cache';

/** Rows written per transaction (one INSERT, one audit append): big enough to be quick, small enough to hold little. */
export const IMPORT_BATCH = 1000;
/** Row errors listed in a report; the rest are counted. */
export const IMPORT_ERRORS_LISTED = 1000;

const TITLE_OF = new Map<string, string>(IMPORT_COLUMNS.map((c) => [c.field, c.title]));
const DATE_COLUMNS = new Set(IMPORT_COLUMNS.filter((c) => c.kind === 'date').map((c) => c.field as string));

type ImportedFile = Partial<Record<ImportedField, string>>;
interface Checked {
  row: number;
  file: ImportedFile & { fullName: string; dateOfBirth: string };
}

const fileProblem = (message: string) => new ValidationProblem([{ field: 'file', message }]);
const keyOf = (f: { fullName: string; dateOfBirth: string }) => `${f.fullName}|${f.dateOfBirth}`;

/** The report so far: counts, and the first errors by row. */
class Report {
  imported = 0;
  rejected = 0;
  errors: CadreImportErrorView[] = [];
  errorsNotListed = 0;

  refuse(row: number, errors: FieldError[]): void {
    this.rejected++;
    // One error per field (a value too short and not a string says the same thing twice).
    const seen = new Set<string>();
    for (const e of errors) {
      if (seen.has(e.field)) continue;
      seen.add(e.field);
      if (this.errors.length >= IMPORT_ERRORS_LISTED) {
        this.errorsNotListed++;
        continue;
      }
      // The sheet says dates as dd/mm/yyyy; the DTO's message names the API's form.
      const message = e.code === 'isDateString' && DATE_COLUMNS.has(e.field) ? `${e.field} must be a date (dd/mm/yyyy)` : e.message;
      this.errors.push({ row, field: e.field, column: TITLE_OF.get(e.field) ?? e.field, message, ...(e.code ? { code: e.code } : {}) });
    }
  }
}

/**
 * Opening cadre files from a spreadsheet (.xlsx, or UTF-8 .csv) in one committee: rows read as the
 * upload arrives, each judged by POST /cadres's own DTO and date checks, the good ones written a batch
 * at a time with their audit events in the batch's transaction, the bad ones reported by row and field.
 */
@Injectable()
export class CadreImport {
  constructor(
    private readonly cadres: CadreRepository,
    private readonly changes: CadreChanges,
    private readonly totals: CadreTotalsCache,
    private readonly audit: AuditService,
  ) {}

  /** 404/409/403 as POST /cadres answers for that committee; called before the upload is read. */
  async placementFor(committeeId: string): Promise<CadrePlacement> {
    return (await this.changes.creatable(committeeId, committeeId)).placement;
  }

  async import(placement: CadrePlacement, kind: SheetKind, input: Readable, dryRun: boolean): Promise<CadreImportReportView> {
    const report = new Report();
    // Names and birth dates taken so far, with their row: a second row for the same person is refused.
    const taken = new Map<string, number>();
    let header: (ImportColumn | undefined)[] | undefined;
    let batch: Checked[] = [];
    const rows = sheetRows(kind, input);
    // One batch is written while the next is read: reading and judging rows costs about half of writing them.
    let writing: Promise<void> = Promise.resolve();
    const flush = async (full: Checked[]) => {
      await writing;
      writing = this.flush(placement, full, report, dryRun);
      // Awaited before the next batch or at the end; until then its failure must not count as unhandled.
      writing.catch(() => undefined);
    };
    try {
      for (;;) {
        // Only reading is the file's fault; a failed write is ours, and answers as such.
        const next = await rows.next().catch(async (error: unknown) => {
          // The batch being written counts among what was imported before the failure (or fails itself).
          await writing;
          throw this.interrupted(error, report, dryRun);
        });
        if (next.done) break;
        const { row, cells } = next.value;
        if (isBlankRow(cells)) continue;
        if (!header) {
          const read = readHeader(cells);
          if (read.problems.length) throw fileProblem(`row ${row} is not the template's header: ${read.problems.join('; ')}`);
          header = read.columns;
          continue;
        }
        const checked = await this.check(placement, header, row, cells);
        if (!Array.isArray(checked)) {
          const first = taken.get(keyOf(checked.file));
          if (first === undefined) {
            taken.set(keyOf(checked.file), row);
            batch.push(checked);
          } else report.refuse(row, [duplicate(`the same full name and date of birth as row ${first}`)]);
        } else report.refuse(row, checked);
        if (batch.length >= IMPORT_BATCH) {
          await flush(batch);
          batch = [];
        }
      }
      await flush(batch);
      await writing;
    } finally {
      // Nothing is left writing once the request is answered, whatever ended the loop.
      await writing.catch(() => undefined);
      // Stops the reader when a row's write failed or the header was refused (its zip stream, its temporary file).
      await rows.return(undefined).catch(() => undefined);
    }
    if (!header) throw fileProblem('the sheet is empty: its first row must be the header');
    if (!dryRun && report.imported > 0) this.totals.forget();
    // Files already on record are found a batch at a time, after later rows' errors: the list goes by row.
    const errors = report.errors.sort((a, b) => a.row - b.row);
    return { imported: report.imported, rejected: report.rejected, dryRun, errors, errorsNotListed: report.errorsNotListed };
  }

  /**
   * What a failure while reading becomes: the client's own 4xx (a file over the size limit) as it is,
   * anything else (the unzipper's or the XML parser's complaint about a damaged file) 400 naming the
   * file; once batches were written, a 400 that says how many.
   */
  private interrupted(error: unknown, report: Report, dryRun: boolean): unknown {
    const status = error instanceof Problem ? error.getStatus() : (error as { statusCode?: number } | null)?.statusCode;
    const client = typeof status === 'number' && status >= 400 && status < 500;
    const what = error instanceof UnreadableFileError || client ? (error as Error).message : 'the file is damaged';
    if (dryRun || report.imported === 0) return client ? error : fileProblem(`cannot read the file: ${what}`);
    return new Problem(
      400,
      'import-interrupted',
      'Import interrupted',
      `The file could not be read to its end (${what}); the rows before were imported`,
      {
        errors: [{ field: 'file', message: what }],
        imported: report.imported,
        rejected: report.rejected,
      },
    );
  }

  /** The row as POST /cadres would take it, or why not. */
  private async check(
    placement: CadrePlacement,
    header: (ImportColumn | undefined)[],
    row: number,
    cells: unknown[],
  ): Promise<Checked | FieldError[]> {
    const values: ImportedFile = {};
    header.forEach((column, i) => {
      const value = column && cellValue(column, cells[i]);
      if (column && value !== undefined) values[column.field] = value;
    });
    const dto = plainToInstance(CreateCadreDto, {
      committeeId: placement.working.id,
      managingCommitteeId: placement.managing.id,
      ...values,
    });
    const errors = flattenValidationErrors(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }));
    if (errors.length) return errors;
    try {
      checkDates(dto);
    } catch (error) {
      if (error instanceof ValidationProblem) return error.errors;
      throw error;
    }
    const file: ImportedFile = {};
    for (const column of IMPORT_COLUMNS) if (dto[column.field] !== undefined) file[column.field] = dto[column.field] as string;
    return { row, file: file as Checked['file'] };
  }

  /** A batch: rows naming files the committee already has are refused; the rest written and audited together. */
  private async flush(placement: CadrePlacement, batch: Checked[], report: Report, dryRun: boolean): Promise<void> {
    if (batch.length === 0) return;
    const existing = await this.cadres.existingNames(
      placement.working,
      batch.map((c) => c.file),
    );
    const fresh = batch.filter((c) => {
      if (!existing.has(keyOf(c.file))) return true;
      report.refuse(c.row, [duplicate('a file with this full name and date of birth already exists in this committee')]);
      return false;
    });
    if (!dryRun) await this.write(placement, fresh);
    report.imported += fresh.length;
  }

  @Transactional()
  private async write(placement: CadrePlacement, rows: Checked[]): Promise<void> {
    const created = await this.cadres.createMany(
      placement,
      rows.map((r) => r.file),
    );
    await this.audit.recordMany(
      created.map((file) => ({
        committeeId: placement.managing.id,
        entityType: 'Cadre',
        entityId: file.id,
        action: 'create',
        changes: { after: toView(file, true), via: 'import' },
      })),
    );
  }

  /** The template: the header row the import reads, and a guide sheet saying what each column takes. */
  async template(): Promise<Buffer> {
    const book = new Workbook();
    const sheet = book.addWorksheet('Cán bộ');
    sheet.columns = IMPORT_COLUMNS.map((c) => ({
      header: c.title,
      key: c.field,
      width: Math.max(14, c.title.length + 4),
      style: c.kind === 'date' ? { numFmt: 'dd/mm/yyyy' } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    const guide = book.addWorksheet('Hướng dẫn');
    guide.columns = [
      { header: 'Cột', key: 'title', width: 24 },
      { header: 'Hướng dẫn', key: 'guide', width: 90 },
    ];
    guide.getRow(1).font = { bold: true };
    for (const c of IMPORT_COLUMNS) guide.addRow({ title: c.title, guide: c.guide });
    guide.addRow({});
    guide.addRow({ title: 'Ghi chú', guide: 'Nhập từ dòng 2 của trang "Cán bộ"; mỗi dòng là một cán bộ. Không đổi tên các cột.' });
    guide.addRow({
      title: '',
      guide: 'Dòng trùng họ tên và ngày sinh với một dòng khác, hoặc với cán bộ đã có trong cấp ủy, sẽ bị từ chối.',
    });
    return Buffer.from(await book.xlsx.writeBuffer());
  }
}

const duplicate = (message: string): FieldError => ({ field: 'fullName', message, code: 'duplicate' });
