import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error';
import type { EnvironmentVariables } from '../config/env';
import { parisToday } from '../config/paris-date';
import { ServerSecretsService } from './server-secrets.service';

/** What is counted: report intake (with the report, in its intake statement), receipt look-ups and changes, challenges issued. */
export type RateLimitBucket = 'reports' | 'receipts' | 'challenges';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/**
 * One statement, atomic across instances: the row is created or incremented, and the new count
 * read. Run alone by `consume`, and as the first CTE of report intake (intake-statement.ts).
 */
export function countRequestSql(addressHash: string, bucket: string, windowStart: string): string {
  return `
  INSERT INTO rate_limit_counters (address_hash, bucket, window_start, count)
  VALUES (${addressHash}, ${bucket}, ${windowStart}, 1)
  ON CONFLICT (address_hash, bucket, window_start) DO UPDATE SET count = rate_limit_counters.count + 1
  RETURNING count`;
}

const COUNT_REQUEST = countRequestSql('$1', '$2', '$3');

/** Where one sender's requests are counted, and how many the window allows. */
export interface RateWindow {
  addressHash: Buffer;
  windowStart: Date;
  windowMs: number;
  limit: number;
}

/** 429 RATE_LIMITED, with Retry-After in seconds to the end of the window. */
export function rateLimited(window: RateWindow, now: Date = new Date()): ApiError {
  const retryAfterSeconds = Math.max(1, Math.ceil((window.windowStart.getTime() + window.windowMs - now.getTime()) / 1000));
  return new ApiError(HttpStatus.TOO_MANY_REQUESTS, 'RATE_LIMITED', `Too many requests from this address; retry in ${retryAfterSeconds} s`, undefined, retryAfterSeconds);
}

/**
 * Fixed-window limits per client address, counted in PostgreSQL so every instance sees the same
 * counts. The address is only ever stored as an HMAC under the day's key (ServerSecretsService).
 */
@Injectable()
export class RateLimitService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly serverSecrets: ServerSecretsService,
  ) {}

  /** Counts one request; 429 RATE_LIMITED with Retry-After (seconds to the window's end) past the limit. */
  async consume(bucket: RateLimitBucket, address: string, now: Date = new Date()): Promise<void> {
    const window = await this.windowOf(bucket, address, now);
    if (window === undefined) return;
    const [{ count }]: { count: number }[] = await this.dataSource.query(COUNT_REQUEST, [window.addressHash, bucket, window.windowStart]);
    if (count > window.limit) throw rateLimited(window, now);
  }

  /**
   * The sender's current window in `bucket` (undefined when limits are off), for a caller that
   * counts the request in a statement of its own: report intake counts it with the report.
   */
  async windowOf(bucket: RateLimitBucket, address: string, now: Date = new Date()): Promise<RateWindow | undefined> {
    if (!this.config.get('RATE_LIMIT_ENABLED', { infer: true })) return undefined;
    const { limit, windowMs } = this.limitOf(bucket);
    const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
    // Windows of a minute or an hour never straddle a Paris midnight (Paris is a whole-hour offset).
    const addressHash = await this.serverSecrets.addressHash(address, parisToday(now), 'rate-limit');
    return { addressHash, windowStart, windowMs, limit };
  }

  private limitOf(bucket: RateLimitBucket): { limit: number; windowMs: number } {
    if (bucket === 'reports') return { limit: this.config.get('RATE_LIMIT_REPORTS_PER_HOUR', { infer: true }), windowMs: HOUR_MS };
    return { limit: this.config.get('RATE_LIMIT_READS_PER_MINUTE', { infer: true }), windowMs: MINUTE_MS };
  }
}
