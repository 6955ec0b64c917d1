import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EnvironmentVariables } from '../config/env';
import { AlertsWebhook } from './alerts-webhook';
import { StatsService } from './stats.service';

/**
 * Tries a refresh every STATS_REFRESH_MINUTES (it publishes only at the first try of each release
 * epoch: StatsService.refresh), and once at start-up when no snapshot exists.
 * Started by main.ts only: tests and CLI commands build the same application without it and
 * call `StatsService.refresh()` themselves. Safe with several instances: the refresh takes a
 * PostgreSQL advisory lock, so an instance whose turn overlaps another's simply skips.
 */
@Injectable()
export class StatsRefreshScheduler implements OnModuleDestroy {
  private readonly logger = new Logger(StatsRefreshScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly statsService: StatsService,
    private readonly alertsWebhook: AlertsWebhook,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  start(): void {
    const minutes = this.config.get('STATS_REFRESH_MINUTES', { infer: true });
    this.timer = setInterval(() => this.runOnce(), minutes * 60_000);
    this.timer.unref();
    this.runOnce(async () => (await this.statsService.getSnapshotInfo()) === null);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    // Let a refresh in progress finish before the pool closes; its transaction is all or nothing anyway.
    await this.running;
  }

  private runOnce(wanted: () => Promise<boolean> = async () => true): void {
    if (this.running) return;
    this.running = (async () => {
      // The webhook's delivery runs on in the background: the next turn never waits for it.
      if (await wanted()) await this.alertsWebhook.refreshAndNotify();
    })()
      .catch((error: Error) => this.logger.error(`statistics refresh failed: ${error.message}`))
      .finally(() => (this.running = undefined));
  }
}
