import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CadresModule } from '@canbo/cadres';
import { CommitteesModule } from '@canbo/committees';
import { DeadlinesModule } from '@canbo/deadlines';
import { NotificationsModule } from '@canbo/notifications';
import { RoleHoldersModule } from '@canbo/identity';
import { RulebookModule } from '@canbo/rulebook';
import { BallotBoxRepository } from './ballot-box.repository';
import { Ballot, VoteResult, VoteSession, VoteSessionKey, VoteSubject, VoteVoter } from './vote-session.entity';
import { VoteReportController } from './vote-report.controller';
import { VoteReportRepository } from './vote-report.repository';
import { VoteReportService } from './vote-report.service';
import { VotesController } from './votes.controller';
import { VotesRepository } from './votes.repository';
import { VotesService } from './votes.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([VoteSession, VoteSessionKey, VoteSubject, VoteVoter, Ballot, VoteResult]),
    CommitteesModule,
    CadresModule,
    RoleHoldersModule,
    RulebookModule,
    DeadlinesModule,
    NotificationsModule,
  ],
  controllers: [VotesController, VoteReportController],
  providers: [VotesService, VotesRepository, BallotBoxRepository, VoteReportService, VoteReportRepository],
  exports: [VotesService],
})
export class VotesModule {}
