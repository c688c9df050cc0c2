import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OfficialDay } from './official-day.entity';
import { RuleVersion } from './rule-version.entity';
import { RulebookController } from './rulebook.controller';
import { RulebookRepository } from './rulebook.repository';
import { RulebookService } from './rulebook.service';

@Module({
  imports: [TypeOrmModule.forFeature([RuleVersion, OfficialDay])],
  controllers: [RulebookController],
  providers: [RulebookService, RulebookRepository],
  exports: [RulebookService],
})
export class RulebookModule {}
