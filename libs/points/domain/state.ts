import type { IsoDate } from '@ledger/kernel';
import type { PointsPurpose, PointsRound } from './commands';
import type { FactorsVersion, PointsLine } from './events';

export interface PointsState {
  status: 'none' | 'assessed' | 'vetoed';
  workerId?: string;
  round?: PointsRound;
  purpose?: PointsPurpose;
  assessedOn?: IsoDate;
  breakdown: PointsLine[];
  gross: number;
  total: number;
  factorsVersion?: FactorsVersion;
  permitIssuedOn: IsoDate | null;
  /** Violations the current score has deducted, by id. */
  deductedViolations: string[];
  veto?: { ground: string; vetoedOn: IsoDate };
  /** Set while the permit's use is suspended (permit.lapse); the score stands but is not used. */
  suspendedOn?: IsoDate;
}

export const initialPointsState: PointsState = {
  status: 'none',
  breakdown: [],
  gross: 0,
  total: 0,
  permitIssuedOn: null,
  deductedViolations: [],
};
