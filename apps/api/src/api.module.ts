import { DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, RouterModule } from '@nestjs/core';
import { PoliciesGuard } from '@canbo/access';
import { AppraisalModule } from '@canbo/appraisal';
import { VotesModule } from '@canbo/votes';
import { AuditModule } from '@canbo/audit';
import { CadresModule } from '@canbo/cadres';
import { CommitteesModule } from '@canbo/committees';
import { AuthenticationGuard, IdentityModule } from '@canbo/identity';
import { ReportsModule } from '@canbo/reports';
import { NotificationsModule } from '@canbo/notifications';
import { DeadlinesModule } from '@canbo/deadlines';
import { RulebookModule } from '@canbo/rulebook';
import { PlanningModule } from '@canbo/planning';
import { AppointmentsModule } from '@canbo/appointments';
import { RotationModule } from '@canbo/rotation';
import {
  AppConfig,
  ConfigModule,
  DatabaseModule,
  HealthModule,
  LoggingModule,
  ProblemDetailsFilter,
  validationExceptionFactory,
} from '@canbo/platform';
import { QueueDashboardModule } from './queue-dashboard';

/** The HTTP API: one process, many replicas; no state of its own beyond the request. */
@Module({})
export class ApiModule {
  static register(env: Partial<Record<keyof AppConfig, string>> = {}): DynamicModule {
    const domain = [
      CommitteesModule,
      IdentityModule,
      CadresModule,
      AuditModule,
      ReportsModule,
      NotificationsModule,
      DeadlinesModule,
      RulebookModule,
      PlanningModule,
      AppointmentsModule,
      RotationModule,
      AppraisalModule,
      VotesModule,
    ];
    // Served under api/v1 like the domain: the API's own operator endpoints.
    const versioned = [...domain, QueueDashboardModule];
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(env),
        LoggingModule,
        DatabaseModule.forRoot({ http: true }),
        HealthModule,
        ...versioned,
        RouterModule.register(versioned.map((module) => ({ path: 'api/v1', module }))),
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            whitelist: true,
            forbidNonWhitelisted: true,
            transform: true,
            exceptionFactory: validationExceptionFactory,
          }),
        },
        // Order matters: who the caller is, then whether the route's policy lets them in.
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: PoliciesGuard },
      ],
    };
  }
}
