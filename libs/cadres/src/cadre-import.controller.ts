import type { Readable } from 'node:stream';
import { Controller, Get, Header, HttpCode, HttpStatus, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@canbo/access';
import { Problem, ValidationProblem } from '@canbo/platform';
import { CadreImportQuery, CadreImportReportView } from './cadre.dto';
import { CadreImport } from './cadre-import.service';
import { kindOf } from './cadre-import.source';

/** Largest sheet taken: 100,000 files fit in well under half of it. */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The part of @fastify/multipart's request this route uses. */
interface MultipartRequest {
  headers: Record<string, string | string[] | undefined>;
  isMultipart(): boolean;
  file(options: { limits: Record<string, number> }): Promise<{ fieldname: string; filename: string; file: Readable } | undefined>;
}

const fileProblem = (message: string) => new ValidationProblem([{ field: 'file', message }]);
const tooLarge = () =>
  new Problem(
    HttpStatus.PAYLOAD_TOO_LARGE,
    'payload-too-large',
    'Payload too large',
    `The file is larger than ${IMPORT_MAX_BYTES / 2 ** 20} MiB`,
  );

@ApiTags('cadres')
@ApiBearerAuth()
@Controller('cadres/import')
export class CadreImportController {
  constructor(private readonly imports: CadreImport) {}

  @Get('template')
  @Authorize('create', 'Cadre')
  @ApiOperation({ summary: 'The import template (.xlsx): the header row the import reads, and a sheet explaining each column' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The workbook', schema: { type: 'string', format: 'binary' } })
  @Header('content-type', XLSX)
  @Header('content-disposition', 'attachment; filename="mau-nhap-can-bo.xlsx"')
  async template(): Promise<StreamableFile> {
    return new StreamableFile(await this.imports.template());
  }

  @Post()
  @HttpCode(200)
  @Authorize('create', 'Cadre')
  @ApiOperation({
    summary:
      'Open cadre files from a spreadsheet (.xlsx, or UTF-8 .csv) in one committee: each row judged as POST /cadres judges a body; refused rows reported by row and field, the rest written',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: CadreImportReportView })
  async import(@Query() query: CadreImportQuery, @Req() req: MultipartRequest): Promise<CadreImportReportView> {
    // Who may open files there, before a byte of the upload is read.
    const placement = await this.imports.placementFor(query.committeeId);
    if (Number(req.headers['content-length']) > IMPORT_MAX_BYTES + 64 * 1024) throw tooLarge();
    if (!req.isMultipart()) throw fileProblem('send the sheet as multipart/form-data, in the field "file"');
    const part = await req.file({ limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 8, parts: 9 } }).catch((error: unknown) => {
      const status = (error as { statusCode?: number } | null)?.statusCode;
      // busboy's complaints about a broken body carry no status: they are the client's.
      throw typeof status === 'number' && status < 500 ? error : fileProblem('the multipart body is malformed');
    });
    if (!part) throw fileProblem('is required: send the sheet in the field "file"');
    if (part.fieldname !== 'file') throw fileProblem('the sheet goes in the field "file"');
    const kind = kindOf(part.filename ?? '');
    if (!kind) throw fileProblem('must be an .xlsx workbook or a UTF-8 .csv file');
    part.file.once('limit', () => part.file.destroy(tooLarge()));
    return this.imports.import(placement, kind, part.file, query.dryRun ?? false);
  }
}
