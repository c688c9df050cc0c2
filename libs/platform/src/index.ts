export { APP_ROLE, AppConfig, InvalidConfigError, appDatabaseUrlOf, loadConfig } from './config/app-config';
export { ConfigModule } from './config/config.module';
export { SnakeNamingStrategy } from './database/naming-strategy';
export { dataSourceOptions } from './database/data-source-options';
export { Where } from './database/where';
export { likeContaining, foldedLikeContaining } from './database/like';
export { DatabaseModule } from './database/database.module';
export { Sql } from './database/sql';
export {
  type DbScope,
  SCOPE_GENERIC_SQL,
  SYSTEM_SCOPE,
  WHOLE_TREE,
  WHOLE_TREE_SCOPE_SQL,
  REACH_COMMITTEE_SQL,
  asSystem,
  currentDbScope,
  SCOPE_SQL,
  scopeOfRanges,
  scopeStatement,
  scopeValues,
  setDbScope,
} from './database/scope';
export { ScopedClient } from './database/scoped-client';
export {
  Problem,
  ValidationProblem,
  NotFoundProblem,
  ForbiddenProblem,
  VersionConflictProblem,
  ConflictProblem,
  RuleViolationProblem,
  type FieldError,
  type ProblemBody,
  isUniqueViolation,
} from './errors/problems';
export { validationExceptionFactory, flattenValidationErrors, isEchoableName } from './errors/validation';
export { ProblemDetailsFilter } from './errors/problem-details.filter';
export { LoggingModule } from './logging/logging.module';
export { requestIdOf, correlationIdOf } from './logging/request-id';
export { redactedUrl } from './logging/redacted-url';
export { PageQuery, MAX_PAGE_SIZE, type Page, encodeCursor, decodeCursor, toPage } from './http/pagination';
export { redisConnection, producerConnection } from './queue/redis';
export { QueueName, Jobs, jobIdOf, jobOptions, type JobDefinition, type JobName, type Envelope } from './queue/queues';
export { Outbox, OutboxOutsideTransactionError } from './queue/outbox';
export { OutboxRelay } from './queue/outbox-relay';
export { CommitteeFilter, CommitteeScopedQuery, type CommitteeRange, committeeRangeOf } from './http/committee-filter';
export { IdParam } from './http/id-param';
export { Public, IS_PUBLIC } from './http/public';
export { HealthModule, RedisHealthIndicator } from './health/health';
export { toBoolean, trimmed } from './http/transforms';
export { IfMatch, etagOf, expectedVersion } from './http/version';
export {
  XLSX_MEDIA_TYPE,
  XLSX_DATE_FORMAT,
  type XlsxReply,
  type XlsxWorkbook,
  type XlsxColumn,
  type FigureTable,
  XlsxExport,
  coverage,
  sendXlsx,
  xlsxDate,
  xlsxFilename,
  xlsxTable,
  writeFigures,
  sendFigures,
  vnDate,
  type Figures,
} from './http/xlsx';
export { groupBy, chunk, givenChanges } from './collections';
export { type Transition, type Workflow, workflowOf, StepForbiddenProblem } from './workflow/workflow';
export { oneByOne } from './workflow/one-by-one';
