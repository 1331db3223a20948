import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import type { ZodError, ZodType } from 'zod';
import { PolicyPack, PolicyView } from './pack';
import { RULE_PARAMS } from './params';
import { manifestSchema, RuleDefinition, rulesFileSchema } from './schema';

/** The packs that ship with the ledger. A city adds its own folder (LEDGER_POLICY_DIR) without code. */
export const BUILT_IN_PACKS_DIR = resolve(__dirname, 'packs');

/** A pack that cannot be used; the message names the file, the rule and the field. */
export class PolicyPackError extends Error {
  constructor(
    readonly file: string,
    readonly ruleId: string | undefined,
    readonly field: string | undefined,
    readonly problem: string,
  ) {
    super(`${file}${ruleId ? `: rule ${ruleId}` : ''}${field ? `: ${field}` : ''}: ${problem}`);
  }
}

function firstIssue(error: ZodError): { path: string; message: string } {
  const issue = error.issues[0]!;
  return { path: issue.path.map(String).join('.'), message: issue.message };
}

function readYaml(file: string, display: string): unknown {
  try {
    return parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PolicyPackError(display, undefined, undefined, `not valid YAML: ${(error as Error).message}`);
  }
}

export interface LoadOptions {
  /** Folders to look for packs in, searched in order. */
  dirs?: string[];
  /** Production refuses packs holding illustrative numbers (docs/policy-rules.md §3). */
  production?: boolean;
  /**
   * Parameter schemas added to RULE_PARAMS for this load only. Tests register `fixture.*` rule
   * ids here so fixture packs do not depend on the domains' rules.
   */
  paramSchemas?: Record<string, ZodType>;
}

function packDir(id: string, dirs: string[]): string {
  for (const dir of dirs) {
    const candidate = join(dir, id);
    if (existsSync(join(candidate, 'pack.yaml'))) return candidate;
  }
  throw new PolicyPackError(id, undefined, undefined, `no pack named "${id}" in ${dirs.join(', ')}`);
}

/** Loads a pack and the packs it extends, checking every file against the schema. */
export function loadPack(id: string, options: LoadOptions = {}): PolicyPack {
  const dirs = options.dirs ?? [BUILT_IN_PACKS_DIR];
  const schemas = options.paramSchemas ? { ...RULE_PARAMS, ...options.paramSchemas } : RULE_PARAMS;
  const seen = new Set<string>();
  const display = (file: string) => relative(process.cwd(), file) || file;
  const load = (packId: string, extendedBy?: string): PolicyPack => {
    if (seen.has(packId)) {
      // Name the manifest whose `extends` closes the loop: that is the line to fix.
      const file = extendedBy ? display(join(packDir(extendedBy, dirs), 'pack.yaml')) : packId;
      throw new PolicyPackError(file, undefined, 'extends', `packs extend each other in a cycle (back to "${packId}")`);
    }
    seen.add(packId);
    const dir = packDir(packId, dirs);
    const manifestFile = join(dir, 'pack.yaml');
    const manifestResult = manifestSchema.safeParse(readYaml(manifestFile, display(manifestFile)));
    if (!manifestResult.success) {
      const { path, message } = firstIssue(manifestResult.error);
      throw new PolicyPackError(display(manifestFile), undefined, path, message);
    }
    const manifest = manifestResult.data;
    if (manifest.id !== packId) {
      throw new PolicyPackError(display(manifestFile), undefined, 'id', `is "${manifest.id}" but the folder is "${packId}"`);
    }
    const parent = manifest.extends ? load(manifest.extends, packId) : undefined;
    const rules = new Map(parent?.rules ?? []);
    const own = new Set<string>();
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml') && f !== 'pack.yaml')
      .sort();
    for (const name of files) {
      const file = join(dir, name);
      const raw = readYaml(file, display(file));
      const result = rulesFileSchema.safeParse(raw);
      if (!result.success) {
        const { path, message } = firstIssue(result.error);
        const index = Number(path.split('.')[1]);
        const ruleId = (raw as { rules?: { id?: string }[] })?.rules?.[index]?.id;
        throw new PolicyPackError(display(file), ruleId, path, message);
      }
      for (const [i, rule] of result.data.rules.entries()) {
        checkRule(rule, display(file), i, schemas);
        if (own.has(rule.id)) throw new PolicyPackError(display(file), rule.id, 'id', 'defined twice in this pack');
        own.add(rule.id);
        if (options.production && rule.status === 'illustrative') {
          throw new PolicyPackError(
            display(file),
            rule.id,
            'status',
            'illustrative numbers cannot be used in production: replace them with the city’s own pack',
          );
        }
        // A pack may restate a rule it inherits (a city's grace period for 签注, say).
        rules.set(rule.id, { ...rule, file: display(file) });
      }
    }
    return { manifest, lineage: [packId, ...(parent?.lineage ?? [])], rules };
  };
  return load(id);
}

function checkRule(rule: RuleDefinition, file: string, index: number, schemas: Record<string, ZodType>): void {
  const schema = schemas[rule.id];
  if (!schema) {
    throw new PolicyPackError(file, rule.id, `rules.${index}.id`, 'no code reads a rule with this id (typo, or a rule the ledger does not implement)');
  }
  for (const [v, version] of rule.versions.entries()) {
    const result = schema.safeParse(version.params);
    if (!result.success) {
      const { path, message } = firstIssue(result.error);
      throw new PolicyPackError(file, rule.id, `versions.${v}.params${path ? `.${path}` : ''}`, message);
    }
    version.params = result.data as Record<string, unknown>;
  }
  if (rule.status === 'illustrative' && !rule.paramsSource) {
    throw new PolicyPackError(file, rule.id, 'paramsSource', 'an illustrative rule must say where its numbers come from');
  }
}

/** Every pack folder that ships. */
export function listPacks(dirs: string[] = [BUILT_IN_PACKS_DIR]): string[] {
  return dirs
    .flatMap((dir) => (existsSync(dir) ? readdirSync(dir) : []).filter((d) => existsSync(join(dir, d, 'pack.yaml'))))
    .sort();
}

/** Where packs are looked for: a city's own folder (LEDGER_POLICY_DIR) first, then the built-in packs. */
export function policyDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  return env.LEDGER_POLICY_DIR ? [resolve(env.LEDGER_POLICY_DIR), BUILT_IN_PACKS_DIR] : [BUILT_IN_PACKS_DIR];
}

/** The deployment's one jurisdiction (docs/architecture.md principle 12), chosen by LEDGER_JURISDICTION. */
export function loadDeploymentPolicy(
  env: NodeJS.ProcessEnv = process.env,
  options: Pick<LoadOptions, 'paramSchemas'> = {},
): PolicyView {
  return new PolicyView(
    loadPack(env.LEDGER_JURISDICTION ?? 'panzhihua', {
      ...options,
      dirs: policyDirs(env),
      production: env.NODE_ENV === 'production',
    }),
  );
}
