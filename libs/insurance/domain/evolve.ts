import type { InsuranceEvent } from './events';
import type { ContributionEntry, InsuranceState, Transfer } from './state';
import type { Scheme } from './schemes';
import type { YearMonth } from './months';

function withEntry(state: InsuranceState, scheme: Scheme, month: YearMonth, entry: ContributionEntry): InsuranceState {
  const byMonth = state.contributions[scheme] ?? {};
  // A place's own payment for a month replaces itself (a correction); a transferred month sits
  // beside a payment the destination already holds, and the counting rules decide how it counts.
  const same = (e: ContributionEntry) =>
    e.region === entry.region && e.via === entry.via && e.transferId === entry.transferId;
  const entries = (byMonth[month] ?? []).filter((e) => !same(e));
  return {
    ...state,
    contributions: { ...state.contributions, [scheme]: { ...byMonth, [month]: [...entries, entry] } },
  };
}

function withoutEntry(state: InsuranceState, scheme: Scheme, month: YearMonth, region: string): InsuranceState {
  const byMonth = state.contributions[scheme];
  if (!byMonth?.[month]) return state;
  const rest = byMonth[month].filter((e) => e.region !== region);
  const next = { ...byMonth, [month]: rest };
  if (rest.length === 0) delete next[month];
  return { ...state, contributions: { ...state.contributions, [scheme]: next } };
}

function updateTransfer(state: InsuranceState, transferId: string, change: Partial<Transfer>): InsuranceState {
  const transfer = state.transfers[transferId];
  if (!transfer) return state;
  return { ...state, transfers: { ...state.transfers, [transferId]: { ...transfer, ...change } } };
}

/** Folds one insurance event into the state. Pure. */
export function evolve(state: InsuranceState, event: InsuranceEvent): InsuranceState {
  switch (event.type) {
    case 'ContributionsRecorded': {
      const { scheme, region, baseFen, months, workerId } = event.data;
      return months.reduce<InsuranceState>((s, m) => withEntry(s, scheme, m, { region, baseFen, via: 'paid' }), {
        ...state,
        workerId: state.workerId ?? workerId,
      });
    }
    case 'EnrolledInSchemes': {
      const { basis, schemes, employerId, projectId, enrolledOn, decision, workerId } = event.data;
      const ruleId = decision.rules[0]?.ruleId ?? '';
      const kept = state.enrolments.filter(
        (e) => !(schemes.includes(e.scheme) && e.basis === basis && e.projectId === projectId),
      );
      const added = schemes.map((scheme) => ({ scheme, basis, employerId, projectId, since: enrolledOn, ruleId }));
      return { ...state, workerId: state.workerId ?? workerId, enrolments: [...kept, ...added] };
    }
    case 'TransferRequested': {
      const d = event.data;
      const transfer: Transfer = {
        transferId: d.transferId,
        fromScheme: d.fromScheme,
        toScheme: d.toScheme,
        fromRegion: d.fromRegion,
        toRegion: d.toRegion,
        requestedOn: d.requestedOn,
        letterDue: d.letterDue,
        completionDue: d.completionDue,
        ruleId: d.decision.rules[0]?.ruleId ?? '',
        status: 'requested',
      };
      return {
        ...state,
        workerId: state.workerId ?? d.workerId,
        transfers: { ...state.transfers, [d.transferId]: transfer },
      };
    }
    case 'TransferLetterIssued':
      return updateTransfer(state, event.data.transferId, {
        status: 'letter-issued',
        letterId: event.data.letterId,
        letterIssuedOn: event.data.issuedOn,
      });
    case 'TransferFundsReceived':
      return updateTransfer(state, event.data.transferId, {
        status: 'funds-received',
        months: event.data.months,
        amountFen: event.data.amountFen,
        fundsReceivedOn: event.data.receivedOn,
      });
    case 'TransferCompleted': {
      const transfer = state.transfers[event.data.transferId];
      if (!transfer) return state;
      // The account moves: each month leaves the source scheme and place and joins the destination.
      const moved = (transfer.months ?? []).reduce<InsuranceState>((s, month) => {
        const source = s.contributions[transfer.fromScheme]?.[month]?.find((e) => e.region === transfer.fromRegion);
        const without = withoutEntry(s, transfer.fromScheme, month, transfer.fromRegion);
        return withEntry(without, transfer.toScheme, month, {
          region: transfer.toRegion,
          baseFen: source?.baseFen ?? 0,
          via: 'transfer',
          transferId: transfer.transferId,
        });
      }, state);
      return updateTransfer(moved, transfer.transferId, { status: 'completed', completedOn: event.data.completedOn });
    }
    case 'TransferRejected':
      return updateTransfer(state, event.data.transferId, {
        status: 'rejected',
        rejectedOn: event.data.rejectedOn,
        reasonCode: event.data.reasonCode,
      });
    default: {
      const unreachable: never = event;
      throw new Error(`unknown insurance event ${(unreachable as { type: string }).type}`);
    }
  }
}
