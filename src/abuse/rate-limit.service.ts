import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error';
import type { EnvironmentVariables } from '../config/env';
import { parisToday } from '../config/paris-date';
import { ServerSecretsService } from './server-secrets.service';

/** What is counted: report intake (in the bookkeeping before the report), receipt look-ups and changes, challenges issued. */
export type RateLimitBucket = 'reports' | 'receipts' | 'challenges';

const HOUR_MS = 3_600_000;

/**
 * One statement, atomic across instances: the sender's count in the window's one row is created
 * or incremented, and read. One row per bucket and hour holds every sender's count, so the row's
 * transaction id says when the window last counted someone, never whom (docs/privacy.md). Run
 * alone by `consume`, and first in the bookkeeping before a report (intake-bookkeeping.ts).
 */
export function countRequestSql(senderKey: string, bucket: string, windowStart: string): string {
  return `
  INSERT INTO rate_limit_windows AS w (bucket, window_start, counts)
  VALUES (${bucket}, ${windowStart}, jsonb_build_object(${senderKey}, 1))
  ON CONFLICT (bucket, window_start) DO UPDATE
    SET counts = w.counts || jsonb_build_object(${senderKey}, COALESCE((w.counts ->> ${senderKey})::integer, 0) + 1)
  RETURNING (counts ->> ${senderKey})::integer AS count`;
}

const COUNT_REQUEST = countRequestSql('$1::text', '$2::text', '$3::timestamptz');

/** Where one sender's requests are counted, and how many the window allows. */
export interface RateWindow {
  /** The sender's key in the window's counts: hex of the keyed address hash, never the address. */
  senderKey: string;
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
    const [{ count }]: { count: number }[] = await this.dataSource.query(COUNT_REQUEST, [window.senderKey, bucket, window.windowStart]);
    if (count > window.limit) throw rateLimited(window, now);
  }

  /**
   * The sender's current window in `bucket` (undefined when limits are off), for a caller that
   * counts the request in a statement of its own: report intake counts it with its other bookkeeping.
   */
  async windowOf(bucket: RateLimitBucket, address: string, now: Date = new Date()): Promise<RateWindow | undefined> {
    if (!this.config.get('RATE_LIMIT_ENABLED', { infer: true })) return undefined;
    const limit = this.config.get(bucket === 'reports' ? 'RATE_LIMIT_REPORTS_PER_HOUR' : 'RATE_LIMIT_READS_PER_HOUR', { infer: true });
    // Hourly windows only: nothing kept finer than the hour. A window never straddles a Paris
    // midnight (Paris is a whole-hour offset).
    const windowStart = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
    const addressHash = await this.serverSecrets.addressHash(address, parisToday(now), 'rate-limit');
    return { senderKey: addressHash.toString('hex'), windowStart, windowMs: HOUR_MS, limit };
  }
}
