import type { AppliedRule, IsoDate, RuleStatus } from '@ledger/kernel';
import { compareDates } from '@ledger/kernel';
import type { PackManifest, RuleDefinition } from './schema';

/** A rule version resolved for one date, with its parameters checked and typed by the caller. */
export interface ResolvedRule<P = Record<string, unknown>> {
  id: string;
  source: string;
  sourceType: RuleDefinition['sourceType'];
  quote: string;
  status: RuleStatus;
  paramsSource?: string;
  effectiveFrom: IsoDate;
  effectiveTo?: IsoDate;
  params: P;
  /** The pack file that defined it. */
  file: string;
}

/** A loaded pack: its manifest and its rules, the parent pack's merged in. */
export interface PolicyPack {
  manifest: PackManifest;
  /** The chain of pack ids, this one first: ['sanming', 'national-663']. */
  lineage: string[];
  rules: ReadonlyMap<string, RuleDefinition & { file: string }>;
}

/** The pack as of a date: what a decision for that date must use. */
export class PolicyView {
  constructor(readonly pack: PolicyPack) {}

  get packId(): string {
    return this.pack.manifest.id;
  }

  get packVersion(): string {
    return this.pack.manifest.version;
  }

  get jurisdiction(): string {
    return this.pack.manifest.jurisdiction;
  }

  /** The version of a rule in force on `on`, or undefined where the pack has none. */
  find<P = Record<string, unknown>>(ruleId: string, on: IsoDate): ResolvedRule<P> | undefined {
    const rule = this.pack.rules.get(ruleId);
    if (!rule) return undefined;
    const version = [...rule.versions]
      .sort((a, b) => compareDates(b.effectiveFrom, a.effectiveFrom))
      .find((v) => compareDates(v.effectiveFrom, on) <= 0 && (!v.effectiveTo || compareDates(on, v.effectiveTo) <= 0));
    if (!version) return undefined;
    return {
      id: rule.id,
      source: rule.source,
      sourceType: rule.sourceType,
      quote: rule.quote,
      status: rule.status,
      paramsSource: rule.paramsSource,
      effectiveFrom: version.effectiveFrom,
      effectiveTo: version.effectiveTo,
      params: version.params as P,
      file: rule.file,
    };
  }

  /** Every rule in force on `on`, sorted by id. */
  rulesOn(on: IsoDate): ResolvedRule[] {
    return [...this.pack.rules.keys()]
      .sort()
      .map((id) => this.find(id, on))
      .filter((r): r is ResolvedRule => r !== undefined);
  }
}

export function applied(rule: ResolvedRule<unknown>): AppliedRule {
  return {
    ruleId: rule.id,
    source: rule.source,
    quote: rule.quote,
    status: rule.status,
    effectiveFrom: rule.effectiveFrom,
  };
}
