import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@canbo/access';
import { IdParam, IfMatch, Page, expectedVersion } from '@canbo/platform';
import {
  AppointmentPageView,
  AppointmentQuery,
  AppointmentView,
  CancelAppointmentDto,
  CreateAppointmentDto,
  DecideAppointmentDto,
} from './appointment.dto';
import { AppointmentsService } from './appointments.service';

@ApiTags('appointments')
@ApiBearerAuth()
@Controller('appointments')
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  @Post()
  @ApiCreatedResponse({ type: AppointmentView })
  @Authorize('create', 'Appointment')
  @ApiOperation({
    summary: "Proposes an appointment or reappointment of a cadre by the caller's committee; the term is 5 years from the effective date",
  })
  create(@Body() dto: CreateAppointmentDto): Promise<AppointmentView> {
    return this.appointments.create(dto);
  }

  @Get()
  @ApiOkResponse({ type: AppointmentPageView })
  @Authorize('read', 'Appointment')
  @ApiOperation({ summary: 'Appointments the caller can see, by effective date (proposed by the committee filter’s subtree)' })
  list(@Query() query: AppointmentQuery): Promise<Page<AppointmentView>> {
    return this.appointments.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: AppointmentView })
  @Authorize('read', 'Appointment')
  @ApiOperation({ summary: 'One appointment' })
  get(@IdParam() id: string): Promise<AppointmentView> {
    return this.appointments.get(id);
  }

  @Post(':id/decide')
  @ApiOkResponse({ type: AppointmentView })
  @HttpCode(200)
  @Authorize('decide', 'Appointment')
  @ApiOperation({
    summary:
      "The competent secretary decides (never the proposer); 422 listing the failed conditions; opens the term end's reappointment or extension deadline",
  })
  decide(@IdParam() id: string, @Body() dto: DecideAppointmentDto, @IfMatch() ifMatch?: string): Promise<AppointmentView> {
    return this.appointments.decide(id, { ...dto, version: expectedVersion(dto.version, ifMatch) });
  }

  @Post(':id/cancel')
  @ApiOkResponse({ type: AppointmentView })
  @HttpCode(200)
  @Authorize('cancel', 'Appointment')
  @ApiOperation({ summary: 'Cancels a proposed or decided appointment before it takes effect (its deadline is waived)' })
  cancel(@IdParam() id: string, @Body() dto: CancelAppointmentDto, @IfMatch() ifMatch?: string): Promise<AppointmentView> {
    return this.appointments.cancel(id, { ...dto, version: expectedVersion(dto.version, ifMatch) });
  }
}
