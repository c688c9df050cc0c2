import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@canbo/access';
import { IdParam, IfMatch, Page, expectedVersion } from '@canbo/platform';
import { CycleVerb } from './cycle-transitions';
import {
  CreateCycleDto,
  CreateNominationDto,
  CycleChecksView,
  CyclePageView,
  ChecksQuery,
  CycleQuery,
  CycleView,
  DismissProposalDto,
  NominationListView,
  NominationView,
  RemovalProposalListView,
  RemovalProposalQuery,
  RemovalProposalView,
  RemoveNominationDto,
  TitleView,
  TitlesQuery,
  TransitionDto,
} from './planning.dto';
import { PlanningService } from './planning.service';
import { RemovalProposalsService } from './removal-proposals.service';

const proposalId = () => Param('proposalId', new ParseUUIDPipe({ version: '4' }));

@ApiTags('planning')
@ApiBearerAuth()
@Controller()
export class PlanningController {
  constructor(
    private readonly planning: PlanningService,
    private readonly proposals: RemovalProposalsService,
  ) {}

  @Get('titles')
  @ApiOkResponse({ type: [TitleView] })
  @Authorize('read', 'Title')
  @ApiOperation({ summary: 'The titles catalogue, by committee level, with seniority and the level managing each title' })
  titles(@Query() query: TitlesQuery): Promise<TitleView[]> {
    return this.planning.titles(query.level);
  }

  @Get('planning-cycles')
  @ApiOkResponse({ type: CyclePageView })
  @Authorize('read', 'PlanningCycle')
  @ApiOperation({ summary: 'Planning cycles the caller can see, newest term first' })
  list(@Query() query: CycleQuery): Promise<Page<CycleView>> {
    return this.planning.list(query);
  }

  @Get('planning-cycles/:id')
  @ApiOkResponse({ type: CycleView })
  @Authorize('read', 'PlanningCycle')
  @ApiOperation({ summary: 'One planning cycle' })
  get(@IdParam() id: string): Promise<CycleView> {
    return this.planning.get(id);
  }

  @Post('planning-cycles')
  @ApiCreatedResponse({ type: CycleView })
  @Authorize('create', 'PlanningCycle')
  @ApiOperation({ summary: "Opens a planning cycle for the caller's committee and a pair of terms, with its submission deadline" })
  create(@Body() dto: CreateCycleDto): Promise<CycleView> {
    return this.planning.create(dto);
  }

  @Get('planning-cycles/:id/checks')
  @ApiOkResponse({ type: CycleChecksView })
  @Authorize('read', 'PlanningCycle')
  @ApiOperation({
    summary:
      'The regulation checks of the cycle under the rules in force on its reference date: failures, warnings and withheld checks explained, passes by their figures (`explain=all`: every explanation)',
  })
  checks(@IdParam() id: string, @Query() query: ChecksQuery): Promise<CycleChecksView> {
    return this.planning.checks(id, query.explain);
  }

  @Get('planning-cycles/:id/nominations')
  @ApiOkResponse({ type: NominationListView })
  @Authorize('read', 'PlanningCycle')
  @ApiOperation({ summary: "The cycle's nominations, removed ones included (the yearly review's history)" })
  async nominations(@IdParam() id: string): Promise<NominationListView> {
    return { items: await this.planning.nominations(id) };
  }

  @Post('planning-cycles/:id/nominations')
  @ApiCreatedResponse({ type: NominationView })
  @Authorize('update', 'PlanningCycle')
  @ApiOperation({
    summary: 'Nominates a cadre to a title with the conferences’ votes (a draft, or an approved cycle in yearly review with a reason)',
  })
  nominate(@IdParam() id: string, @Body() dto: CreateNominationDto): Promise<NominationView> {
    return this.planning.nominate(id, dto);
  }

  @Post('planning-cycles/:id/nominations/:nominationId/remove')
  @ApiOkResponse({ type: NominationView })
  @HttpCode(200)
  @Authorize('update', 'PlanningCycle')
  @ApiOperation({ summary: 'Removes a nomination with a reason (a draft, or an approved cycle in yearly review); it stays as history' })
  remove(
    @IdParam() id: string,
    @Param('nominationId', new ParseUUIDPipe({ version: '4' })) nominationId: string,
    @Body() dto: RemoveNominationDto,
  ): Promise<NominationView> {
    return this.planning.removeNomination(id, nominationId, dto.reason);
  }

  @Get('planning-cycles/:id/removal-proposals')
  @ApiOkResponse({ type: RemovalProposalListView })
  @Authorize('read', 'PlanningCycle')
  @ApiOperation({
    summary:
      "The system's proposals to remove nominees of an approved cycle (over the age for the term, or a discipline that bars planning)",
  })
  async removalProposals(@IdParam() id: string, @Query() query: RemovalProposalQuery): Promise<RemovalProposalListView> {
    return { items: await this.proposals.list(id, query.status) };
  }

  @Post('planning-cycles/:id/removal-proposals/:proposalId/accept')
  @ApiOkResponse({ type: RemovalProposalView })
  @HttpCode(200)
  @Authorize('update', 'PlanningCycle')
  @ApiOperation({ summary: "The yearly review accepts a removal proposal: the nomination is removed with the proposal's reason" })
  acceptProposal(@IdParam() id: string, @proposalId() pid: string): Promise<RemovalProposalView> {
    return this.proposals.accept(id, pid);
  }

  @Post('planning-cycles/:id/removal-proposals/:proposalId/dismiss')
  @ApiOkResponse({ type: RemovalProposalView })
  @HttpCode(200)
  @Authorize('update', 'PlanningCycle')
  @ApiOperation({ summary: 'The yearly review dismisses a removal proposal with a reason: the nomination stays' })
  dismissProposal(@IdParam() id: string, @proposalId() pid: string, @Body() dto: DismissProposalDto): Promise<RemovalProposalView> {
    return this.proposals.dismiss(id, pid, dto.reason);
  }

  private step(id: string, verb: CycleVerb, dto: TransitionDto, ifMatch?: string): Promise<CycleView> {
    return this.planning.transition(id, verb, { ...dto, version: expectedVersion(dto.version, ifMatch) });
  }

  @Post('planning-cycles/:id/submit')
  @ApiOkResponse({ type: CycleView })
  @HttpCode(200)
  @Authorize('submit', 'PlanningCycle')
  @ApiOperation({ summary: 'Submits the draft to the competent level; 422 listing the failed checks if any hard rule fails' })
  submit(@IdParam() id: string, @Body() dto: TransitionDto, @IfMatch() ifMatch?: string): Promise<CycleView> {
    return this.step(id, 'submit', dto, ifMatch);
  }

  @Post('planning-cycles/:id/start-appraisal')
  @ApiOkResponse({ type: CycleView })
  @HttpCode(200)
  @Authorize('appraise', 'PlanningCycle')
  @ApiOperation({ summary: "The competent level's board takes the submitted cycle up for appraisal" })
  startAppraisal(@IdParam() id: string, @Body() dto: TransitionDto, @IfMatch() ifMatch?: string): Promise<CycleView> {
    return this.step(id, 'start-appraisal', dto, ifMatch);
  }

  @Post('planning-cycles/:id/approve')
  @ApiOkResponse({ type: CycleView })
  @HttpCode(200)
  @Authorize('approve', 'PlanningCycle')
  @ApiOperation({ summary: "The competent level's secretary approves the appraised cycle (never the one who submitted it)" })
  approve(@IdParam() id: string, @Body() dto: TransitionDto, @IfMatch() ifMatch?: string): Promise<CycleView> {
    return this.step(id, 'approve', dto, ifMatch);
  }

  @Post('planning-cycles/:id/return')
  @ApiOkResponse({ type: CycleView })
  @HttpCode(200)
  @Authorize('return', 'PlanningCycle')
  @ApiOperation({ summary: 'The competent level returns a submitted or appraised cycle, with a reason' })
  return(@IdParam() id: string, @Body() dto: TransitionDto, @IfMatch() ifMatch?: string): Promise<CycleView> {
    return this.step(id, 'return', dto, ifMatch);
  }

  @Post('planning-cycles/:id/reopen')
  @ApiOkResponse({ type: CycleView })
  @HttpCode(200)
  @Authorize('update', 'PlanningCycle')
  @ApiOperation({ summary: 'The committee takes a returned cycle back into drafting' })
  reopen(@IdParam() id: string, @Body() dto: TransitionDto, @IfMatch() ifMatch?: string): Promise<CycleView> {
    return this.step(id, 'reopen', dto, ifMatch);
  }
}
