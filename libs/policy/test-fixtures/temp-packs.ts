import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A pack's files by name (`pack.yaml`, `rules.yaml`), as literal YAML text. */
export type PackFiles = Record<string, string>;

/**
 * Writes packs into a fresh folder so a test shows the exact YAML it rejects next to the
 * assertion. `cleanup()` removes every folder made.
 */
export function tempPacks() {
  const root = mkdtempSync(join(tmpdir(), 'ledger-packs-'));
  let n = 0;
  return {
    write(packs: Record<string, PackFiles>): string {
      const dir = join(root, String(n++));
      for (const [folder, files] of Object.entries(packs)) {
        mkdirSync(join(dir, folder), { recursive: true });
        for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, folder, name), text);
      }
      return dir;
    },
    cleanup(): void {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A valid manifest for pack `id`, optionally extending another. */
export function manifest(id: string, extra = ''): string {
  return `id: ${id}\nversion: '1.0.0'\njurisdiction: 测试\nname: ${id}\neffectiveFrom: '2020-01-01'\n${extra}`;
}

/** A rules file holding one rule with the given fields; each field line is YAML at rule level. */
export function oneRule(
  fields: Partial<Record<'id' | 'source' | 'quote' | 'status' | 'versions' | 'extra', string>>,
): string {
  const f = {
    id: 'fixture.limit',
    source: 'fixture-law 第一条',
    quote: '限额为一',
    status: 'in-force',
    versions: `\n      - effectiveFrom: '2020-01-01'\n        params: { limit: 1 }`,
    extra: '',
    ...fields,
  };
  const line = (key: string, value: string | undefined) =>
    value === undefined || value === '' ? '' : `    ${key}: ${value}\n`;
  return (
    'rules:\n' +
    `  - id: ${f.id}\n` +
    line('source', f.source) +
    line('quote', f.quote) +
    line('status', f.status) +
    `    versions:${f.versions}\n` +
    (f.extra ? `    ${f.extra}\n` : '')
  );
}
