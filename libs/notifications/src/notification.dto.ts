import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQuery, toBoolean } from '@canbo/platform';

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The committee the notice is about' }) committeeId: string;
  @ApiProperty({ example: 'deadline.reminder', description: 'deadline.reminder, deadline.due, deadline.overdue, deadline.escalation' })
  kind: string;
  @ApiProperty({ example: 'Nhắc hạn: Nộp hồ sơ quy hoạch' }) title: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, nullable: true, example: 'Deadline' }) entityType: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) entityId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) readAt: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['pending', 'sent', 'failed'] },
    description: 'Delivery state per channel besides the inbox: { email: "pending" | "sent" | "failed" }',
    example: { email: 'sent' },
  })
  deliveries: Record<string, string>;
}

export class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only notices not read yet' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unread?: boolean;
}

export class UnreadCountView {
  @ApiProperty() count: number;
}

export class ReadAllView {
  @ApiProperty({ description: 'How many notices were marked read' }) updated: number;
}
