import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { ConfigService } from '@nestjs/config';
import type { EnvironmentVariables } from '../config/env';
import { RetentionScheduler } from './retention.scheduler';
import type { RetentionService } from './retention.service';

function schedulerWith(hours: number) {
  const purge = jest.fn(async () => ({
    ran: true,
    dryRun: false,
    coarsenedReports: 0,
    deletedReports: 0,
    deletedIdempotencyKeys: 0,
    deletedAbuseRows: 0,
    deletedAuditEntries: 0,
  }));
  const config = { get: () => hours } as unknown as ConfigService<EnvironmentVariables, true>;
  return { purge, scheduler: new RetentionScheduler({ purge } as unknown as RetentionService, config) };
}

describe(RetentionScheduler.name, () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('purges a minute after start, then every PURGE_INTERVAL_HOURS, and stops with the module', () => {
    const { purge, scheduler } = schedulerWith(24);
    scheduler.start();
    jest.advanceTimersByTime(59_000);
    expect(purge).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1_000);
    expect(purge).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(24 * 3_600_000);
    expect(purge).toHaveBeenCalledTimes(2);
    scheduler.onModuleDestroy();
    jest.advanceTimersByTime(48 * 3_600_000);
    expect(purge).toHaveBeenCalledTimes(2);
  });

  it('never purges when PURGE_INTERVAL_HOURS is 0', () => {
    const { purge, scheduler } = schedulerWith(0);
    scheduler.start();
    jest.advanceTimersByTime(7 * 24 * 3_600_000);
    expect(purge).not.toHaveBeenCalled();
  });
});
