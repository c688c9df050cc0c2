import { Body, Controller, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authorize } from '@canbo/access';
import { XlsxExport, IdParam, IfMatch, Page, XlsxReply, etagOf, expectedVersion, sendXlsx, xlsxFilename } from '@canbo/platform';
import {
  ArchiveCadreDto,
  CadreCountQuery,
  CadreCountView,
  CadreExportQuery,
  CadrePageView,
  CadreQuery,
  CadreView,
  CreateCadreDto,
  CreateEvaluationDto,
  CreatePositionDto,
  EndPositionDto,
  EvaluationView,
  PositionView,
  UpdateCadreDto,
} from './cadre.dto';
import { CadreExport } from './cadre-export.service';
import { CadreChanges } from './cadre-changes.service';
import { CadreHistory } from './cadre-history.service';
import { CadresService } from './cadres.service';

@ApiTags('cadres')
@ApiBearerAuth()
@Controller('cadres')
export class CadresController {
  constructor(
    private readonly cadres: CadresService,
    private readonly changes: CadreChanges,
    private readonly history: CadreHistory,
    private readonly exports: CadreExport,
  ) {}

  @Get()
  @Authorize('read', 'Cadre')
  @ApiOperation({ summary: 'Cadre files the caller can see (keyset pages; tree order or Vietnamese name order)' })
  @ApiOkResponse({ type: CadrePageView })
  list(@Query() query: CadreQuery): Promise<Page<Partial<CadreView>>> {
    return this.cadres.list(query);
  }

  @Get('count')
  @Authorize('read', 'Cadre')
  @ApiOperation({
    summary: 'The total behind a list with the same filters (exact from running tallies; name searches estimated unless exact=true)',
  })
  @ApiOkResponse({ type: CadreCountView })
  count(@Query() query: CadreCountQuery): Promise<CadreCountView> {
    return this.cadres.count(query);
  }

  @XlsxExport(
    'export',
    'The list as an Excel workbook (.xlsx), streamed: the same filters, order and scope, restricted groups only in the files the caller reads them in; audited',
  )
  @Authorize('read', 'Cadre')
  @ApiNotFoundResponse({ description: 'A committee filter the caller cannot see' })
  async export(@Query() query: CadreExportQuery, @Res() reply: XlsxReply): Promise<void> {
    const prepared = await this.exports.prepare(query);
    await sendXlsx(reply, xlsxFilename('ho-so-can-bo'), (book, pace) => prepared.write(book, pace).then(() => undefined));
  }

  @Get(':id')
  @Authorize('read', 'Cadre')
  @ApiOperation({ summary: 'One file with work history and evaluations; restricted groups only for those allowed' })
  @ApiOkResponse({ type: CadreView, description: 'The file; its ETag header is the version to send back with a change' })
  @ApiNotFoundResponse({ description: 'Absent, or not visible to the caller' })
  async get(
    @IdParam() id: string,
    @Res({ passthrough: true }) reply: { header(name: string, value: string): unknown },
  ): Promise<Partial<CadreView>> {
    const cadre = await this.cadres.get(id);
    reply.header('etag', etagOf(cadre.version as number));
    return cadre;
  }

  @Post()
  @Authorize('create', 'Cadre')
  @ApiOperation({ summary: "Open a cadre file (by the managing committee's board)" })
  @ApiCreatedResponse({ type: CadreView })
  create(@Body() dto: CreateCadreDto): Promise<Partial<CadreView>> {
    return this.changes.create(dto);
  }

  @Patch(':id')
  @Authorize('update', 'Cadre')
  @ApiOperation({ summary: 'Change a file; send the version you read' })
  @ApiOkResponse({ type: CadreView })
  @ApiConflictResponse({ description: 'The version is stale: re-read and apply the change again' })
  update(@IdParam() id: string, @Body() dto: UpdateCadreDto, @IfMatch() ifMatch?: string): Promise<Partial<CadreView>> {
    return this.changes.update(id, { ...dto, version: expectedVersion(dto.version, ifMatch) });
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Authorize('archive', 'Cadre')
  @ApiOperation({ summary: 'Archive a file (files are never deleted)' })
  @ApiOkResponse({ type: CadreView })
  archive(@IdParam() id: string, @Body() dto: ArchiveCadreDto): Promise<Partial<CadreView>> {
    return this.changes.archive(id, dto);
  }

  @Post(':id/positions')
  @Authorize('update', 'Cadre')
  @ApiOperation({ summary: 'Add a position to the work history (effective-dated)' })
  @ApiCreatedResponse({ type: PositionView })
  addPosition(@IdParam() id: string, @Body() dto: CreatePositionDto): Promise<PositionView> {
    return this.history.addPosition(id, dto);
  }

  @Post(':id/positions/:positionId/end')
  @HttpCode(200)
  @Authorize('update', 'Cadre')
  @ApiOperation({ summary: "End a position in a cadre's work history" })
  @ApiOkResponse({ type: PositionView })
  endPosition(@IdParam() id: string, @IdParam('positionId') positionId: string, @Body() dto: EndPositionDto): Promise<PositionView> {
    return this.history.endPosition(id, positionId, dto);
  }

  @Post(':id/evaluations')
  @Authorize('update', 'Cadre')
  @ApiOperation({ summary: 'Record a yearly rating' })
  @ApiCreatedResponse({ type: EvaluationView })
  addEvaluation(@IdParam() id: string, @Body() dto: CreateEvaluationDto): Promise<EvaluationView> {
    return this.history.addEvaluation(id, dto);
  }
}
