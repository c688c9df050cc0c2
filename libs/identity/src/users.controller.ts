import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@canbo/access';
import { IdParam, Page } from '@canbo/platform';
import { AssignmentQuery, AssignmentView, CreateUserDto, GrantRoleDto, UpdateUserDto, UserQuery, UserView } from './identity.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('users')
  @Authorize('read', 'RoleAssignment')
  @ApiOperation({ summary: 'Users with a role in a committee the caller can see' })
  list(@Query() query: UserQuery): Promise<Page<UserView>> {
    return this.users.list(query);
  }

  @Get('users/:id')
  @Authorize('read', 'RoleAssignment')
  @ApiOperation({ summary: 'One user with a role in a committee the caller can see' })
  @ApiOkResponse({ type: UserView })
  get(@IdParam() id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Post('users')
  @Authorize('grant', 'RoleAssignment')
  @ApiOperation({ summary: 'Create an account together with its first role assignment' })
  @ApiCreatedResponse({ type: UserView })
  create(@Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(dto);
  }

  @Patch('users/:id')
  @Authorize('revoke', 'RoleAssignment')
  @ApiOperation({ summary: 'Change display name, e-mail or status of an account whose every role the caller may revoke' })
  @ApiOkResponse({ type: UserView })
  update(@IdParam() id: string, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.users.update(id, dto);
  }

  @Get('role-assignments')
  @Authorize('read', 'RoleAssignment')
  @ApiOperation({ summary: 'Role assignments in committees the caller can see' })
  listAssignments(@Query() query: AssignmentQuery): Promise<Page<AssignmentView>> {
    return this.users.listAssignments(query);
  }

  @Post('role-assignments')
  @Authorize('grant', 'RoleAssignment')
  @ApiOperation({ summary: 'Grant a role at a committee, within the delegation ceiling (downwards only, never to oneself)' })
  @ApiCreatedResponse({ type: AssignmentView })
  grant(@Body() dto: GrantRoleDto): Promise<AssignmentView> {
    return this.users.grant(dto);
  }

  @Post('role-assignments/:id/revoke')
  @HttpCode(200)
  @Authorize('revoke', 'RoleAssignment')
  @ApiOperation({ summary: 'Revoke a role assignment the caller may revoke' })
  @ApiOkResponse({ type: AssignmentView })
  revoke(@IdParam() id: string): Promise<AssignmentView> {
    return this.users.revoke(id);
  }
}
