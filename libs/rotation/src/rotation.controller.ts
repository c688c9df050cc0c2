import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@canbo/access';
import { IdParam, IfMatch, Page, expectedVersion } from '@canbo/platform';
import {
  ApproveRotationDto,
  CancelRotationDto,
  ConcludeRotationDto,
  CreateRotationDto,
  RotationOriginHistoryView,
  RotationPageView,
  RotationPlaceView,
  RotationPlacesQuery,
  RotationQuery,
  RotationView,
} from './rotation.dto';
import { RotationService } from './rotation.service';

@ApiTags('rotations')
@ApiBearerAuth()
@Controller('rotations')
export class RotationController {
  constructor(private readonly rotations: RotationService) {}

  @Post()
  @ApiCreatedResponse({ type: RotationView })
  @Authorize('create', 'Rotation')
  @ApiOperation({ summary: "Proposes a rotation (luân chuyển) of a cadre by the caller's committee; approved by the committee above" })
  create(@Body() dto: CreateRotationDto): Promise<RotationView> {
    return this.rotations.create(dto);
  }

  @Get()
  @ApiOkResponse({ type: RotationPageView })
  @Authorize('read', 'Rotation')
  @ApiOperation({ summary: 'Rotations the caller can see (proposed in its subtree, or received there), by start date' })
  list(@Query() query: RotationQuery): Promise<Page<RotationView>> {
    return this.rotations.list(query);
  }

  @Get('places')
  @ApiOkResponse({ type: [RotationPlaceView] })
  @Authorize('create', 'Rotation')
  @ApiOperation({ summary: 'Where a rotation the given committee proposes may start and go: the committees under the deciding level' })
  places(@Query() query: RotationPlacesQuery): Promise<RotationPlaceView[]> {
    return this.rotations.places(query.committeeId);
  }

  @Get(':id')
  @ApiOkResponse({ type: RotationView })
  @Authorize('read', 'Rotation')
  @ApiOperation({ summary: 'One rotation' })
  get(@IdParam() id: string): Promise<RotationView> {
    return this.rotations.get(id);
  }

  @Get(':id/origin-history')
  @ApiOkResponse({ type: RotationOriginHistoryView })
  @Authorize('read', 'Rotation')
  @ApiOperation({
    summary: "The file's posts and yearly ratings the origin's board wrote before the move, for that board and those above it",
  })
  originHistory(@IdParam() id: string): Promise<RotationOriginHistoryView> {
    return this.rotations.originHistory(id);
  }

  @Post(':id/approve')
  @ApiOkResponse({ type: RotationView })
  @HttpCode(200)
  @Authorize('approve', 'Rotation')
  @ApiOperation({ summary: "The competent secretary approves (never the proposer); 422 listing QĐ 65's failed conditions" })
  approve(@IdParam() id: string, @Body() dto: ApproveRotationDto, @IfMatch() ifMatch?: string): Promise<RotationView> {
    return this.rotations.approve(id, { ...dto, version: expectedVersion(dto.version, ifMatch) });
  }

  @Post(':id/cancel')
  @ApiOkResponse({ type: RotationView })
  @HttpCode(200)
  @Authorize('cancel', 'Rotation')
  @ApiOperation({ summary: 'Cancels a proposed or approved rotation before it starts' })
  cancel(@IdParam() id: string, @Body() dto: CancelRotationDto, @IfMatch() ifMatch?: string): Promise<RotationView> {
    return this.rotations.cancel(id, { ...dto, version: expectedVersion(dto.version, ifMatch) });
  }

  @Post(':id/conclude')
  @ApiOkResponse({ type: RotationView })
  @HttpCode(200)
  @Authorize('conclude', 'Rotation')
  @ApiOperation({ summary: 'The post-rotation decision (return, stay, a new post) by the level that decided it; meets its deadline' })
  conclude(@IdParam() id: string, @Body() dto: ConcludeRotationDto, @IfMatch() ifMatch?: string): Promise<RotationView> {
    return this.rotations.conclude(id, { ...dto, version: expectedVersion(dto.version, ifMatch) });
  }
}
