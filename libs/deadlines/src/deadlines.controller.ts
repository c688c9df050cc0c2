import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyAuthenticated, Authorize } from '@canbo/access';
import { IdParam, IfMatch, Page, expectedVersion } from '@canbo/platform';
import {
  CreateDeadlineBatchDto,
  CreateDeadlineDto,
  DeadlineBatchView,
  DeadlinePolicyView,
  DeadlineQuery,
  DeadlineScanView,
  DeadlineView,
  MeetDeadlineDto,
  UpdateDeadlinePolicyDto,
  WaiveDeadlineDto,
} from './deadline.dto';
import { DeadlineBatchesService } from './deadline-batches.service';
import { DeadlinePoliciesService } from './deadline-policies.service';
import { DeadlinesService } from './deadlines.service';
import { ReminderEngine } from './reminder-engine';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller()
export class DeadlinesController {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly deadlineBatches: DeadlineBatchesService,
    private readonly deadlinePolicies: DeadlinePoliciesService,
    private readonly reminders: ReminderEngine,
  ) {}

  @Get('deadlines')
  @Authorize('read', 'Deadline')
  @ApiOperation({ summary: 'Deadlines the caller can see, by due date; `late=true` lists who is late' })
  list(@Query() query: DeadlineQuery): Promise<Page<DeadlineView>> {
    return this.deadlines.list(query);
  }

  @Get('deadlines/:id')
  @ApiOkResponse({ type: DeadlineView })
  @Authorize('read', 'Deadline')
  @ApiOperation({ summary: 'One deadline the caller can see' })
  get(@IdParam() id: string): Promise<DeadlineView> {
    return this.deadlines.get(id);
  }

  @Post('deadlines')
  @ApiCreatedResponse({ type: DeadlineView })
  @Authorize('create', 'Deadline')
  @ApiOperation({ summary: "Sets a deadline for the caller's committee or one below it" })
  create(@Body() dto: CreateDeadlineDto): Promise<DeadlineView> {
    return this.deadlines.create(dto);
  }

  @Post('deadlines/:id/meet')
  @ApiOkResponse({ type: DeadlineView })
  @HttpCode(200)
  @Authorize('update', 'Deadline')
  @ApiOperation({ summary: 'Marks the deadline met: its reminders stop' })
  meet(@IdParam() id: string, @Body() dto: MeetDeadlineDto, @IfMatch() ifMatch?: string): Promise<DeadlineView> {
    return this.deadlines.close(id, 'met', expectedVersion(dto.version, ifMatch));
  }

  @Post('deadlines/:id/waive')
  @ApiOkResponse({ type: DeadlineView })
  @HttpCode(200)
  @Authorize('waive', 'Deadline')
  @ApiOperation({ summary: 'The board above excuses the deadline, with a reason' })
  waive(@IdParam() id: string, @Body() dto: WaiveDeadlineDto, @IfMatch() ifMatch?: string): Promise<DeadlineView> {
    return this.deadlines.close(id, 'waived', expectedVersion(dto.version, ifMatch), dto.reason);
  }

  @Post('deadline-batches')
  @ApiCreatedResponse({ type: DeadlineBatchView })
  @Authorize('create', 'DeadlineBatch')
  @ApiOperation({ summary: 'One deadline for every active committee below a board (optionally of one level), in one call' })
  createBatch(@Body() dto: CreateDeadlineBatchDto): Promise<DeadlineBatchView> {
    return this.deadlineBatches.create(dto);
  }

  @Get('deadline-batches/:id')
  @ApiOkResponse({ type: DeadlineBatchView })
  @Authorize('read', 'DeadlineBatch')
  @ApiOperation({
    summary: "A batch's progress: its deadlines by state and how many are late (list them with GET /deadlines?batchId=…&late=true)",
  })
  batch(@IdParam() id: string): Promise<DeadlineBatchView> {
    return this.deadlineBatches.get(id);
  }

  @Get('deadline-policies')
  @ApiOkResponse({ type: [DeadlinePolicyView] })
  @AnyAuthenticated()
  @ApiOperation({ summary: 'The kinds of deadline and, for each, when reminders and the escalation go out' })
  policies(): Promise<DeadlinePolicyView[]> {
    return this.deadlinePolicies.list();
  }

  @Put('deadline-policies/:kind')
  @ApiOkResponse({ type: DeadlinePolicyView })
  @Authorize('update', 'DeadlinePolicy')
  @ApiOperation({ summary: 'Changes the reminder days and escalation of one kind (operators)' })
  updatePolicy(@Param('kind') kind: string, @Body() dto: UpdateDeadlinePolicyDto): Promise<DeadlinePolicyView> {
    return this.deadlinePolicies.update(kind, dto);
  }

  @Post('deadline-scans')
  @HttpCode(202)
  @Authorize('manage', 'Queue')
  @ApiOperation({ summary: 'Runs the reminder scan now (operators); the daily one runs anyway' })
  async scan(): Promise<DeadlineScanView> {
    return { jobId: await this.reminders.requestScan() };
  }
}
