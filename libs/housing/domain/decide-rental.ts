import { compareDates, type Decided } from '@ledger/kernel';
import { decisionRecord, type ResolvedRule } from '@ledger/policy';
import type { DecideRentalEligibility, ReviewWaitlistEntry, SubmitRentalApplication } from './commands';
import type { HousingContext } from './context';
import { InvalidHousingCommand } from './errors';
import type { HousingEvent } from './events';
import { assessRental } from './rental-rules';
import type { HousingState, RentalApplication, RentalStatus } from './state';

/** effectiveOn only where the fact took effect on another day than it is recorded. */
export function effectiveOn(date: string, today: string): { effectiveOn?: string } {
  return date === today ? {} : { effectiveOn: date };
}

export function requireApplication(
  state: HousingState,
  applicationId: string,
  allowed: RentalStatus[],
): RentalApplication {
  const rental = state.rental;
  if (!rental || rental.applicationId !== applicationId) {
    throw new InvalidHousingCommand('UNKNOWN_APPLICATION', `no rental application ${applicationId} on this stream`);
  }
  if (!allowed.includes(rental.status)) {
    throw new InvalidHousingCommand(
      'WRONG_APPLICATION_STATUS',
      `application ${applicationId} is ${rental.status}, not ${allowed.join(' or ')}`,
    );
  }
  return rental;
}

export function submitRentalApplication(
  command: SubmitRentalApplication,
  state: HousingState,
  context: HousingContext,
): Decided<HousingEvent> {
  const { data } = command;
  if (state.rental && state.rental.status !== 'ended') {
    throw new InvalidHousingCommand(
      'APPLICATION_OPEN',
      `application ${state.rental.applicationId} is still ${state.rental.status}`,
    );
  }
  if (compareDates(data.submittedOn, context.today) > 0) {
    throw new InvalidHousingCommand(
      'SUBMITTED_IN_FUTURE',
      `submittedOn ${data.submittedOn} is after today ${context.today}`,
    );
  }
  return [{ type: 'RentalApplicationSubmitted', data, ...effectiveOn(data.submittedOn, context.today) }];
}

/**
 * Decides as of the submission date: the rules in force then and the facts as they stood then,
 * so a backdated application is judged on its own day (docs/architecture.md principle 9).
 */
export function decideRentalEligibility(
  command: DecideRentalEligibility,
  state: HousingState,
  context: HousingContext,
): Decided<HousingEvent> {
  const application = requireApplication(state, command.data.applicationId, ['submitted']);
  const on = application.submittedOn;
  const assessment = assessRental(context.policy, on, context.facts);
  if (!assessment.eligible) return assessment.refusal;
  const decision = decisionRecord(context.policy, context.today, assessment.rules, assessment.inputs);
  return [
    {
      type: 'RentalEligibilityDecided',
      data: { applicationId: application.applicationId, eligible: true, assessedOn: on, decision },
      ...effectiveOn(on, context.today),
    },
    { type: 'Waitlisted', data: { applicationId: application.applicationId, waitlistedOn: context.today } },
  ];
}

/**
 * A waitlisted worker must go on meeting the rule: a permit that lapses (national-663 第十条)
 * breaks the continuous residence panzhihua's rule counts, so the entry is suspended, by a
 * decision that names the rule; a restored permit and a fresh count reinstate it. Nothing
 * changes where the rule does not depend on the fact (sanming counts work, not the permit).
 */
export function reviewWaitlistEntry(
  command: ReviewWaitlistEntry,
  state: HousingState,
  context: HousingContext,
): Decided<HousingEvent> {
  const application = requireApplication(state, command.data.applicationId, ['waitlisted', 'suspended']);
  const on = command.data.reviewedOn;
  const assessment = assessRental(context.policy, on, context.facts);
  const lapse = context.facts?.permitStatus === 'suspended' ? context.policy.find('permit.lapse', on) : undefined;
  if (!assessment.eligible) {
    if (application.status === 'suspended') return [];
    // A pack with no rental rule in force any more (a version ended) also suspends the entry.
    const rules: ResolvedRule<unknown>[] = [assessment.rule, lapse].filter(
      (r): r is ResolvedRule<unknown> => r !== undefined,
    );
    return [
      {
        type: 'WaitlistEntrySuspended',
        data: {
          applicationId: application.applicationId,
          suspendedOn: on,
          ground: assessment.refusal.code,
          decision: decisionRecord(context.policy, context.today, rules, {
            ...assessment.inputs,
            // Plain JSON only: the store refuses an undefined value (a refusal without a date).
            refusal: {
              ruleId: assessment.refusal.ruleId,
              code: assessment.refusal.code,
              ...(assessment.refusal.eligibleFrom ? { eligibleFrom: assessment.refusal.eligibleFrom } : {}),
            },
          }),
        },
        ...effectiveOn(on, context.today),
      },
    ];
  }
  if (application.status === 'waitlisted') return [];
  return [
    {
      type: 'WaitlistEntryReinstated',
      data: {
        applicationId: application.applicationId,
        reinstatedOn: on,
        decision: decisionRecord(context.policy, context.today, assessment.rules, assessment.inputs),
      },
      ...effectiveOn(on, context.today),
    },
  ];
}
