import { Module } from '@nestjs/common';
import { RoleHoldersRepository } from './role-holders.repository';
import { RoleHoldersService } from './role-holders.service';

// What this part of identity offers, exported in one line from the lib's index.
export { RoleHoldersService, RoleHolders } from './role-holders.service';
export { ROLE_HOLDER_COLUMNS, type RoleHolder, type Contact } from './role-holders.repository';

/**
 * Role holders and their contacts, apart from IdentityModule: it needs only the database, so the
 * worker (which has no login, Passport or JWT) can import it.
 */
@Module({ providers: [RoleHoldersRepository, RoleHoldersService], exports: [RoleHoldersService] })
export class RoleHoldersModule {}
