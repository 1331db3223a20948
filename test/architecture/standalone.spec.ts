import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The repository stands on its own: a reader has only what is in it. Every link in the docs and
// every `docs/*.md` a comment names exists; test/architecture/citations.spec.ts keeps design notes
// kept outside the repository, and rule ids and clauses no pack holds, from being cited.
const ROOT = join(__dirname, '..', '..');
const SKIP = new Set(['node_modules', 'dist', '.git', '.ledger-data', 'coverage']);
const TEXT = /\.(ts|tsx|js|mjs|cjs|json|md|yaml|yml|html|css)$/;

function files(dir = ROOT): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name) || name.startsWith('.ledger')) continue;
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) out.push(...files(path));
    else if (TEXT.test(name) && name !== 'package-lock.json' && stat.size < 2_000_000) out.push(path);
  }
  return out;
}

describe('a repository that stands on its own', () => {
  const all = files();

  it('links, in README and docs/, only to files that exist', () => {
    const broken: string[] = [];
    for (const doc of all.filter((f) => f.endsWith('.md') && (f.startsWith(join(ROOT, 'docs')) || f === join(ROOT, 'README.md')))) {
      for (const [, target] of readFileSync(doc, 'utf8').matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
        if (!target || /^[a-z]+:/i.test(target) || target.startsWith('/')) continue;
        if (!existsSync(resolve(dirname(doc), target))) broken.push(`${relative(ROOT, doc)} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('links every page of docs/ from README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const pages = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md'));
    expect(pages.length).toBeGreaterThan(10);
    expect(pages.filter((page) => !readme.includes(`](docs/${page})`))).toEqual([]);
  });

  it('names in code and docs only docs/ pages that exist', () => {
    const missing = new Set<string>();
    for (const f of all) {
      for (const [page] of readFileSync(f, 'utf8').matchAll(/\bdocs\/[a-z0-9-]+\.md\b/g)) {
        if (!existsSync(join(ROOT, page))) missing.add(`${relative(ROOT, f)} → ${page}`);
      }
    }
    expect([...missing]).toEqual([]);
  });
});
