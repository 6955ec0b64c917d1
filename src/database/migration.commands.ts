import type { CliCommand } from '../cli/cli-command';
import { revertLastMigration } from './data-source-options';

export const migrationRevertCommand: CliCommand = {
  name: 'migration:revert',
  usage: 'revert the newest applied migration (run it with the version that applied it; refuses rather than lose a report)',
  async runOnDatabase(databaseUrl, _args, print) {
    const reverted = await revertLastMigration(databaseUrl);
    print(reverted === null ? 'no migration is applied: nothing to revert' : `reverted ${reverted}`);
  },
};
