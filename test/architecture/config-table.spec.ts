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
