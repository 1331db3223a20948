import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// Issue 15, item 6: policy sits below the contexts. The vocabularies both use (schemes, skill
// levels, land rights…) live in libs/kernel/vocabularies.ts; libs/policy imports no context.
const ROOT = join(__dirname, '..', '..');
const CONTEXTS = ['worker', 'residence-permit', 'points', 'insurance', 'housing', 'schooling', 'employment'];
const CONTEXT_IMPORT = new RegExp(`from\\s+['"]@ledger/(${CONTEXTS.join('|')})(/[^'"]*)?['"]`);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('policy imports no context (docs/architecture.md, principle 8)', () => {
  it('finds the policy sources it guards, and none imports a context or its domain folder', () => {
    const files = sources(join(ROOT, 'libs', 'policy'));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files
      .filter((file) => CONTEXT_IMPORT.test(readFileSync(file, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});
