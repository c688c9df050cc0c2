import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@canbo/access';
import { IdParam } from '@canbo/platform';
import { AuditVerificationView, RequestAuditVerificationDto } from './audit-verification.dto';
import { AuditVerifications } from './audit-verifications.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-verifications')
export class AuditVerificationsController {
  constructor(private readonly verifications: AuditVerifications) {}

  @Post()
  @ApiCreatedResponse({ type: AuditVerificationView })
  @Authorize('create', 'AuditVerification')
  @ApiOperation({
    summary:
      "Ask the worker to verify audit hash chains: a committee's (operators, its auditors, its own board), its subtree's (auditors above), or all (operators)",
  })
  request(@Body() dto: RequestAuditVerificationDto): Promise<AuditVerificationView> {
    return this.verifications.request(dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: AuditVerificationView })
  @Authorize('read', 'AuditVerification')
  @ApiOperation({ summary: 'The result of a verification: finishedAt is null until the worker has run it' })
  get(@IdParam() id: string): Promise<AuditVerificationView> {
    return this.verifications.get(id);
  }
}
