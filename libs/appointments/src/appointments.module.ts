import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CadresModule } from '@canbo/cadres';
import { CommitteesModule } from '@canbo/committees';
import { DeadlinesModule } from '@canbo/deadlines';
import { PlanningModule } from '@canbo/planning';
import { RulebookModule } from '@canbo/rulebook';
import { VotesModule } from '@canbo/votes';
import { Appointment } from './appointment.entity';
import { AppointmentRepository } from './appointment.repository';
import { AppointmentsController } from './appointments.controller';
import { AppointmentsService } from './appointments.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Appointment]),
    CommitteesModule,
    CadresModule,
    DeadlinesModule,
    PlanningModule,
    RulebookModule,
    VotesModule,
  ],
  controllers: [AppointmentsController],
  providers: [AppointmentsService, AppointmentRepository],
  exports: [AppointmentsService],
})
export class AppointmentsModule {}
