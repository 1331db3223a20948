import type { Command } from 'commander';
import { registerAuditCommands } from './audit.command';
import { registerCommandCommand } from './command.command';
import { registerCredentialsCommands } from './credentials.command';
import { registerKeysCommands } from './keys.command';
import { registerPolicyCommands } from './policy.command';
import { registerPrivacyCommands } from './privacy.command';
import { registerProjectionsCommands } from './projections.command';
import { registerStoreCommands } from './store.command';

/** Each file adds its commands to the program. */
export const COMMANDS: ((program: Command) => void)[] = [
  registerStoreCommands,
  registerPolicyCommands,
  registerCommandCommand,
  registerProjectionsCommands,
  registerCredentialsCommands,
  registerKeysCommands,
  registerPrivacyCommands,
  (program) => registerAuditCommands(program),
];
