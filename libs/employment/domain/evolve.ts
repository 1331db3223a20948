import type { EmploymentEvent } from './events';
import type { EmploymentState } from './state';

function endUnemployment(state: EmploymentState, on: string): EmploymentState['unemployment'] {
  return state.unemployment?.open ? { ...state.unemployment, open: false, endedOn: on } : state.unemployment;
}

/** Folds one employment event into the worker's state. Pure. */
export function evolve(current: EmploymentState, event: EmploymentEvent): EmploymentState {
  const state = { ...current, workerId: current.workerId ?? event.data.workerId };
  switch (event.type) {
    case 'UnemploymentRegistered':
      return { ...state, unemployment: { registeredOn: event.data.registeredOn, open: true } };
    case 'EmploymentRegistered':
      return {
        ...state,
        employment: { employerId: event.data.employerId, startedOn: event.data.startedOn },
        unemployment: endUnemployment(state, event.data.startedOn),
      };
    case 'PlacedOnPublicPost':
      return {
        ...state,
        employment: { employerId: event.data.employerId, startedOn: event.data.startedOn },
        unemployment: endUnemployment(state, event.data.startedOn),
        publicPosts: {
          ...state.publicPosts,
          [event.data.postId]: { employerId: event.data.employerId, startedOn: event.data.startedOn, monthsPaid: [] },
        },
      };
    case 'PublicPostSubsidyGranted': {
      const post = state.publicPosts[event.data.postId];
      if (!post) return state;
      return {
        ...state,
        publicPosts: {
          ...state.publicPosts,
          [event.data.postId]: { ...post, monthsPaid: [...post.monthsPaid, event.data.month] },
        },
      };
    }
    case 'StartupSubsidyGranted':
      return {
        ...state,
        startupSubsidy: {
          ventureId: event.data.ventureId,
          grantedOn: event.data.decision.decidedOn,
          amountFen: event.data.amountFen,
        },
      };
    case 'StartupJobsSubsidyGranted':
      return { ...state, startupJobsTotalFen: state.startupJobsTotalFen + event.data.amountFen };
    case 'GuaranteedLoanApproved':
      return { ...state, guaranteedLoans: { ...state.guaranteedLoans, [event.data.loanId]: event.data.amountFen } };
    case 'AppraisalSubsidyGranted':
      return { ...state, appraisalCertificates: [...state.appraisalCertificates, event.data.certificateId] };
    case 'TrainingSubsidyUplifted':
      return { ...state, upliftedTrainings: [...state.upliftedTrainings, event.data.trainingId] };
    case 'TrainingAppraisalSubsidyGranted':
      return {
        ...state,
        trainingAppraisalClaims: [...state.trainingAppraisalClaims, event.data.claimId],
        trainingAppraisalTotalFen: state.trainingAppraisalTotalFen + event.data.amountFen,
      };
    case 'LegalAidMeansTestWaived':
      return { ...state, legalAidCases: [...state.legalAidCases, event.data.caseId] };
    default: {
      const unreachable: never = event;
      throw new Error(`unknown employment event ${(unreachable as { type: string }).type}`);
    }
  }
}
