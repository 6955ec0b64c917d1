import type { CliCommand } from '../cli/cli-command';
import { StatsService } from './stats.service';

export const STATS_COMMANDS: CliCommand[] = [
  {
    name: 'stats:refresh',
    usage: 'publish a new statistics release now (skipped if another refresh is running or this release epoch is already out)',
    async run(app, _args, print) {
      const summary = await app.get(StatsService).refresh();
      print(
        summary.refreshed
          ? `snapshot ${summary.snapshotAt}: ${summary.reports} reports, ${summary.cells} cells published (${summary.releasedCells} given a new release) in ${summary.durationMs} ms`
          : summary.reason === 'locked'
            ? `skipped: another refresh is running (${summary.durationMs} ms)`
            : 'skipped: this release epoch (STATS_RELEASE_DAYS) is already published',
      );
    },
  },
];
