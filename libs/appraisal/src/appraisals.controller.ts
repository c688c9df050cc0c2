import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@canbo/access';
import { XlsxExport, IdParam, IfMatch, Page, XlsxReply, expectedVersion, sendFigures } from '@canbo/platform';
import {
  AppraisalPageView,
  AppraisalQuery,
  AppraisalStatsQuery,
  AppraisalStatsView,
  AppraisalView,
  AskOpinionDto,
  ConcludeAppraisalDto,
  CreateAppraisalDto,
  DecideAppraisalDto,
  RecordOpinionDto,
  VersionDto,
  WithdrawAppraisalDto,
} from './appraisal.dto';
import { AppraisalsService } from './appraisals.service';

@ApiTags('appraisals')
@ApiBearerAuth()
@Controller()
export class AppraisalsController {
  constructor(private readonly appraisals: AppraisalsService) {}

  @Get('appraisals')
  @ApiOkResponse({ type: AppraisalPageView })
  @Authorize('read', 'Appraisal')
  @ApiOperation({ summary: 'Appraisal requests the caller can see, by due date (asked by the committee filter’s subtree)' })
  list(@Query() query: AppraisalQuery): Promise<Page<AppraisalView>> {
    return this.appraisals.list(query);
  }

  @Get('appraisals/:id')
  @ApiOkResponse({ type: AppraisalView })
  @Authorize('read', 'Appraisal')
  @ApiOperation({ summary: 'One appraisal request with its opinions (restricted reasons and texts only for who may read them)' })
  get(@IdParam() id: string): Promise<AppraisalView> {
    return this.appraisals.get(id);
  }

  @Post('appraisals')
  @ApiCreatedResponse({ type: AppraisalView })
  @Authorize('create', 'Appraisal')
  @ApiOperation({ summary: "Asks the competent board (by default the parent committee's) to appraise a cadre, with a due date" })
  create(@Body() dto: CreateAppraisalDto): Promise<AppraisalView> {
    return this.appraisals.create(dto);
  }

  @Post('appraisals/:id/review')
  @ApiOkResponse({ type: AppraisalView })
  @HttpCode(200)
  @Authorize('review', 'Appraisal')
  @ApiOperation({ summary: 'The competent board takes the request up (requested → in_review)' })
  review(@IdParam() id: string, @Body() dto: VersionDto, @IfMatch() ifMatch?: string): Promise<AppraisalView> {
    return this.appraisals.review(id, expectedVersion(dto.version, ifMatch));
  }

  @Post('appraisals/:id/ask-opinion')
  @ApiOkResponse({ type: AppraisalView })
  @HttpCode(200)
  @Authorize('review', 'Appraisal')
  @ApiOperation({ summary: 'Asks a coordinating body (inspection commission, police…) for its opinion by a due date' })
  askOpinion(@IdParam() id: string, @Body() dto: AskOpinionDto, @IfMatch() ifMatch?: string): Promise<AppraisalView> {
    return this.appraisals.askOpinion(id, expectedVersion(dto.version, ifMatch), dto);
  }

  @Post('appraisals/:id/record-opinion')
  @ApiOkResponse({ type: AppraisalView })
  @HttpCode(200)
  @Authorize('review', 'Appraisal')
  @ApiOperation({ summary: "Records a body's opinion, with its date (its deadline is met)" })
  recordOpinion(@IdParam() id: string, @Body() dto: RecordOpinionDto, @IfMatch() ifMatch?: string): Promise<AppraisalView> {
    return this.appraisals.recordOpinion(id, expectedVersion(dto.version, ifMatch), dto);
  }

  @Post('appraisals/:id/conclude')
  @ApiOkResponse({ type: AppraisalView })
  @HttpCode(200)
  @Authorize('conclude', 'Appraisal')
  @ApiOperation({ summary: 'Concludes: qualified, or not to be considered with reasons (in_review → concluded)' })
  conclude(@IdParam() id: string, @Body() dto: ConcludeAppraisalDto, @IfMatch() ifMatch?: string): Promise<AppraisalView> {
    return this.appraisals.conclude(id, expectedVersion(dto.version, ifMatch), dto);
  }

  @Post('appraisals/:id/decide')
  @ApiOkResponse({ type: AppraisalView })
  @HttpCode(200)
  @Authorize('decide', 'Appraisal')
  @ApiOperation({ summary: "Records the standing body's decision: number, date, body (concluded → decided)" })
  decide(@IdParam() id: string, @Body() dto: DecideAppraisalDto, @IfMatch() ifMatch?: string): Promise<AppraisalView> {
    return this.appraisals.decide(id, expectedVersion(dto.version, ifMatch), dto);
  }

  @Post('appraisals/:id/withdraw')
  @ApiOkResponse({ type: AppraisalView })
  @HttpCode(200)
  @Authorize('withdraw', 'Appraisal')
  @ApiOperation({ summary: 'The requesting board withdraws its request before a conclusion' })
  withdraw(@IdParam() id: string, @Body() dto: WithdrawAppraisalDto, @IfMatch() ifMatch?: string): Promise<AppraisalView> {
    return this.appraisals.withdraw(id, expectedVersion(dto.version, ifMatch), dto.reason);
  }

  @Get('reports/appraisals')
  @ApiOkResponse({ type: AppraisalStatsView })
  @Authorize('read', 'Appraisal')
  @ApiOperation({
    summary: 'Appraisals concluded in a period by kind and outcome (appraised, not considered, decided) over any subtree the caller sees',
  })
  stats(@Query() query: AppraisalStatsQuery): Promise<AppraisalStatsView> {
    return this.appraisals.stats(query);
  }

  @XlsxExport('reports/appraisals/export', 'The same appraisal figures as an Excel workbook (.xlsx)')
  @Authorize('read', 'Appraisal')
  async statsExport(@Query() query: AppraisalStatsQuery, @Res() reply: XlsxReply): Promise<void> {
    await sendFigures(reply, 'thong-ke-tham-dinh', await this.appraisals.statsFigures(query));
  }
}
