import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configTable } from '@ledger/config';

// Issue 14 item 6: every variable in one README table, equal to the schema (libs/config).
// On a change of the schema, paste configTable()'s output between the markers.
describe('README configuration table', () => {
  it('is the table generated from libs/config/schema.ts', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const match =
      /<!-- config-table: generated from libs\/config\/schema\.ts -->\n([\s\S]*?)\n<!-- \/config-table -->/.exec(
        readme,
      );
    expect(match).not.toBeNull();
    expect(match![1]).toBe(configTable());
  });
});

describe('the configuration schema', () => {
  /** Symbols and constants named LEDGER_…, not variables. */
  const NOT_VARIABLES = new Set(['LEDGER_CLOCK', 'LEDGER_LOGGER', 'LEDGER_NAMESPACE']);

  function sources(dir: string): string[] {
    const { readdirSync, statSync } = require('node:fs') as typeof import('node:fs');
    const out: string[] = [];
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name === 'dist') continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) out.push(...sources(path));
      else if (/\.(ts|tsx|mjs|js)$/.test(name) && !/\.spec\.ts$/.test(name)) out.push(path);
    }
    return out;
  }

  it('lists every LEDGER_ variable the API, projector, CLI and libraries read', () => {
    const root = join(__dirname, '..', '..');
    const { configSchema } = require('@ledger/config') as typeof import('@ledger/config');
    const listed = new Set(Object.keys(configSchema.shape));
    const read = new Map<string, string>();
    for (const file of [...sources(join(root, 'apps')), ...sources(join(root, 'libs'))]) {
      for (const [, name] of readFileSync(file, 'utf8').matchAll(/(?:env\.|env\[['"]|['"`])(LEDGER_[A-Z0-9_]+)/g)) {
        if (!NOT_VARIABLES.has(name!) && !read.has(name!)) read.set(name!, file.slice(root.length + 1));
      }
    }
    const unlisted = [...read].filter(([name]) => !listed.has(name)).map(([name, file]) => `${name} (${file})`);
    expect(unlisted).toEqual([]);
  });
});
