import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyAuthenticated, Authorize } from '@canbo/access';
import { IdParam, Page } from '@canbo/platform';
import {
  CommitteeLevelView,
  CommitteeQuery,
  CommitteeView,
  CreateCommitteeDto,
  DissolveCommitteeDto,
  MoveCommitteeDto,
  UpdateCommitteeDto,
} from './committee.dto';
import { CommitteesService } from './committees.service';

@ApiTags('committees')
@ApiBearerAuth()
@Controller()
export class CommitteesController {
  constructor(private readonly committees: CommitteesService) {}

  @Get('committee-levels')
  @AnyAuthenticated()
  @ApiOperation({ summary: 'The levels a committee can have (data, not code: reforms add and remove levels)' })
  @ApiOkResponse({ type: [CommitteeLevelView] })
  levels(): Promise<CommitteeLevelView[]> {
    return this.committees.levels();
  }

  @Get('committees')
  @Authorize('read', 'Committee')
  @ApiOperation({ summary: 'Committees the caller can see, in tree (pre-order) order' })
  list(@Query() query: CommitteeQuery): Promise<Page<CommitteeView>> {
    return this.committees.list(query);
  }

  @Get('committees/:id')
  @Authorize('read', 'Committee')
  @ApiOperation({ summary: 'One committee the caller can see' })
  @ApiOkResponse({ type: CommitteeView })
  get(@IdParam() id: string): Promise<CommitteeView> {
    return this.committees.get(id);
  }

  @Post('committees')
  @Authorize('createChild', 'Committee')
  @ApiOperation({ summary: 'Create a committee under a parent the caller manages' })
  @ApiCreatedResponse({ type: CommitteeView })
  create(@Body() dto: CreateCommitteeDto): Promise<CommitteeView> {
    return this.committees.create(dto);
  }

  @Patch('committees/:id')
  @Authorize('update', 'Committee')
  @ApiOperation({ summary: 'Rename, recode or change the level of a committee (optimistic locking on version)' })
  @ApiOkResponse({ type: CommitteeView })
  update(@IdParam() id: string, @Body() dto: UpdateCommitteeDto): Promise<CommitteeView> {
    return this.committees.update(id, dto);
  }

  @Post('committees/:id/move')
  @HttpCode(200)
  @Authorize('update', 'Committee')
  @ApiOperation({ summary: 'Move a committee (with everything below it) under another parent' })
  @ApiOkResponse({ type: CommitteeView })
  move(@IdParam() id: string, @Body() dto: MoveCommitteeDto): Promise<CommitteeView> {
    return this.committees.move(id, dto);
  }

  @Post('committees/:id/dissolve')
  @HttpCode(200)
  @Authorize('dissolve', 'Committee')
  @ApiOperation({ summary: 'Dissolve a committee into a successor: its children, cadres and open work move; its history stays' })
  @ApiOkResponse({ type: CommitteeView })
  dissolve(@IdParam() id: string, @Body() dto: DissolveCommitteeDto): Promise<CommitteeView> {
    return this.committees.dissolve(id, dto);
  }
}
