import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Committee } from './committee.entity';
import { CommitteeLevel } from './committee-level.entity';
import { CommitteeRepository } from './committee.repository';
import { CommitteesController } from './committees.controller';
import { CommitteesService } from './committees.service';

@Module({
  imports: [TypeOrmModule.forFeature([Committee, CommitteeLevel])],
  controllers: [CommitteesController],
  providers: [CommitteesService, CommitteeRepository],
  exports: [CommitteesService],
})
export class CommitteesModule {}
