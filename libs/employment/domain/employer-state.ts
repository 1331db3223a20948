import type { EmployerEvent } from './employer-events';

export interface EmployerState {
  employerId?: string;
  /** Real-name site rosters: project → workers. */
  rosters: Record<string, string[]>;
  payments: string[];
  /** Workers this agency has been awarded for → placement id. */
  placements: Record<string, string>;
  placementTotalFen: number;
  firmLoans: Record<string, number>;
}

export const initialEmployerState: EmployerState = {
  rosters: {},
  payments: [],
  placements: {},
  placementTotalFen: 0,
  firmLoans: {},
};

export function firmLoansTotal(state: EmployerState): number {
  return Object.values(state.firmLoans).reduce((a, b) => a + b, 0);
}

/** Folds one firm event. Pure. */
export function evolveEmployer(current: EmployerState, event: EmployerEvent): EmployerState {
  const state = { ...current, employerId: current.employerId ?? event.data.employerId };
  switch (event.type) {
    case 'SiteWorkerRegistered': {
      const roster = state.rosters[event.data.projectId] ?? [];
      return { ...state, rosters: { ...state.rosters, [event.data.projectId]: [...roster, event.data.workerId] } };
    }
    case 'WagePaymentRecorded':
      return { ...state, payments: [...state.payments, event.data.paymentId] };
    case 'AgencyPlacementAwarded':
      return {
        ...state,
        placements: { ...state.placements, [event.data.workerId]: event.data.placementId },
        placementTotalFen: state.placementTotalFen + event.data.amountFen,
      };
    case 'FirmGuaranteedLoanApproved':
      return { ...state, firmLoans: { ...state.firmLoans, [event.data.loanId]: event.data.amountFen } };
    default: {
      const unreachable: never = event;
      throw new Error(`unknown employer event ${(unreachable as { type: string }).type}`);
    }
  }
}
