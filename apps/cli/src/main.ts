import 'reflect-metadata';
import { Command } from 'commander';
import { configOrExit, ConfigurationError, loadConfig } from '@ledger/config';
import { COMMANDS } from './commands';
import { EXIT } from './exit-codes';
import { helpExamples } from './help-examples';

/** The operators' and auditors' CLI: `npm run ledger -- <command>`. */
async function main(argv: string[]): Promise<void> {
  // The same schema as the API and the projector (libs/config): a wrong variable exits 78 first.
  configOrExit(() => loadConfig(process.env));
  const program = new Command('ledger')
    .description('Entitlement Ledger: operators’ and auditors’ commands')
    .showHelpAfterError()
    .addHelpText('after', helpExamples())
    .exitOverride();
  for (const register of COMMANDS) register(program);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    const { exitCode: code, code: kind } = error as { exitCode?: number; code?: string };
    if (typeof code === 'number') {
      // commander's own errors (unknown option, missing argument) exit 1; here they are usage.
      process.exitCode = code !== 0 && kind?.startsWith('commander.') ? EXIT.USAGE : code;
      return;
    }
    if (error instanceof ConfigurationError) {
      console.error(`configuration: ${error.message}`);
      process.exitCode = EXIT.CONFIG;
      return;
    }
    console.error(`ledger: ${(error as Error).message}`);
    process.exitCode = EXIT.FAILURE;
  }
}

void main(process.argv);
