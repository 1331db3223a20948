import type { Command } from 'commander';

/** `ledger store …`: verification and reads for auditors. */
export function registerStoreCommands(program: Command): void {
  program.command('store').description('event store: verify, read');
}
