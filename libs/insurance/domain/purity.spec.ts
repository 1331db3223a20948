import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** docs/architecture.md principle 7: nothing in this domain folder reaches Nest, the database or the clock. */
describe('the domain folder is pure', () => {
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
  it.each(files)('%s imports no framework or driver and reads no clock', (file) => {
    const text = readFileSync(join(__dirname, file), 'utf8');
    expect(text).not.toMatch(/from '(@nestjs\/[^']*|pg|typeorm)'/);
    expect(text).not.toMatch(/new Date\(\s*\)|Date\.now\(/);
  });
});
