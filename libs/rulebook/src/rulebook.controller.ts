import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyAuthenticated } from '@canbo/access';
import { RuleSetView, RulesQuery } from './rulebook.dto';
import { RulebookService } from './rulebook.service';

@ApiTags('rulebook')
@ApiBearerAuth()
@Controller()
export class RulebookController {
  constructor(private readonly rulebook: RulebookService) {}

  /** National reference data: every signed-in user may read which rules judge a case of a given date. */
  @Get('rules')
  @AnyAuthenticated()
  @ApiOperation({ summary: 'The rules in force on a date (`on=YYYY-MM-DD`), each with its regulation, dates, figures and UNVERIFIED note' })
  async inForce(@Query() query: RulesQuery): Promise<RuleSetView> {
    const rules = await this.rulebook.rulesOn(query.on);
    return { on: rules.on, rules: rules.all() };
  }
}
