import { isUUID } from 'class-validator';
import { CliCommand, CliUsageError } from '../cli/cli-command';
import { TOKEN_ROLES, TokenRole } from './access-token.entity';
import { TokensService } from './tokens.service';

const ORGANISATION = /^[^\x00-\x1f\x7f]{1,200}$/;

const createToken: CliCommand = {
  name: 'tokens:create',
  usage: '--org "UD FO 75" --role union|admin   creates a token and prints it once, alone on the last line',
  async run(app, args, print) {
    const options = parseOptions(args, ['--org', '--role']);
    const organisation = options['--org']?.trim();
    const role = options['--role'];
    if (!organisation || !ORGANISATION.test(organisation)) throw new CliUsageError('--org is required: 1 to 200 characters, on one line');
    if (!TOKEN_ROLES.includes(role as TokenRole)) throw new CliUsageError(`--role must be one of: ${TOKEN_ROLES.join(', ')}`);
    const created = await app.get(TokensService).create(organisation, role as TokenRole);
    print(`token ${created.id} created for "${created.organisation}" with the role ${created.role}`);
    print('it is shown only now (the server keeps its SHA-256); send it as "Authorization: Bearer <token>":');
    print(created.token);
  },
};

const listTokens: CliCommand = {
  name: 'tokens:list',
  usage: '   lists tokens: id, organisation, role, created, revoked (never the token)',
  async run(app, args, print) {
    if (args.length > 0) throw new CliUsageError('tokens:list takes no argument');
    const tokens = await app.get(TokensService).list();
    print(['id', 'role', 'created', 'revoked', 'organisation'].join('\t'));
    for (const token of tokens) {
      print([token.id, token.role, token.createdAt.toISOString(), token.revokedAt?.toISOString() ?? '-', token.organisation].join('\t'));
    }
  },
};

const revokeToken: CliCommand = {
  name: 'tokens:revoke',
  usage: 'ID   revokes a token at once (it answers 401 from then on)',
  async run(app, args, print) {
    if (args.length !== 1 || !isUUID(args[0])) throw new CliUsageError('usage: tokens:revoke ID (the uuid shown by tokens:list)');
    const result = await app.get(TokensService).revoke(args[0].toLowerCase());
    if (result === 'unknown') throw new CliUsageError(`no token with the id ${args[0]}`);
    print(result === 'revoked' ? `token ${args[0]} revoked` : `token ${args[0]} was already revoked`);
  },
};

export const TOKEN_COMMANDS: CliCommand[] = [createToken, listTokens, revokeToken];

/** `--name value` or `--name=value`, each allowed option once; anything else is a usage error. */
function parseOptions(args: string[], allowed: string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (let index = 0; index < args.length; index++) {
    const [name, inline] = args[index].split(/=(.*)/s, 2);
    if (!allowed.includes(name)) throw new CliUsageError(`unknown argument ${JSON.stringify(args[index])}; expected ${allowed.join(', ')}`);
    if (name in options) throw new CliUsageError(`${name} is given twice`);
    const value = inline ?? args[++index];
    if (value === undefined) throw new CliUsageError(`${name} needs a value`);
    options[name] = value;
  }
  return options;
}
