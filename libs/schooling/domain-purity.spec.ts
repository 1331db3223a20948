import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** docs/architecture.md principle 7: the domain is pure; no framework, no database, no clock. */
describe('the domain folder is pure', () => {
  const dir = join(__dirname, 'domain');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));

  it.each(files)('%s imports no Nest, pg or TypeORM, touches no file system and reads no clock', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    expect(source).not.toMatch(/from '(@nestjs\/[^']*|pg|typeorm|node:fs|fs)'/);
    expect(source).not.toMatch(/new Date\(|Date\.now\(/);
  });
});
