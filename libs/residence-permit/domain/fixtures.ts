import { fold, isRefusal } from '@ledger/kernel';
import type { IsoDate } from '@ledger/kernel';
import { PolicyView } from '@ledger/policy';
import type { PermitCommand } from './commands';
import { permitDecider } from './decide';
import type { PermitEvent } from './events';
import type { PermitState } from './state';

/** Test and seed helper: the events a run of commands on given days produces. Throws on a refusal. */
export function historyOf(
  policy: PolicyView,
  steps: [IsoDate, PermitCommand][],
  given: PermitEvent[] = [],
): PermitEvent[] {
  const events = [...given];
  for (const [today, command] of steps) {
    const outcome = permitDecider.decide(command, fold(permitDecider, events), { today, policy });
    if (isRefusal(outcome)) throw new Error(`${command.type} on ${today} refused: ${outcome.detail}`);
    events.push(...outcome);
  }
  return events;
}

export function stateOf(events: PermitEvent[]): PermitState {
  return fold(permitDecider, events);
}

/** The usual path to a permit: registered on arrival, applied on `appliedOn`, issued on `issuedOn`. */
export function issuedPermit(
  policy: PolicyView,
  workerId: string,
  arrivalOn: IsoDate,
  appliedOn: IsoDate,
  issuedOn: IsoDate,
): PermitEvent[] {
  return historyOf(policy, [
    [arrivalOn, { type: 'RegisterResidence', data: { workerId, arrivalOn, address: { line: '东区炳草岗大街1号' } } }],
    [appliedOn, { type: 'ApplyForPermit', data: { workerId, ground: 'stable-job' } }],
    [
      issuedOn,
      { type: 'IssuePermit', data: { workerId, permitNumber: `510402${workerId}`, issuingOfficeCode: '510402' } },
    ],
  ]);
}
