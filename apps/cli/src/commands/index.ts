import type { Command } from 'commander';
import { registerPolicyCommands } from './policy.command';
import { registerStoreCommands } from './store.command';

/** Each file adds its commands to the program. */
export const COMMANDS: ((program: Command) => void)[] = [registerStoreCommands, registerPolicyCommands];
