import { Module } from '@nestjs/common';
import { CommitteesModule } from '@canbo/committees';
import { NotificationsModule } from '@canbo/notifications';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesService } from './deadlines.service';

@Module({ imports: [CommitteesModule, NotificationsModule], controllers: [DeadlinesController], providers: [DeadlinesService], exports: [DeadlinesService] })
export class DeadlinesModule {}
