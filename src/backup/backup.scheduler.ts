import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EnvironmentVariables } from '../config/env';
import { ScheduledBackupsService } from './scheduled-backups.service';

const FIRST_RUN_DELAY_MS = 60_000;
// Whether a backup is due is read from BACKUP_DIR itself, so a restart neither skips nor repeats
// one; checking often also deletes an expired backup within minutes of its last day.
const CHECK_EVERY_MS = 10 * 60_000;

/**
 * With BACKUP_DIR set, checks a minute after start and then every 10 minutes: a backup when the
 * newest is BACKUP_INTERVAL_HOURS old, and expired ones deleted. Started by main.ts only (a CLI
 * command, even `backup` itself, must not start a second schedule). Timers are unref'd.
 */
@Injectable()
export class BackupScheduler implements OnModuleDestroy {
  private readonly logger = new Logger(BackupScheduler.name);
  private timers: NodeJS.Timeout[] = [];
  private running?: Promise<unknown>;

  constructor(
    private readonly scheduledBackups: ScheduledBackupsService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  start(): void {
    if (!this.config.get('BACKUP_DIR', { infer: true })) return;
    const check = () => this.check();
    this.timers.push(setTimeout(check, FIRST_RUN_DELAY_MS).unref(), setInterval(check, CHECK_EVERY_MS).unref());
    this.logger.log('backups scheduled: BACKUP_DIR checked every 10 minutes');
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
