import { basename, dirname } from 'node:path';
import type { IsoDate, RuleStatus } from '@ledger/kernel';
import { listPacks, loadPack, type LoadOptions, PolicyView, type ResolvedRule } from '@ledger/policy';

/** Where packs are looked for and which extra schemas apply: the CLI passes the deployment's. */
export type PackSource = Required<Pick<LoadOptions, 'dirs'>> & Pick<LoadOptions, 'paramSchemas'>;

export interface SourceEntry {
  key: string;
  /** The pack whose manifest declares it (a parent's sources hold for the child too). */
  pack: string;
  title: string;
  issuer?: string;
  number?: string;
  date?: IsoDate;
  type: string;
  status: string;
}

export interface RuleEntry {
  id: string;
  source: string;
  sourceType: string;
  status: RuleStatus;
  quote: string;
  effectiveFrom: IsoDate;
  effectiveTo?: IsoDate;
  params: Record<string, unknown>;
  paramsSource?: string;
  note?: string;
  /** The pack that defines this version: the pack itself or one it extends unchanged. */
  definedIn: string;
}

export interface ShowReport {
  pack: {
    id: string;
    version: string;
    jurisdiction: string;
    name: string;
    population?: string;
    effectiveFrom: IsoDate;
    lineage: string[];
    sources: SourceEntry[];
  };
  on: IsoDate;
  rules: RuleEntry[];
  /** Rules of the pack with no version in force on `on` (not yet, or no longer). */
  notInForce: string[];
}

export interface RuleDifference {
  id: string;
  fields: { field: 'source' | 'status' | 'params'; a: unknown; b: unknown }[];
}

export interface DiffReport {
  a: { id: string; version: string };
  b: { id: string; version: string };
  on: IsoDate;
  onlyInA: RuleEntry[];
  onlyInB: RuleEntry[];
  different: RuleDifference[];
  same: string[];
}

export type ListEntry =
  | {
      id: string;
      ok: true;
      version: string;
      jurisdiction: string;
      extends?: string;
      rules: number;
      draft: number;
      illustrative: number;
    }
  | { id: string; ok: false; error: string };

/** Loads a pack by id, turning "no such folder" into a message listing what does exist. */
export function loadView(id: string, from: PackSource): PolicyView {
  const known = listPacks(from.dirs);
  if (!known.includes(id)) {
    throw new Error(`no policy pack "${id}"; known packs: ${[...new Set(known)].join(', ')}`);
  }
  return new PolicyView(loadPack(id, { ...from, production: false }));
}

function entry(rule: ResolvedRule, note: string | undefined): RuleEntry {
  return {
    id: rule.id,
    source: rule.source,
    sourceType: rule.sourceType,
    status: rule.status,
    quote: rule.quote,
    effectiveFrom: rule.effectiveFrom,
    effectiveTo: rule.effectiveTo,
    params: rule.params,
    paramsSource: rule.paramsSource,
    note,
    // The loader enforces folder name = pack id, so the file's folder names the defining pack.
    definedIn: basename(dirname(rule.file)),
  };
}

function rulesOn(view: PolicyView, on: IsoDate): RuleEntry[] {
  return view.rulesOn(on).map((r) => entry(r, view.pack.rules.get(r.id)?.note));
}

/** The pack and every rule in force on `on`: what `ledger policy show` prints. */
export function showReport(view: PolicyView, on: IsoDate, from: PackSource): ShowReport {
  const { manifest, lineage } = view.pack;
  const sources = lineage.flatMap((packId) => {
    const declared = packId === manifest.id ? manifest : loadPack(packId, { ...from, production: false }).manifest;
    return Object.entries(declared.sources).map(([key, s]) => ({ key, pack: packId, ...s }));
  });
  const rules = rulesOn(view, on);
  const inForce = new Set(rules.map((r) => r.id));
  return {
    pack: {
      id: manifest.id,
      version: manifest.version,
      jurisdiction: manifest.jurisdiction,
      name: manifest.name,
      population: manifest.population,
      effectiveFrom: manifest.effectiveFrom,
      lineage,
      sources,
    },
    on,
    rules,
    notInForce: [...view.pack.rules.keys()].filter((id) => !inForce.has(id)).sort(),
  };
}

/** Key-sorted JSON, so params compare by value and not by the order a file wrote them. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Rules only in a, only in b, and in both but with a different clause, status or params. */
export function diffReport(a: PolicyView, b: PolicyView, on: IsoDate): DiffReport {
  const rulesA = new Map(rulesOn(a, on).map((r) => [r.id, r]));
  const rulesB = new Map(rulesOn(b, on).map((r) => [r.id, r]));
  const different: RuleDifference[] = [];
  const same: string[] = [];
  for (const [id, ra] of rulesA) {
    const rb = rulesB.get(id);
    if (!rb) continue;
    const fields: RuleDifference['fields'] = [];
    if (ra.source !== rb.source) fields.push({ field: 'source', a: ra.source, b: rb.source });
    if (ra.status !== rb.status) fields.push({ field: 'status', a: ra.status, b: rb.status });
    if (canonical(ra.params) !== canonical(rb.params)) fields.push({ field: 'params', a: ra.params, b: rb.params });
    if (fields.length) different.push({ id, fields });
    else same.push(id);
  }
  return {
    a: { id: a.packId, version: a.packVersion },
    b: { id: b.packId, version: b.packVersion },
    on,
    onlyInA: [...rulesA.values()].filter((r) => !rulesB.has(r.id)),
    onlyInB: [...rulesB.values()].filter((r) => !rulesA.has(r.id)),
    different,
    same,
  };
}

/** Every pack found, each loaded so a broken one shows its error instead of hiding. */
export function listReport(from: PackSource): ListEntry[] {
  return [...new Set(listPacks(from.dirs))].map((id): ListEntry => {
    try {
      const pack = loadPack(id, { ...from, production: false });
      const rules = [...pack.rules.values()];
      return {
        id,
        ok: true,
        version: pack.manifest.version,
        jurisdiction: pack.manifest.jurisdiction,
        extends: pack.manifest.extends,
        rules: rules.length,
        draft: rules.filter((r) => r.status === 'draft').length,
        illustrative: rules.filter((r) => r.status === 'illustrative').length,
      };
    } catch (error) {
      return { id, ok: false, error: (error as Error).message };
    }
  });
}
