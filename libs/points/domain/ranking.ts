import { compareDates } from '@ledger/kernel';
import type { IsoDate } from '@ledger/kernel';
import type { FactorsVersion } from './events';

/** One worker's standing in a round, read from the points projection. */
export interface RoundEntry {
  workerId: string;
  total: number;
  permitIssuedOn: IsoDate | null;
  factorsVersion: FactorsVersion;
  vetoed?: boolean;
}

export interface RankedEntry extends RoundEntry {
  /** 1-based; workers equal on points and permit date share a rank ("1, 2, 2, 4"). */
  rank: number;
}

/** A round scored under different versions of the factors cannot be ranked until re-assessed. */
export class MixedFactorsVersionError extends Error {
  constructor(
    readonly versions: FactorsVersion[],
    readonly workerIds: string[],
  ) {
    super(
      `round mixes points.factors versions ${versions.map((v) => `${v.packId}@${v.packVersion}/${v.effectiveFrom}`).join(', ')}; re-assess ${workerIds.join(', ')}`,
    );
  }
}

const versionKey = (v: FactorsVersion) => `${v.packId}@${v.packVersion}/${v.effectiveFrom}`;

function compareEntries(a: RoundEntry, b: RoundEntry): number {
  if (a.total !== b.total) return b.total - a.total;
  // Ties → the earlier permit (points.factors tieBreak: earlier-permit); no permit ranks last.
  if (a.permitIssuedOn !== b.permitIssuedOn) {
    if (a.permitIssuedOn === null) return 1;
    if (b.permitIssuedOn === null) return -1;
    return compareDates(a.permitIssuedOn, b.permitIssuedOn);
  }
  return 0;
}

/**
 * Ranks a round: highest total first, ties to the earlier permit, vetoed workers left out.
 * Pure. Throws when the round was not scored under one version of the factors.
 */
export function rankRound(entries: RoundEntry[]): RankedEntry[] {
  const eligible = entries.filter((e) => !e.vetoed);
  const byVersion = new Map<string, RoundEntry[]>();
  for (const e of eligible)
    byVersion.set(versionKey(e.factorsVersion), [...(byVersion.get(versionKey(e.factorsVersion)) ?? []), e]);
  if (byVersion.size > 1) {
    const groups = [...byVersion.values()].sort((a, b) => b.length - a.length);
    throw new MixedFactorsVersionError(
      groups.map((g) => g[0]!.factorsVersion),
      groups.slice(1).flatMap((g) => g.map((e) => e.workerId)),
    );
  }
  const sorted = [...eligible].sort(
    (a, b) => compareEntries(a, b) || (a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0),
  );
  const ranked: RankedEntry[] = [];
  sorted.forEach((entry, i) => {
    const previous = ranked[i - 1];
    const rank = previous && compareEntries(previous, entry) === 0 ? previous.rank : i + 1;
    ranked.push({ ...entry, rank });
  });
  return ranked;
}
