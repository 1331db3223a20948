import type { Decided } from '@ledger/kernel';
import { decisionRecord, refuse, type ResolvedRule } from '@ledger/policy';
import type {
  SchoolDisabilityNoRefusalParams,
  SchoolFeesEqualParams,
  SchoolMixedClassParams,
  SchoolPrivateFallbackParams,
} from '@ledger/policy/params/schooling';
import type { HealthVaccinationEntryCheckParams } from '@ledger/policy/params/health';
import type { DeclineAdmission, Enroll, OfferSeat } from './commands';
import type { SchoolingContext } from './context';
import { InvalidSchoolingCommand } from './errors';
import type { SchoolingEvent } from './events';
import { effectiveOn, requireApplication, requireChild } from './guards';
import type { SchoolingState } from './state';

const FEE_FIELDS = { 'school-choice': 'schoolChoiceFen', 'guest-study': 'guestStudyFen' } as const;

/**
 * An offer must respect, on its date, every placement rule the pack has: no 择校费/借读费
 * (panzhihua), no migrant-only class (fangshan, shaoxing's public schools), a public seat
 * first (fangshan, fengdu), a private seat only as a funded 公益性民办 fallback (shaoxing).
 */
export function offerSeat(
  command: OfferSeat,
  state: SchoolingState,
  context: SchoolingContext,
): Decided<SchoolingEvent> {
  const { data } = command;
  const application = requireApplication(state, data.applicationId, ['eligible']);
  if (application.attendance !== 'regular') {
    throw new InvalidSchoolingCommand(
      'HOME_TEACHING',
      `application ${data.applicationId} is ${application.attendance} with home teaching`,
    );
  }
  const { policy: view } = context;
  const on = data.offeredOn;
  const rules: ResolvedRule<unknown>[] = [];
  const inputs: Record<string, unknown> = { ...data };

  const fees = view.find<SchoolFeesEqualParams>('school.fees.equal', on);
  if (fees) {
    const charged = fees.params.forbiddenFees.filter((fee) => data.fees[FEE_FIELDS[fee]] > 0);
    if (charged.length > 0) {
      return refuse(view, fees, {
        code: 'FORBIDDEN_FEE',
        reason: `不予发放学位：收取${charged.map((f) => (f === 'school-choice' ? '择校费' : '借读费')).join('、')}`,
        computed: data.fees,
        required: { schoolChoiceFen: 0, guestStudyFen: 0 },
        wouldChange: 'an offer without 择校费 or 借读费',
      });
    }
    rules.push(fees);
  }

  const mixed = view.find<SchoolMixedClassParams>('school.mixed-class', on);
  if (mixed && mixed.params.schoolTypes.includes(data.schoolType)) {
    if (data.classComposition === 'migrant-only') {
      return refuse(view, mixed, {
        code: 'MIGRANT_ONLY_CLASS',
        reason: '不予发放学位：随迁子女单独编班',
        computed: data.classComposition,
        required: 'mixed',
        wouldChange: 'a place in a class mixed with hukou pupils',
      });
    }
    rules.push(mixed);
  }

  const publicFirst = view.find('school.public-first', on);
  const fallback = view.find<SchoolPrivateFallbackParams>('school.private-fallback', on);
  if (data.schoolType === 'private-nonprofit') {
    const privateRules: (ResolvedRule<unknown> | undefined)[] = [publicFirst, fallback];
    for (const rule of privateRules) {
      if (rule && data.publicSeatAvailable) {
        return refuse(view, rule, {
          code: 'PUBLIC_SEAT_AVAILABLE',
          reason: '不予安排民办学位：尚有公办学位',
          wouldChange: 'offer the public seat first',
        });
      }
    }
    if (fallback && !data.governmentFunded) {
      return refuse(view, fallback, {
        code: 'NOT_GOVERNMENT_FUNDED',
        reason: '不予安排民办学位：未以政府购买服务等方式保障',
        wouldChange: 'a seat paid for by the government (政府购买服务)',
      });
    }
    rules.push(...privateRules.filter((r): r is ResolvedRule<unknown> => r !== undefined));
  } else if (publicFirst) {
    rules.push(publicFirst);
  }

  return [
    {
      type: 'SeatOffered',
      data: { ...data, decision: decisionRecord(view, context.today, rules, inputs) },
      ...effectiveOn(on, context.today),
    },
  ];
}

/** fengdu-2017-29 §四: a school may not turn a disabled child away; elsewhere a decline reopens the application. */
export function declineAdmission(
  command: DeclineAdmission,
  state: SchoolingState,
  context: SchoolingContext,
): Decided<SchoolingEvent> {
  const { data } = command;
  const child = requireChild(state);
  const application = requireApplication(state, data.applicationId, ['offered']);
  if (application.offer?.schoolId !== data.schoolId) {
    throw new InvalidSchoolingCommand(
      'NOT_OFFERED_BY_SCHOOL',
      `school ${data.schoolId} made no offer on ${data.applicationId}`,
    );
  }
  if (data.ground === 'disability') {
    if (child.disability === 'none') {
      throw new InvalidSchoolingCommand('NOT_DISABLED', 'the child has no recorded disability');
    }
    const noRefusal = context.policy.find<SchoolDisabilityNoRefusalParams>(
      'school.disability.no-refusal',
      data.declinedOn,
    );
    if (noRefusal) {
      return refuse(context.policy, noRefusal, {
        code: 'DISABILITY_NOT_A_GROUND',
        reason: '不得拒收残疾儿童入学',
        computed: { disability: child.disability, ground: data.ground },
        wouldChange: 'a child who cannot attend is 缓学/免学 with 送教上门 (decided at eligibility), never turned away',
      });
    }
  }
  return [{ type: 'AdmissionDeclined', data, ...effectiveOn(data.declinedOn, context.today) }];
}

/**
 * fengdu-2017-29 §三: entry checks the 预防接种证. Until 卫健委 has checked it the enrolment
 * waits (the offer stands); gaps or no certificate send the child to 补种 and keep the seat.
 */
export function enroll(command: Enroll, state: SchoolingState, context: SchoolingContext): Decided<SchoolingEvent> {
  const { data } = command;
  const application = requireApplication(state, data.applicationId, ['offered']);
  const offer = application.offer!;
  const { policy: view } = context;
  const on = data.enrolledOn;
  const check = view.find<HealthVaccinationEntryCheckParams>('health.vaccination.entry-check', on);
  const base = {
    applicationId: application.applicationId,
    schoolId: offer.schoolId,
    grade: application.grade,
    enrolledOn: on,
  };
  if (!check) {
    return [
      {
        type: 'Enrolled',
        data: {
          ...base,
          vaccinationCheck: 'not-required',
          decision: decisionRecord(view, context.today, [], { enrolledOn: on }),
        },
        ...effectiveOn(on, context.today),
      },
    ];
  }
  const vaccination = state.vaccination;
  if (!vaccination) {
    return refuse(view, check, {
      code: 'VACCINATION_NOT_CHECKED',
      reason: '暂缓办理入学：未查验预防接种证',
      wouldChange: 'needs a vaccination record: 卫健委 checks the 预防接种证 (the seat is kept)',
    });
  }
  const inputs = { enrolledOn: on, vaccination };
  const decision = decisionRecord(view, context.today, [check], inputs);
  const enrolled: SchoolingEvent = {
    type: 'Enrolled',
    data: { ...base, vaccinationCheck: vaccination.certificate, decision },
    ...effectiveOn(on, context.today),
  };
  if (vaccination.certificate === 'complete') return [enrolled];
  return [
    enrolled,
    {
      type: 'VaccinationCatchUpReferred',
      data: {
        applicationId: application.applicationId,
        certificate: vaccination.certificate,
        missingVaccines: vaccination.missingVaccines,
        referredOn: on,
        decision,
      },
      ...effectiveOn(on, context.today),
    },
  ];
}
