import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error';
import type { EnvironmentVariables } from '../config/env';
import { parisToday } from '../config/paris-date';
import { PreparedStatement, runPrepared } from '../database/prepared-statements';
import { ServerSecretsService } from './server-secrets.service';

/** What is counted: report intake (in the bookkeeping before the report), receipt look-ups and changes, challenges issued. */
export type RateLimitBucket = 'reports' | 'receipts' | 'challenges';

const HOUR_MS = 3_600_000;

/**
 * One statement, atomic across instances: the sender's count in the window's one row is created
 * or incremented, and read. One row per bucket and hour holds every sender's count, so the row's
 * transaction id says when the window last counted someone, never whom (docs/privacy.md). It runs
 * alone, in a transaction that touches only this UNLOGGED table: its commit waits for no WAL
 * flush, so the shared row is locked for the upsert only.
 */
export function countRequestSql(senderKey: string, bucket: string, windowStart: string): string {
  return `
  INSERT INTO rate_limit_windows AS w (bucket, window_start, counts)
  VALUES (${bucket}, ${windowStart}, jsonb_build_object(${senderKey}, 1))
  ON CONFLICT (bucket, window_start) DO UPDATE
    SET counts = w.counts || jsonb_build_object(${senderKey}, COALESCE((w.counts ->> ${senderKey})::integer, 0) + 1)
  RETURNING (counts ->> ${senderKey})::integer AS count`;
}

export const COUNT_REQUEST: PreparedStatement = { name: 'rate-limit-count', text: countRequestSql('$1::text', '$2::text', '$3::timestamptz') };

// 64 bits of the keyed hash tell the senders of one hour apart, and keep the shared row small.
const SENDER_KEY_HEX_DIGITS = 16;

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
  return new ApiError(
    HttpStatus.TOO_MANY_REQUESTS,
    'RATE_LIMITED',
    `Too many requests from this address; retry in ${retryAfterSeconds} s`,
    undefined,
    retryAfterSeconds,
  );
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
    await this.count(bucket, window, now);
  }

  /** Counts one request in `window`; 429 RATE_LIMITED past its limit. */
  async count(bucket: RateLimitBucket, window: RateWindow, now: Date = new Date()): Promise<void> {
    const [{ count }] = await runPrepared<{ count: number }>(this.dataSource, COUNT_REQUEST, [window.senderKey, bucket, window.windowStart]);
    if (count > window.limit) throw rateLimited(window, now);
  }

  /**
   * The sender's current window in `bucket` (undefined when limits are off), for a caller that
   * counts the request later: report intake counts it once the report is screened.
   */
  async windowOf(bucket: RateLimitBucket, address: string, now: Date = new Date()): Promise<RateWindow | undefined> {
    if (!this.config.get('RATE_LIMIT_ENABLED', { infer: true })) return undefined;
    const limit = this.config.get(bucket === 'reports' ? 'RATE_LIMIT_REPORTS_PER_HOUR' : 'RATE_LIMIT_READS_PER_HOUR', { infer: true });
    // Hourly windows only: nothing kept finer than the hour. A window never straddles a Paris
    // midnight (Paris is a whole-hour offset).
    const windowStart = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
    const addressHash = await this.serverSecrets.addressHash(address, parisToday(now), 'rate-limit');
    return { senderKey: addressHash.toString('hex').slice(0, SENDER_KEY_HEX_DIGITS), windowStart, windowMs: HOUR_MS, limit };
  }
}
