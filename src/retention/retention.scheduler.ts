import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EnvironmentVariables } from '../config/env';
import { RetentionService } from './retention.service';

const FIRST_RUN_DELAY_MS = 60_000;

/**
 * Runs the purge a minute after start, then every PURGE_INTERVAL_HOURS (0: never; the tests
 * turn it off). Started by main.ts only: a CLI command builds the same application and must not
 * purge behind the admin's back. Timers are unref'd so they never keep a process alive.
 */
@Injectable()
export class RetentionScheduler implements OnModuleDestroy {
  private readonly logger = new Logger(RetentionScheduler.name);
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly retentionService: RetentionService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  start(): void {
    const hours = this.config.get('PURGE_INTERVAL_HOURS', { infer: true });
    if (hours === 0) return;
    const run = () => void this.retentionService.purge().catch((error: Error) => this.logger.error(`purge failed: ${error.message}`));
    this.timers.push(setTimeout(run, FIRST_RUN_DELAY_MS).unref(), setInterval(run, hours * 3_600_000).unref());
    this.logger.log(`purge scheduled every ${hours} h`);
  }

  onModuleDestroy(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }
}
