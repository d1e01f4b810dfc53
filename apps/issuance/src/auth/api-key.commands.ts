import { CommandUsageError, done, IssuanceCommand, requiredArgument } from '../command-line';
import { isApiRole } from './api-role';
import { ManageApiKeysHandler } from './manage-api-keys.handler';

export const API_KEY_COMMANDS: IssuanceCommand[] = [
  {
    name: 'key-create',
    usage: '--role finance|verifier|admin [--label <text>]',
    description: 'prints a new API key (shown once)',
    async run(app, { options }) {
      const role = options.role;
      if (!isApiRole(role)) throw new CommandUsageError('--role must be finance, verifier or admin');
      return done(await app.get(ManageApiKeysHandler).create(role, options.label ?? ''));
    },
  },
  {
    name: 'key-revoke',
    usage: '<keyId>',
    async run(app, line) {
      const keyId = requiredArgument(line, 'the key id');
      await app.get(ManageApiKeysHandler).revoke(keyId);
      return done({ revoked: keyId });
    },
  },
];
