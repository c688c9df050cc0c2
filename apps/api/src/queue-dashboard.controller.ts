import { Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNoContentResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authorize, currentActor } from '@canbo/access';
import { QUEUE_DASHBOARD_PATH, QueueDashboardSessions, SESSION_COOKIE, SESSION_SECONDS } from './queue-dashboard.session';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('queue-dashboard')
export class QueueDashboardController {
  constructor(private readonly sessions: QueueDashboardSessions) {}

  @Post('session')
  @HttpCode(204)
  @Authorize('manage', 'Queue')
  @ApiOperation({
    summary: `Open the queue dashboard (${QUEUE_DASHBOARD_PATH}) in a browser: sets a 15-minute cookie for that path (operators)`,
  })
  @ApiNoContentResponse({
    description: 'The session cookie is set',
    headers: {
      'Set-Cookie': {
        description: `${SESSION_COOKIE}=<token>; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${SESSION_SECONDS}`,
        schema: { type: 'string' },
      },
    },
  })
  @ApiUnauthorizedResponse({ description: 'No valid access token' })
  @ApiForbiddenResponse({ description: 'The caller is not an operator' })
  async open(@Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const token = await this.sessions.open(currentActor().userId);
    // `https` directly, or (only with TRUST_PROXY) as the TLS proxy's X-Forwarded-Proto says.
    reply.header('set-cookie', this.sessions.cookie(token, reply.request.protocol === 'https'));
  }
}
