import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// docs/architecture.md principle 7 and docs/style.md: decide/evolve are plain functions. Nothing under a
// domain folder may import Nest, a database driver or ORM, or read the clock.
const ROOT = join(__dirname, '..', '..');
const FORBIDDEN_IMPORT = /from\s+['"](@nestjs\/[^'"]*|pg|typeorm[^'"]*|@eventstore\/[^'"]*|node:fs|fs)['"]/;
const CLOCK = /new Date\(\s*\)|Date\.now\(\)/;

function domainFiles(): string[] {
  const libs = join(ROOT, 'libs');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) out.push(path);
    }
  };
  for (const lib of readdirSync(libs)) {
    const domain = join(libs, lib, 'domain');
    if (statSync(join(libs, lib)).isDirectory() && readdirSync(join(libs, lib)).includes('domain')) walk(domain);
  }
  return out;
}

describe('domain purity (docs/architecture.md principle 7)', () => {
  const files = domainFiles();

  it('finds the domain folders it guards', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it('keeps Nest, pg, typeorm and the EventStoreDB client out of every domain file', () => {
    const offenders = files.filter((f) => FORBIDDEN_IMPORT.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it('never reads the clock in a domain file: today comes in the context', () => {
    const offenders = files.filter((f) => CLOCK.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});
