import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf, validateSync } from 'class-validator';
import { BACKUP_KEY_PATTERN } from '../backup/backup-encryption';

const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value);
// Identity texts are shown on every page and in every export: one line each, no control characters.
const ONE_LINE = /^[^\u0000-\u001f\u007f]+$/;
const ONE_LINE_MESSAGE = { message: 'must be one line of text, without control characters' };
// A postal address may span lines (shown as such); still no other control character.
const POSTAL = /^[^\u0000-\u0009\u000b-\u001f\u007f]+$/;
const PHONE = /^\+?[0-9][0-9 .()-]{3,24}$/;
const PHONE_MESSAGE = { message: 'must be a phone number (digits, spaces, dots, dashes, an optional leading +)' };
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
// An .env file or a compose file cannot easily hold a line break: `\n` written out stands for one.
const toPostalAddress = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\\n/g, '\n').trim() : value);

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Every setting the service reads from the environment, with its default. */
export class EnvironmentVariables {
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Any PostgreSQL; when absent an embedded PostgreSQL keeps its data under DATA_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /**
   * The service's own role, allowed only to read and write the rows of its tables; DATABASE_URL is
   * then the owner's, used by migrations and the CLI. Unset: the service connects with
   * DATABASE_URL (a single-user server; the service warns at start-up).
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_SERVICE_URL?: string;

  @IsString()
  @MinLength(1)
  DATA_DIR = './.data';

  // 11 is the small-cell rule of the French health data system for published tables.
  @Transform(toInteger)
  @IsInt()
  @Min(11)
  MIN_GROUP_SIZE = 11;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(365)
  THRESHOLD_DAYS = 30;

  /** Server-side limit of one SQL statement; long jobs raise it in their own transaction. */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DB_STATEMENT_TIMEOUT_MS = 5_000;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(500)
  DB_POOL_MAX = 20;

  /** How long a request waits for a database connection before it is answered 503. */
  @Transform(toInteger)
  @IsInt()
  @Min(50)
  @Max(60_000)
  DB_POOL_WAIT_MS = 800;

  /** Start-up: attempts to reach the database before giving up (exit 1). */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1_000)
  DB_CONNECT_RETRIES = 30;

  @Transform(toInteger)
  @IsInt()
  @Min(10)
  @Max(60_000)
  DB_CONNECT_RETRY_DELAY_MS = 2_000;

  // Off: the client address is the socket's, X-Forwarded-* ignored. `true` trusts every hop,
  // a number that many hops, or a comma-separated list of proxy addresses/CIDRs.
  @IsOptional()
  @Matches(/^(false|true|\d{1,2}|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, {
    message: 'must be false, true, a hop count, or a comma-separated list of addresses/CIDRs',
  })
  TRUST_PROXY = 'false';

  /**
   * The address people reach the service at (`https://ij.example.org`), for the links a file
   * carries outside the site (the calendar reminder). Unset: taken from the request (Host, and
   * X-Forwarded-Proto/-Host through a trusted proxy).
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+$/, { message: 'must be http(s)://host[:port], without a path' })
  PUBLIC_URL?: string;

  /** Where new alerts are POSTed as JSON after each release (a union's chat or tool); none: no push. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s):// URL' })
  ALERT_WEBHOOK_URL?: string;

  /** Origins allowed to call the API from a browser (comma-separated); empty: CORS closed. */
  @IsOptional()
  @Matches(/^(https?:\/\/[^\s,/]+)(\s*,\s*https?:\/\/[^\s,/]+)*$/, { message: 'must be a comma-separated list of http(s)://host[:port] origins' })
  CORS_ORIGINS?: string;

  /** Reports whose leave is older than this are deleted by the purge job. */
  @Transform(toInteger)
  @IsInt()
  @Min(12)
  @Max(240)
  RETENTION_MONTHS = 36;

  /** The purge job (coarsening, retention, expired keys) runs every this many hours; 0: never. */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(24 * 7)
  PURGE_INTERVAL_HOURS = 24;

  /** Entries of the audit log older than this are deleted by the purge job. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(120)
  AUDIT_RETENTION_MONTHS = 12;

  /** Folder of the scheduled backups; unset: the service writes none (the CLI still can). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  BACKUP_DIR?: string;

  /** A backup into BACKUP_DIR every this many hours; 0: none (old ones are still deleted). */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(24 * 7)
  BACKUP_INTERVAL_HOURS = 24;

  /** Backups in BACKUP_DIR older than this are deleted: the longest an erased report survives. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(366)
  BACKUP_RETENTION_DAYS = 30;

  /** The age secret key backups are encrypted with (`npm run cli -- backup:key`); required with BACKUP_DIR. */
  @ValidateIf((env: EnvironmentVariables) => env.BACKUP_DIR !== undefined || env.BACKUP_ENCRYPTION_KEY !== undefined)
  @Matches(BACKUP_KEY_PATTERN, { message: 'must be an age secret key (AGE-SECRET-KEY-1…, made by npm run cli -- backup:key); required with BACKUP_DIR' })
  BACKUP_ENCRYPTION_KEY?: string;

  // At most a week: timers cannot wait longer than 2^31 ms (about 24.8 days).
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 60)
  STATS_REFRESH_MINUTES = 60;

  /**
   * Days between two noisy releases of one cell (docs/privacy.md): each release spends privacy,
   * so a cell's figures change at most this often whatever the refreshes. 0 only for tests.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(92)
  STATS_RELEASE_DAYS = 7;

  /** Anonymous POST /api/reports needs a solved ALTCHA challenge; false for local demos only. */
  @Transform(toBoolean)
  @IsBoolean()
  POW_REQUIRED = true;

  /** HMAC key of the challenges; absent: one generated into the database, shared by every instance. */
  @IsOptional()
  @IsString()
  @MinLength(32)
  POW_SECRET?: string;

  /** PBKDF2-SHA256 iterations per attempt; a solve takes on average POW_COST × 2/3 × POW_MAX_COUNTER iterations. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  POW_COST = 1_000;

  /** The secret counter is drawn from [POW_MAX_COUNTER / 3, POW_MAX_COUNTER]. */
  @Transform(toInteger)
  @IsInt()
  @Min(3)
  @Max(1_000_000)
  POW_MAX_COUNTER = 600;

  /** Per-address limits kept in PostgreSQL (keyed daily hashes); false for local demos and load tests. */
  @Transform(toBoolean)
  @IsBoolean()
  RATE_LIMIT_ENABLED = true;

  /** Anonymous report submissions (API and /signaler) per address and clock hour. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_REPORTS_PER_HOUR = 20;

  /** Receipt look-ups and changes (API and /mon-signalement), and challenges, per address and clock hour. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_READS_PER_HOUR = 600;

  /** Swagger UI at /api/docs and the OpenAPI document at /api/docs-json; false hides both (404). */
  @Transform(toBoolean)
  @IsBoolean()
  API_DOCS = true;

  /** Prometheus metrics at /metrics (request counts and latencies by route pattern, pool, statistics); off by default. */
  @Transform(toBoolean)
  @IsBoolean()
  METRICS_ENABLED = false;

  /** 0: /metrics on the service's own port; another port: served there only, for a scraper on a private network. */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT = 0;

  /** Likely duplicates and implausible dates are stored `flagged` for review; false for demos and load tests. */
  @Transform(toBoolean)
  @IsBoolean()
  MODERATION_SIGNALS = true;

  // The hosting union's identity (src/organisation/): shown in the header and footer, on
  // /mentions-legales and /confidentialite, in every export and on the campaign material. The
  // required ones (REQUIRED_IDENTITY_SETTINGS) do not stop the service: until they are set, a
  // warning is logged and every page carries an "instance non configurée" banner.

  /** The union that runs the service: the publisher and the data controller. */
  @IsOptional()
  @Transform(trimmed)
  @MaxLength(120)
  @Matches(ONE_LINE, ONE_LINE_MESSAGE)
  ORGANISATION_NAME?: string;

  /** Its postal address (registered office); line breaks written as `\n` in the value or real ones. */
  @IsOptional()
  @Transform(toPostalAddress)
  @MaxLength(300)
  @Matches(POSTAL, { message: 'must be a postal address (text, line breaks allowed, no other control character)' })
  ORGANISATION_ADDRESS?: string;

  /** Where people write to the controller, and exercise their rights. */
  @IsOptional()
  @Transform(trimmed)
  @IsEmail({}, { message: 'must be an e-mail address' })
  ORGANISATION_EMAIL?: string;

  @IsOptional()
  @Transform(trimmed)
  @Matches(PHONE, PHONE_MESSAGE)
  ORGANISATION_PHONE?: string;

  /** Opening hours of the union's help line, free text ("du lundi au vendredi, 9 h – 17 h"). */
  @IsOptional()
  @Transform(trimmed)
  @MaxLength(200)
  @Matches(ONE_LINE, ONE_LINE_MESSAGE)
  ORGANISATION_HOURS?: string;

  @IsOptional()
  @Transform(trimmed)
  @Matches(/^https:\/\/[^\s/?#]+(\/[^\s]*)?$/, { message: 'must be an https:// address' })
  @MaxLength(300)
  ORGANISATION_WEBSITE?: string;

  /** How to reach the data protection officer (an e-mail, an address); absent: none designated. */
  @IsOptional()
  @Transform(trimmed)
  @MaxLength(300)
  @Matches(ONE_LINE, ONE_LINE_MESSAGE)
  DPO_CONTACT?: string;

  /** The publication director (LCEN art. 6 III): a person's name and role. */
  @IsOptional()
  @Transform(trimmed)
  @MaxLength(160)
  @Matches(ONE_LINE, ONE_LINE_MESSAGE)
  PUBLICATION_DIRECTOR?: string;

  /** The host of the server (LCEN art. 6 III): the union itself or its hosting provider. */
  @IsOptional()
  @Transform(trimmed)
  @MaxLength(160)
  @Matches(ONE_LINE, ONE_LINE_MESSAGE)
  HOST_NAME?: string;

  @IsOptional()
  @Transform(toPostalAddress)
  @MaxLength(300)
  @Matches(POSTAL, { message: 'must be a postal address (text, line breaks allowed, no other control character)' })
  HOST_ADDRESS?: string;

  @IsOptional()
  @Transform(trimmed)
  @Matches(PHONE, PHONE_MESSAGE)
  HOST_PHONE?: string;
}

export class InvalidEnvironmentError extends Error {}

// Named in the error, never shown: a start-up log must not carry a key, even a mistyped one.
const SECRET_SETTINGS = ['POW_SECRET', 'BACKUP_ENCRYPTION_KEY'];

/** Validates the environment; throws one error naming every bad variable. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''));
  const env = plainToInstance(EnvironmentVariables, defined);
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((error) => {
      const reasons = Object.values(error.constraints ?? {}).join(', ');
      const shown = SECRET_SETTINGS.includes(error.property) && error.value !== undefined ? '(hidden)' : JSON.stringify(error.value);
      return `${error.property}=${shown}: ${reasons}`;
    });
    throw new InvalidEnvironmentError(`Invalid environment:\n  ${lines.join('\n  ')}`);
  }
  return env;
}
