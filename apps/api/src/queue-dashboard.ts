import { Module } from '@nestjs/common';
import { IdentityModule } from '@canbo/identity';
import { QueueDashboardAccess } from './queue-dashboard.access';
import { QueueDashboard } from './queue-dashboard.board';
import { QueueDashboardController } from './queue-dashboard.controller';
import { DashboardQueues } from './queue-dashboard.queues';
import { QueueDashboardSessions } from './queue-dashboard.session';

export { QueueDashboard } from './queue-dashboard.board';
export { QUEUE_DASHBOARD_PATH } from './queue-dashboard.session';

/**
 * The operators' queue dashboard: Bull Board at /admin/queues (mounted by the app with
 * `QueueDashboard.mount`, as it is a raw Fastify plugin), and the endpoint that opens a browser
 * session for it.
 */
@Module({
  imports: [IdentityModule],
  controllers: [QueueDashboardController],
  providers: [QueueDashboardSessions, QueueDashboardAccess, DashboardQueues, QueueDashboard],
})
export class QueueDashboardModule {}
