import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyAuthenticated } from '@canbo/access';
import { IdParam, Page } from '@canbo/platform';
import { NotificationQuery, NotificationView, ReadAllView, UnreadCountView } from './notification.dto';
import { NotificationsService } from './notifications.service';

/** The caller's own inbox: everyone signed in has one, and sees nobody else's. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @AnyAuthenticated()
  @ApiOperation({ summary: "The caller's inbox, newest first" })
  inbox(@Query() query: NotificationQuery): Promise<Page<NotificationView>> {
    return this.notifications.inbox(query);
  }

  @Get('unread-count')
  @ApiOkResponse({ type: UnreadCountView })
  @AnyAuthenticated()
  @ApiOperation({ summary: 'How many notices the caller has not read' })
  async unreadCount(): Promise<UnreadCountView> {
    return { count: await this.notifications.unreadCount() };
  }

  @Post('read-all')
  @ApiOkResponse({ type: ReadAllView })
  @HttpCode(200)
  @AnyAuthenticated()
  @ApiOperation({ summary: "Marks all the caller's notices read" })
  async readAll(): Promise<ReadAllView> {
    return { updated: await this.notifications.markAllRead() };
  }

  @Post(':id/read')
  @ApiOkResponse({ type: NotificationView })
  @HttpCode(200)
  @AnyAuthenticated()
  @ApiOperation({ summary: "Marks one notice read (another person's notice is 404)" })
  read(@IdParam() id: string): Promise<NotificationView> {
    return this.notifications.markRead(id);
  }
}
