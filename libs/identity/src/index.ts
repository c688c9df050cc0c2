export { IdentityModule } from './identity.module';
export { AuthenticationGuard } from './authentication.guard';
export { UnauthorizedProblem } from './unauthorized.problem';
export { bearerUserId } from './bearer-token';
export { ActorLoader } from './actor.loader';
export { hashPassword, PasswordChecker } from './passwords';
export { UserView, AssignmentView } from './identity.dto';
export { UsersService } from './users.service';
export {
  RoleHoldersModule,
  RoleHoldersService,
  RoleHolders,
  ROLE_HOLDER_COLUMNS,
  type RoleHolder,
  type Contact,
} from './role-holders.module';
