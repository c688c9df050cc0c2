import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min } from 'class-validator';
import { ROLES, Role } from '@canbo/access';
import { CommitteeScopedQuery, PageQuery, trimmed } from '@canbo/platform';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class LoginDto {
  @ApiProperty({ example: 'admin.th' }) username: string;
  @ApiProperty({ example: 'demo-Passw0rd!' }) password: string;
}

export class RefreshDto {
  @ApiProperty() @IsString() @Length(10, 200) refreshToken: string;
}

export class TokenPairView {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
}

export class AssignmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() username: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'uuid' }) committeeId: string;
  @ApiProperty() committeeCode: string;
  @ApiProperty() committeeName: string;
  @ApiProperty() grantedAt: string;
  @ApiProperty({ type: String, nullable: true }) revokedAt: string | null;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ enum: ['active', 'disabled'] }) status: string;
  @ApiProperty() version: number;
}

export class MeView {
  @ApiProperty() user: UserView;
  @ApiProperty({ type: [AssignmentView] }) assignments: AssignmentView[];
  @ApiProperty({ description: "The caller's CASL rules, packed with @casl/ability/extra packRules" }) rules: unknown[];
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const PASSWORD_HINT = 'password must be 10–256 characters with a letter and a digit';
/** The password policy: an account's first password and every later one alike. */
const PASSWORD_POLICY = /(?=.*\p{L})(?=.*\d)/u;

export class GrantRoleDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() committeeId: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
}

export class CreateUserDto {
  @ApiProperty({ example: 'officer.ns', pattern: USERNAME.source })
  @Transform(lower)
  @IsString()
  @Matches(USERNAME, { message: 'username must be 3–64 lower-case letters, digits, ".", "_" or "-"' })
  username: string;

  @ApiProperty({ example: 'Nguyễn Thị Hoa' }) @Transform(trimmed) @IsString() @Length(1, 200) displayName: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;

  @ApiProperty({ description: PASSWORD_HINT })
  @IsString()
  @Length(10, 256, { message: PASSWORD_HINT })
  @Matches(PASSWORD_POLICY, { message: PASSWORD_HINT })
  password: string;

  @ApiProperty({ format: 'uuid', description: 'The committee of the first role assignment' }) @IsUUID() committeeId: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
}

/** One's own password: the current one (checked like a sign-in) and the new one, under the same policy as an account's first. */
export class ChangePasswordDto {
  @ApiProperty() @IsString() @Length(1, 256) currentPassword: string;

  @ApiProperty({ description: PASSWORD_HINT })
  @IsString()
  @Length(10, 256, { message: PASSWORD_HINT })
  @Matches(PASSWORD_POLICY, { message: PASSWORD_HINT })
  newPassword: string;
}

export class UpdateUserDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @Transform(trimmed) @IsString() @Length(1, 200) displayName?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional({ enum: ['active', 'disabled'] }) @IsOptional() @IsIn(['active', 'disabled']) status?: 'active' | 'disabled';
}

/** The live role assignments of a committee (by default with those below it), a user, a role. */
export class AssignmentQuery extends CommitteeScopedQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() userId?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
}

export class UserQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Part of the username or display name' }) @IsOptional() @IsString() @Length(1, 100) q?: string;
}
