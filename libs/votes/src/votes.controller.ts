import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@canbo/access';
import { IdParam, IfMatch, Page, Public, asSystem, expectedVersion } from '@canbo/platform';
import {
  BallotReceiptView,
  CancelVoteSessionDto,
  CastBallotDto,
  CreateVoteSessionDto,
  IssueBallotDto,
  IssuedBallotView,
  PaperCountDto,
  ReceiptsView,
  VoteSessionQuery,
  VoteSessionView,
  VoterSessionView,
} from './votes.dto';
import { VotesService } from './votes.service';

@ApiTags('vote-sessions')
@ApiBearerAuth()
@Controller('vote-sessions')
export class VotesController {
  constructor(private readonly votes: VotesService) {}

  @Get()
  @Authorize('read', 'VoteSession')
  @ApiOperation({
    summary: 'Confidence-vote sessions of a committee (and its subtree), newest first; results only for those who may read them',
  })
  list(@Query() query: VoteSessionQuery): Promise<Page<VoteSessionView>> {
    return this.votes.list(query);
  }

  @Get('mine')
  @ApiOkResponse({ type: [VoterSessionView] })
  @Authorize('read', 'Ballot')
  @ApiOperation({ summary: "The signed-in voter's sessions: the subjects to rate, the session's key, whether its ballot was issued" })
  mine(): Promise<VoterSessionView[]> {
    return this.votes.mine();
  }

  @Get(':id')
  @ApiOkResponse({ type: VoteSessionView })
  @Authorize('read', 'VoteSession')
  @ApiOperation({ summary: 'One session: subjects, counts, and (restricted) the results once closed' })
  get(@IdParam() id: string): Promise<VoteSessionView> {
    return this.votes.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: VoteSessionView })
  @Authorize('create', 'VoteSession')
  @ApiOperation({ summary: "Sets up a session of the committee's conference: subjects from the files, the voter list, the times" })
  create(@Body() dto: CreateVoteSessionDto): Promise<VoteSessionView> {
    return this.votes.create(dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: VoteSessionView })
  @Authorize('cancel', 'VoteSession')
  @ApiOperation({ summary: 'Cancels a session before it closes (its key is destroyed; nothing is counted)' })
  cancel(@IdParam() id: string, @Body() dto: CancelVoteSessionDto, @IfMatch() ifMatch?: string): Promise<VoteSessionView> {
    return this.votes.cancel(id, { ...dto, version: expectedVersion(dto.version, ifMatch) });
  }

  @Post(':id/paper-count')
  @HttpCode(200)
  @ApiOkResponse({ type: VoteSessionView })
  @Authorize('count', 'VoteSession')
  @ApiOperation({
    summary:
      "A paper session's counting record, as the counting board signed it: checked, kept, and the session closed and tallied like an electronic one",
  })
  paperCount(@IdParam() id: string, @Body() dto: PaperCountDto, @IfMatch() ifMatch?: string): Promise<VoteSessionView> {
    return this.votes.paperCount(id, { ...dto, version: expectedVersion(dto.version, ifMatch) });
  }

  @Post(':id/ballot-token')
  @HttpCode(200)
  @ApiOkResponse({ type: IssuedBallotView })
  @Authorize('read', 'Ballot')
  @ApiOperation({ summary: "Issues the voter's ballot, once: a blind signature on the voter's blinded token (RFC 9474)" })
  issueBallot(@IdParam() id: string, @Body() dto: IssueBallotDto): Promise<IssuedBallotView> {
    return this.votes.issueBallot(id, dto);
  }

  @Post(':id/ballots')
  @Public()
  @ApiCreatedResponse({ type: BallotReceiptView })
  @ApiOperation({
    summary:
      'Casts a ballot with a signed token, once per token. Send no credentials: the ballot is anonymous, and this route is not logged',
  })
  cast(@IdParam() id: string, @Body() dto: CastBallotDto): Promise<BallotReceiptView> {
    return asSystem(() => this.votes.castBallot(id, dto));
  }

  @Get(':id/receipts')
  @ApiOkResponse({ type: ReceiptsView })
  @Authorize('read', 'Ballot')
  @ApiOperation({ summary: 'Every counted receipt once the session is closed: a voter finds its own without saying which it is' })
  receipts(@IdParam() id: string): Promise<ReceiptsView> {
    return this.votes.receipts(id);
  }
}
