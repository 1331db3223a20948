import type { Command } from 'commander';

/** `ledger policy show|diff` (issue 4). */
export function registerPolicyCommands(program: Command): void {
  program.command('policy').description('policy packs: show, diff');
}
