import { CliCommand, CliUsageError } from '../cli/cli-command';
import { RetentionService } from './retention.service';

export const purgeCommand: CliCommand = {
  name: 'purge',
  usage:
    '[--dry-run]  coarsen settled reports, delete reports past RETENTION_MONTHS, expired idempotency keys and abuse-protection rows, audit entries past AUDIT_RETENTION_MONTHS',
  async run(app, args, print) {
    const unknown = args.filter((arg) => arg !== '--dry-run');
    if (unknown.length > 0) throw new CliUsageError(`purge: unknown argument ${unknown[0]}`);
    const dryRun = args.includes('--dry-run');
    const result = await app.get(RetentionService).purge({ dryRun });
    if (!result.ran) {
      print('purge: another instance is purging right now; nothing done');
      return;
    }
    const [coarsen, remove] = dryRun ? ['would coarsen', 'would delete'] : ['coarsened', 'deleted'];
    print(`${coarsen} ${result.coarsenedReports} settled reports`);
    print(`${remove} ${result.deletedReports} reports past retention`);
    print(`${remove} ${result.deletedIdempotencyKeys} expired idempotency keys`);
    print(`${remove} ${result.deletedAbuseRows} expired rate-limit, challenge, fingerprint and address-key rows`);
    print(`${remove} ${result.deletedAuditEntries} audit entries past AUDIT_RETENTION_MONTHS`);
  },
};
