import type { PointsEvent } from './events';
import type { PointsState } from './state';

/** Folds one event into the worker's points. Pure. */
export function evolvePoints(state: PointsState, event: PointsEvent): PointsState {
  switch (event.type) {
    case 'PointsAssessed': {
      const d = event.data;
      if (state.status === 'vetoed') return state;
      return {
        ...state,
        status: 'assessed',
        workerId: d.workerId,
        round: d.round,
        purpose: d.purpose,
        assessedOn: d.assessedOn,
        breakdown: d.breakdown,
        gross: d.gross,
        total: d.total,
        factorsVersion: d.factorsVersion,
        permitIssuedOn: d.permitIssuedOn,
        deductedViolations: d.violationIds,
      };
    }
    case 'PointsAdjusted': {
      const d = event.data;
      const deducted =
        d.kind === 'violation-deduction'
          ? [...state.deductedViolations, d.violationId]
          : state.deductedViolations.filter((id) => id !== d.violationId);
      return { ...state, gross: d.grossAfter, total: d.totalAfter, deductedViolations: deducted };
    }
    case 'PointsVetoed':
      return {
        ...state,
        status: 'vetoed',
        total: 0,
        veto: { ground: event.data.ground, vetoedOn: event.data.vetoedOn },
      };
    case 'PointsSuspended':
      return { ...state, suspendedOn: event.data.suspendedOn };
    case 'PointsResumed': {
      const { suspendedOn: _ended, ...rest } = state;
      return rest;
    }
    case 'PointsContributionsRecounted': {
      const d = event.data;
      const breakdown = state.breakdown.map((l) => (l.factor === 'contributions' ? d.line : l));
      return { ...state, breakdown, gross: d.grossAfter, total: d.totalAfter };
    }
    default: {
      const unexpected: never = event;
      throw new Error(`unknown points event ${JSON.stringify(unexpected)}`);
    }
  }
}
