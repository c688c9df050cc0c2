import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CommitteeFilter, PageQuery, trimmed, toBoolean } from '@canbo/platform';

const IsDate = () => IsDateString({ strict: true }, { message: '$property must be a date (YYYY-MM-DD)' });

export const GENDERS = ['male', 'female'] as const;
export const CADRE_STATUSES = ['serving', 'rotated_out', 'retired', 'deceased', 'removed'] as const;
/** Lý luận chính trị: sơ cấp, trung cấp, cao cấp, cử nhân chính trị (counts as senior). */
export const POLITICAL_THEORY_LEVELS = ['elementary', 'intermediate', 'advanced', 'bachelor'] as const;
/** Kỷ luật: khiển trách, cảnh cáo, cách chức, khai trừ. */
export const DISCIPLINE_FORMS = ['reprimand', 'warning', 'removal_from_post', 'expulsion'] as const;
/** Xếp loại chất lượng: hoàn thành xuất sắc / tốt / hoàn thành / không hoàn thành nhiệm vụ. */
export const RATINGS = ['excellent', 'good', 'completed', 'not_completed'] as const;
export const FAMILY_RELATIONS = [
  'father',
  'mother',
  'spouse',
  'child',
  'sibling',
  'father_in_law',
  'mother_in_law',
  'spouse_sibling',
  'other',
] as const;

export class DisciplineDto {
  @ApiProperty({ enum: DISCIPLINE_FORMS }) @IsIn(DISCIPLINE_FORMS) form: (typeof DISCIPLINE_FORMS)[number];
  @ApiProperty({ format: 'date' }) @IsDate() decidedOn: string;
  @ApiPropertyOptional({ format: 'date', description: 'When the discipline stops having effect' })
  @IsOptional()
  @IsDate()
  effectUntil?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trimmed) @IsString() @Length(1, 100) decisionRef?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class FamilyMemberDto {
  @ApiProperty({ enum: FAMILY_RELATIONS }) @IsIn(FAMILY_RELATIONS) relation: (typeof FAMILY_RELATIONS)[number];
  @ApiProperty() @Transform(trimmed) @IsString() @Length(2, 200) fullName: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1880) @Max(2100) birthYear?: number;
  @ApiPropertyOptional() @IsOptional() @Transform(trimmed) @IsString() @MaxLength(300) hometown?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trimmed) @IsString() @MaxLength(300) occupation?: string;
  @ApiPropertyOptional({ description: 'Political and social affiliation' }) @IsOptional() @IsString() @MaxLength(1000) affiliation?: string;
  @ApiPropertyOptional({ description: 'Lives abroad' }) @IsOptional() @IsBoolean() abroad?: boolean;
}

/**
 * Optional, but never null: for fields whose column cannot be empty. (`@IsOptional()` also lets
 * null through, which would reach the database as a NOT NULL violation.)
 */
const Omittable = () => ValidateIf((_, value) => value !== undefined);

/** Fields both create and update take; the ones create requires are declared in each DTO. */
class CadreFieldsDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trimmed) @IsString() @MaxLength(100) religion?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trimmed) @IsString() @MaxLength(300) hometown?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDate() partyJoinDate?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDate() partyOfficialDate?: string;
  @ApiPropertyOptional({ example: 'Thạc sĩ Quản lý công' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(200)
  educationLevel?: string;
  @ApiPropertyOptional({ enum: POLITICAL_THEORY_LEVELS }) @IsOptional() @IsIn(POLITICAL_THEORY_LEVELS) politicalTheoryLevel?: string;
  @ApiPropertyOptional({ enum: CADRE_STATUSES }) @Omittable() @IsIn(CADRE_STATUSES) status?: (typeof CADRE_STATUSES)[number];

  @ApiPropertyOptional({ type: [DisciplineDto], description: 'Restricted' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DisciplineDto)
  discipline?: DisciplineDto[];

  @ApiPropertyOptional({ description: 'Restricted: internal political-protection notes' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  politicalNotes?: string;

  @ApiPropertyOptional({ type: [FamilyMemberDto], description: 'Restricted' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FamilyMemberDto)
  family?: FamilyMemberDto[];
}

export class CreateCadreDto extends CadreFieldsDto {
  @ApiProperty({ format: 'uuid', description: 'Where the cadre works' }) @IsUUID() committeeId: string;
  @ApiProperty({ format: 'uuid', description: 'Who manages the cadre (diện quản lý): the working committee or one above it' })
  @IsUUID()
  managingCommitteeId: string;
  @ApiProperty({ example: 'Nguyễn Văn Hùng' }) @Transform(trimmed) @IsString() @Length(2, 200) fullName: string;
  @ApiProperty({ enum: GENDERS }) @IsIn(GENDERS) gender: (typeof GENDERS)[number];
  @ApiProperty({ format: 'date' }) @IsDate() dateOfBirth: string;
  @ApiProperty({ example: 'Kinh' }) @Transform(trimmed) @IsString() @Length(1, 100) ethnicity: string;
}

export class UpdateCadreDto extends CadreFieldsDto {
  @ApiPropertyOptional({ description: 'The version you read (or send it as `If-Match`); a stale one gets 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
  @ApiPropertyOptional({ example: 'Nguyễn Văn Hùng' }) @Omittable() @Transform(trimmed) @IsString() @Length(2, 200) fullName?: string;
  @ApiPropertyOptional({ enum: GENDERS }) @Omittable() @IsIn(GENDERS) gender?: (typeof GENDERS)[number];
  @ApiPropertyOptional({ format: 'date' }) @Omittable() @IsDate() dateOfBirth?: string;
  @ApiPropertyOptional({ example: 'Kinh' }) @Omittable() @Transform(trimmed) @IsString() @Length(1, 100) ethnicity?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Transfer to another working committee' })
  @IsOptional()
  @IsUUID()
  committeeId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Hand management to another committee' })
  @IsOptional()
  @IsUUID()
  managingCommitteeId?: string;
}

export class ArchiveCadreDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty() @Transform(trimmed) @IsString() @Length(3, 1000) reason: string;
}

export class CreatePositionDto {
  @ApiProperty({ example: 'Phó Bí thư Huyện ủy' }) @Transform(trimmed) @IsString() @Length(1, 300) title: string;
  @ApiProperty({ example: 'Huyện ủy Nga Sơn' }) @Transform(trimmed) @IsString() @Length(1, 300) organisation: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() committeeId?: string;
  @ApiPropertyOptional({ description: 'Held alongside the main post (kiêm nhiệm)' }) @IsOptional() @IsBoolean() concurrent?: boolean;
  @ApiProperty({ format: 'date' }) @IsDate() startedOn: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDate() endedOn?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trimmed) @IsString() @Length(1, 100) decisionRef?: string;
}

export class EndPositionDto {
  @ApiProperty({ format: 'date' }) @IsDate() endedOn: string;
}

export class CreateEvaluationDto {
  @ApiProperty({ example: 2025 }) @IsInt() @Min(1945) @Max(2200) year: number;
  @ApiProperty({ enum: RATINGS }) @IsIn(RATINGS) rating: (typeof RATINGS)[number];
  @ApiPropertyOptional({ description: 'Points on the 100-point scale (QĐ 366)' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  score?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export const CADRE_SORTS = ['committee', 'name'] as const;

/** The filters a list and its total share; the committee (and its subtree) is the one where the cadre works. */
export class CadreFilter extends CommitteeFilter {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() managingCommitteeId?: string;
  @ApiPropertyOptional({ description: 'Name search that ignores diacritics ("nguyen van hung")' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
  @ApiPropertyOptional({ enum: GENDERS }) @IsOptional() @IsIn(GENDERS) gender?: string;
  @ApiPropertyOptional({ enum: CADRE_STATUSES }) @IsOptional() @IsIn(CADRE_STATUSES) status?: string;
  @ApiPropertyOptional({ description: 'Archived files instead of current ones' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  archived?: boolean;
}

export class CadreQuery extends IntersectionType(PageQuery, CadreFilter) {
  @ApiPropertyOptional({
    enum: CADRE_SORTS,
    description: '`committee`: tree order; `name`: Vietnamese order by given name, then full name',
  })
  @IsOptional()
  @IsIn(CADRE_SORTS)
  sort?: (typeof CADRE_SORTS)[number];
}

/** An export takes the list's filters and order; it is one file, so no page. */
export class CadreExportQuery extends OmitType(CadreQuery, ['limit', 'cursor'] as const) {}

export class CadreCountQuery extends CadreFilter {
  @ApiPropertyOptional({
    description: 'Count exactly even when that means counting rows (name search); otherwise such totals are estimated',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  exact?: boolean;
}

export class CadreCountView {
  @ApiProperty() total: number;
  @ApiProperty({ description: "false when the total is the planner's estimate" }) exact: boolean;
  @ApiProperty({ enum: ['tally', 'count', 'estimate'], description: 'running tallies, a counted query, or an estimate' }) source:
    'tally' | 'count' | 'estimate';
}

export class PositionView {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() organisation: string;
  @ApiProperty({ type: String, nullable: true }) committeeId: string | null;
  @ApiProperty() concurrent: boolean;
  @ApiProperty() startedOn: string;
  @ApiProperty({ type: String, nullable: true }) endedOn: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionRef: string | null;
}

export class EvaluationView {
  @ApiProperty() id: string;
  @ApiProperty() year: number;
  @ApiProperty({ enum: RATINGS }) rating: string;
  @ApiProperty({ type: Number, nullable: true }) score: number | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class CurrentPositionView {
  @ApiProperty() title: string;
  @ApiProperty() organisation: string;
  @ApiProperty() concurrent: boolean;
}

export class CadreView {
  @ApiProperty() id: string;
  @ApiProperty() committeeId: string;
  @ApiProperty() managingCommitteeId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: GENDERS }) gender: string;
  @ApiProperty() dateOfBirth: string;
  @ApiProperty() ethnicity: string;
  @ApiProperty({ type: String, nullable: true }) religion: string | null;
  @ApiProperty({ type: String, nullable: true }) hometown: string | null;
  @ApiProperty({ type: String, nullable: true }) partyJoinDate: string | null;
  @ApiProperty({ type: String, nullable: true }) partyOfficialDate: string | null;
  @ApiProperty({ type: String, nullable: true }) educationLevel: string | null;
  @ApiProperty({ enum: POLITICAL_THEORY_LEVELS, nullable: true }) politicalTheoryLevel: string | null;
  @ApiProperty({ type: [CurrentPositionView] }) currentPositions: CurrentPositionView[];
  @ApiProperty({ enum: CADRE_STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true }) archivedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) archivedReason: string | null;
  @ApiProperty({
    description:
      'The change stamp as the caller sees it (also the ETag): send it back to write. Changes to the restricted groups move it only for callers who may read them',
  })
  version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'The last change the caller can see (changes to the restricted groups only for those who may read them)' })
  updatedAt: string;
  @ApiPropertyOptional({ type: [PositionView], description: 'Work history (only on a single file)' }) positions?: PositionView[];
  @ApiPropertyOptional({ type: [EvaluationView], description: 'Yearly ratings (only on a single file)' }) evaluations?: EvaluationView[];
  @ApiPropertyOptional({ type: [DisciplineDto], description: 'Restricted' }) discipline?: DisciplineDto[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Restricted' }) politicalNotes?: string | null;
  @ApiPropertyOptional({ type: [FamilyMemberDto], description: 'Restricted' }) family?: FamilyMemberDto[];
}

/** One keyset page of files (GET /cadres). */
export class CadrePageView {
  @ApiProperty({ type: [CadreView], description: 'Files as the caller may see them (no work history or ratings in a list)' })
  items: CadreView[];
  @ApiProperty({ type: String, nullable: true, description: "The next page's cursor; null on the last page" }) nextCursor: string | null;
}

export class CadreImportQuery {
  @ApiProperty({ format: 'uuid', description: 'The committee the files are opened in (where they work and who manages them)' })
  @IsUUID()
  committeeId: string;
  @ApiPropertyOptional({ description: 'Check every row and report, writing nothing' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  dryRun?: boolean;
}

export class CadreImportErrorView {
  @ApiProperty({ description: "The row's number in the spreadsheet (the header is row 1 in the template)" }) row: number;
  @ApiProperty({ description: 'The field as POST /cadres names it (`fullName`, `dateOfBirth`…)' }) field: string;
  @ApiProperty({ description: 'Its column header in the sheet ("Ngày sinh")' }) column: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional({
    description: "The check that refused the value, when it is one of the DTO's (`isDateString`, `isIn`…), or `duplicate`",
  })
  code?: string;
}

export class CadreImportReportView {
  @ApiProperty({ description: 'Files opened (with dryRun: files that would be)' }) imported: number;
  @ApiProperty({ description: 'Rows refused; none of them was written' }) rejected: number;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ type: [CadreImportErrorView], description: 'Why rows were refused, by row (at most 1,000 listed)' })
  errors: CadreImportErrorView[];
  @ApiProperty({ description: 'Errors beyond those listed' }) errorsNotListed: number;
}
