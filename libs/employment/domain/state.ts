import type { IsoDate } from '@ledger/kernel';

export interface EmploymentState {
  workerId?: string;
  /** The latest unemployment registration; `open` until a job or a public post ends it. */
  unemployment?: { registeredOn: IsoDate; open: boolean; endedOn?: IsoDate };
  employment?: { employerId: string; startedOn: IsoDate };
  publicPosts: Record<string, { employerId: string; startedOn: IsoDate; monthsPaid: string[] }>;
  startupSubsidy?: { ventureId: string; grantedOn: IsoDate; amountFen: number };
  startupJobsTotalFen: number;
  guaranteedLoans: Record<string, number>;
  appraisalCertificates: string[];
  upliftedTrainings: string[];
  trainingAppraisalClaims: string[];
  trainingAppraisalTotalFen: number;
  legalAidCases: string[];
}

export const initialEmploymentState: EmploymentState = {
  publicPosts: {},
  startupJobsTotalFen: 0,
  guaranteedLoans: {},
  appraisalCertificates: [],
  upliftedTrainings: [],
  trainingAppraisalClaims: [],
  trainingAppraisalTotalFen: 0,
  legalAidCases: [],
};

/** The total of guaranteed loans approved to the worker, fen. */
export function guaranteedLoansTotal(state: EmploymentState): number {
  return Object.values(state.guaranteedLoans).reduce((a, b) => a + b, 0);
}

export function isRegisteredUnemployed(state: EmploymentState): boolean {
  return state.unemployment?.open === true;
}
