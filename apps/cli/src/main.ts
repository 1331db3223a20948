import 'reflect-metadata';
import { Command } from 'commander';
import { configOrExit, ConfigurationError, EX_CONFIG, loadConfig } from '@ledger/config';
import { COMMANDS } from './commands';

/** The operators' and auditors' CLI: `npm run ledger -- <command>`. */
async function main(argv: string[]): Promise<void> {
  // The same schema as the API and the projector (libs/config): a wrong variable exits 78 first.
  configOrExit(() => loadConfig(process.env));
  const program = new Command('ledger')
    .description('Entitlement Ledger: operators’ and auditors’ commands')
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    const code = (error as { exitCode?: number; code?: string }).exitCode;
    if (typeof code === 'number') {
      process.exitCode = code;
      return;
    }
    if (error instanceof ConfigurationError) {
      console.error(`configuration: ${error.message}`);
      process.exitCode = EX_CONFIG;
      return;
    }
    console.error(`ledger: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}

void main(process.argv);
