import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { ConfigService } from '@nestjs/config';
import type { EnvironmentVariables } from '../config/env';
import { BackupScheduler } from './backup.scheduler';
import type { ScheduledBackupResult, ScheduledBackupsService } from './scheduled-backups.service';

function schedulerWith(backupDir: string | undefined) {
  const run = jest.fn(async (): Promise<ScheduledBackupResult> => ({ ran: true, deleted: [] }));
  const config = { get: () => backupDir } as unknown as ConfigService<EnvironmentVariables, true>;
  return { run, scheduler: new BackupScheduler({ run } as unknown as ScheduledBackupsService, config) };
}

describe(BackupScheduler.name, () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('checks BACKUP_DIR a minute after start, then every 10 minutes, and stops with the module', async () => {
    const { run, scheduler } = schedulerWith('/backups');
    scheduler.start();
    await jest.advanceTimersByTimeAsync(59_000);
    expect(run).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(60 * 60_000);
    expect(run).toHaveBeenCalledTimes(7);
    await scheduler.onModuleDestroy();
    await jest.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(run).toHaveBeenCalledTimes(7);
  });

  it('starts no second check while one is still writing', async () => {
    const { run, scheduler } = schedulerWith('/backups');
    let finish: () => void = () => undefined;
    run.mockImplementationOnce(() => new Promise((resolve) => (finish = () => resolve({ ran: true, deleted: [] }))));
    scheduler.start();
    await jest.advanceTimersByTimeAsync(60_000 + 30 * 60_000);
    expect(run).toHaveBeenCalledTimes(1);
    finish();
    await jest.advanceTimersByTimeAsync(10 * 60_000);
    expect(run).toHaveBeenCalledTimes(2);
    await scheduler.onModuleDestroy();
  });

  it('does nothing without BACKUP_DIR', async () => {
    const { run, scheduler } = schedulerWith(undefined);
    scheduler.start();
    await jest.advanceTimersByTimeAsync(7 * 24 * 3_600_000);
    expect(run).not.toHaveBeenCalled();
  });
});
