import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EnvironmentVariables } from '../config/env';
import { ScheduledBackupsService } from './scheduled-backups.service';

const FIRST_RUN_DELAY_MS = 60_000;
// Whether a backup is due is read from BACKUP_DIR itself, so a restart neither skips nor repeats
// one; checking often also deletes an expired backup within minutes of its last day.
const CHECK_EVERY_MS = 10 * 60_000;

/**
 * With BACKUP_DIR set, checks a minute after start and then every 10 minutes: a backup when the
 * newest is BACKUP_INTERVAL_HOURS old, and expired ones deleted. Timers are unref'd.
 */
@Injectable()
export class BackupScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(BackupScheduler.name);
  private timers: NodeJS.Timeout[] = [];
  private running?: Promise<unknown>;

  constructor(
    private readonly scheduledBackups: ScheduledBackupsService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.get('BACKUP_DIR', { infer: true })) return;
    const check = () => this.check();
    this.timers.push(setTimeout(check, FIRST_RUN_DELAY_MS).unref(), setInterval(check, CHECK_EVERY_MS).unref());
  }

  async onModuleDestroy(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    // A backup in progress finishes before the pool closes: its file is renamed only once whole.
    await this.running;
  }

  private check(): void {
    if (this.running) return;
    this.running = this.scheduledBackups
      .run()
      .catch((error: Error) => this.logger.error(`scheduled backup failed: ${error.message}`))
      .finally(() => (this.running = undefined));
  }
}
