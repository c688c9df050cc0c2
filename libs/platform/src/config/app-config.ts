import { plainToInstance, Transform } from 'class-transformer';
import { availableParallelism } from 'node:os';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength, validateSync } from 'class-validator';

/** The role the API and the worker connect as by default; the row-level-security migration creates it. */
export const APP_ROLE = 'canbo_app';

/**
 * Where the API and the worker connect: APP_DATABASE_URL, else DATABASE_URL with the user replaced by
 * the app role (same password, if any: `npm run migrate` gives the role the password of this URL).
 */
export function appDatabaseUrlOf(databaseUrl: string, explicit?: string): string {
  if (explicit) return explicit;
  const url = new URL(databaseUrl);
  url.username = APP_ROLE;
  return url.toString();
}

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
/** `true`/`1`/`yes` and `false`/`0`/`no`; anything else is left as given, so validation names the setting. */
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  return ['true', '1', 'yes'].includes(v) ? true : ['false', '0', 'no'].includes(v) ? false : value;
};

/**
 * Every setting the processes read, validated once at boot: a process with bad config refuses to start
 * instead of failing on the first request that needs the setting.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  /** The schema owner's connection: migrations, seeding and bulk loads. The API and the worker do not use it. */
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/canbo';

  /**
   * The API's and the worker's connection: a role that owns no table, so row-level security binds it
   * (migration 1764600000000 creates `canbo_app` and grants it the tables). Unset, it is DATABASE_URL with
   * the user replaced by `canbo_app` (see appDatabaseUrlOf). In production set it in full, with the app
   * role's own password: `npm run migrate`, as the owner, gives the role the password of this URL.
   */
  @IsOptional()
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  APP_DATABASE_URL?: string;

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every BullMQ key, so several deployments (or test suites) can share one Redis. */
  @IsString()
  @MinLength(1)
  QUEUE_PREFIX = 'canbo';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** The worker has no API; it answers /health/live and /health/ready on this port. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HEALTH_PORT = 3001;

  /** The port `npm run demo` serves the portal on (scripts/portal/serve.ts). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORTAL_PORT = 4200;

  /** The only origin CORS allows: the portal's. Unset, it is http://localhost:<PORTAL_PORT>. */
  @IsUrl({ require_tld: false, require_protocol: true })
  PORTAL_ORIGIN = 'http://localhost:4200';

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET: string;

  /** Access-token lifetime in seconds (15 minutes unless configured). */
  @Transform(toInt)
  @IsInt()
  @Min(30)
  ACCESS_TOKEN_TTL = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  REFRESH_TOKEN_TTL_DAYS = 14;

  /** Failed logins before the account is locked, and for how long. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOCKOUT_THRESHOLD = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOCKOUT_MINUTES = 15;

  /** Login attempts allowed per client IP per minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT = 20;

  /**
   * Login attempts allowed per submitted username per minute, from all addresses together (a spread
   * guessing attack on one account). Counted for any username, existing or not, so a 429 says nothing
   * about whether the account exists.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_USERNAME_RATE_LIMIT = 10;

  /**
   * Password checks (argon2) run at once in one API process; a login beyond those (and a short queue)
   * is answered 503 with Retry-After. One argon2id check already keeps 4 threads busy for ~0.1–0.2 s
   * (memory 64 MiB, parallelism 4), so the default is one check per two cores: a login storm then
   * cannot take the CPU (or, since no connection is held while hashing, the database) from other requests.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  LOGIN_CONCURRENCY = Math.max(1, Math.floor(availableParallelism() / 2));

  /**
   * Set when the API runs behind a reverse proxy that terminates TLS and overwrites X-Forwarded-For
   * and X-Forwarded-Proto: Fastify then takes the client address and the scheme from those headers
   * (per-address throttling, the audit trail's source address, `Secure` cookies). Off by default:
   * without such a proxy in front, any client could forge those headers.
   */
  @Transform(toBool)
  @IsBoolean({ message: 'TRUST_PROXY must be true or false' })
  TRUST_PROXY = false;

  /** How long a user's compiled ability may be reused (changes invalidate it at once through Redis); 0 turns the cache off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  ACTOR_CACHE_SECONDS = 60;

  /**
   * Up to this many files in scope, a name search walks the scope in tree order instead of using the
   * trigram index (measured: faster for a province, slower for the whole country).
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SEARCH_SCAN_LIMIT = 60_000;

  /**
   * Outgoing mail (`smtp://host:port`, `smtps://user:pass@host`). Empty turns the e-mail channel off:
   * notifications then go to the in-app inbox only.
   */
  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
  SMTP_URL?: string;

  /** The sender of notification e-mail. */
  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Canbo <no-reply@canbo.local>';

  /**
   * When the worker scans deadlines each day (cron, Vietnam time). It also scans once when it starts,
   * so a restarted worker catches up on a day it missed.
   */
  @IsString()
  @MinLength(9)
  DEADLINE_SCAN_CRON = '0 7 * * *';

  /**
   * When the worker takes the day's checkpoint of every audit chain head (cron, Vietnam time); also once
   * when it starts, one per day whatever the number of runs.
   */
  @IsString()
  @MinLength(9)
  AUDIT_CHECKPOINT_CRON = '0 1 * * *';

  /**
   * Jobs in flight per worker process and queue (bench.md: 50 is BullMQ's sweet spot), and how long a
   * job's lock lasts: a worker that dies mid-job has its jobs taken over by another after this long.
   * BullMQ takes both when a worker is built, from the process environment (see apps/worker).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  WORKER_CONCURRENCY = 50;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  JOB_LOCK_MS = 30_000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Where the API and the worker connect (see APP_DATABASE_URL). */
  get appDatabaseUrl(): string {
    return appDatabaseUrlOf(this.DATABASE_URL, this.APP_DATABASE_URL);
  }
}

export class InvalidConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  // The portal's origin follows its port unless set in full.
  if (!defined.PORTAL_ORIGIN && defined.PORTAL_PORT && /^\d+$/.test(defined.PORTAL_PORT))
    defined.PORTAL_ORIGIN = `http://localhost:${defined.PORTAL_PORT}`;
  const config = plainToInstance(AppConfig, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  ${e.property}: ${m}`));
    throw new InvalidConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
