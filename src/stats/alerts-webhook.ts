import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EnvironmentVariables } from '../config/env';
import type { Alert, AlertsResponse } from './alerts';
import type { RefreshSummary } from './stats.dto';
import { StatsService } from './stats.service';

// Waits before each new attempt: a union's chat tool that is down for a few minutes still gets
// the alert, and a refresh never waits for it.
const RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 600_000];
const ATTEMPT_TIMEOUT_MS = 10_000;

/**
 * ALERT_WEBHOOK_URL (optional): after a refresh that publishes a new snapshot, the alerts it adds
 * (ids absent from the alerts of the snapshot before) are POSTed there as JSON. Delivery runs in
 * the background with retries and never blocks or fails a refresh; logs name the URL's origin
 * only (its path or query may hold a secret token).
 */
@Injectable()
export class AlertsWebhook {
  private readonly logger = new Logger(AlertsWebhook.name);
  /** The delivery in flight, if any (awaited by tests and by the module's shutdown). */
  delivering?: Promise<boolean>;
  retryDelaysMs = RETRY_DELAYS_MS;

  constructor(
    private readonly statsService: StatsService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  /** A refresh, then the new alerts sent in the background when ALERT_WEBHOOK_URL is set. */
  async refreshAndNotify(): Promise<RefreshSummary> {
    const url = this.config.get('ALERT_WEBHOOK_URL', { infer: true });
    const before = url ? await this.statsService.alerts().catch(() => null) : null;
    const summary = await this.statsService.refresh();
    if (!url || !summary.refreshed) return summary;
    const after = await this.statsService.alerts();
    const known = new Set(before?.alerts.map((alert) => alert.id) ?? []);
    const added = after.alerts.filter((alert) => !known.has(alert.id));
    if (added.length > 0) this.delivering = this.deliver(url, after, added);
    return summary;
  }

  /** POSTs `{ snapshotAt, quarter, alerts }`; answers whether an attempt got a 2xx. */
  async deliver(url: string, answer: AlertsResponse, alerts: Alert[]): Promise<boolean> {
    const body = JSON.stringify({ snapshotAt: answer.snapshotAt, quarter: answer.quarter, alerts });
    const origin = new URL(url).origin;
    for (let attempt = 0; attempt <= this.retryDelaysMs.length; attempt++) {
      if (attempt > 0) await sleep(this.retryDelaysMs[attempt - 1]);
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
          signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        });
        if (response.ok) {
          this.logger.log(`alerts webhook: ${alerts.length} alerts sent to ${origin}`);
          return true;
        }
        this.logger.warn(`alerts webhook: ${origin} answered ${response.status} (attempt ${attempt + 1})`);
      } catch (error) {
        this.logger.warn(`alerts webhook: ${origin} unreachable (attempt ${attempt + 1}): ${(error as Error).name}`);
      }
    }
    this.logger.error(`alerts webhook: gave up after ${this.retryDelaysMs.length + 1} attempts to ${origin}`);
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
