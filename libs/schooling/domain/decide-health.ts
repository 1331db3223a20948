import {
  ageOn,
  completionDate,
  compareDates,
  describeElapsed,
  describePeriod,
  elapsed,
  hasCompleted,
  type Decided,
  type IsoDate,
  type Period,
  type Refusal,
} from '@ledger/kernel';
import { decisionRecord, notProvided, refuse, type PolicyView, type ResolvedRule } from '@ledger/policy';
import type {
  HealthBasicPublicParams,
  HealthVaccinationCardParams,
  HealthVaccinationFileParams,
} from '@ledger/policy/params/health';
import type {
  DecidePublicHealthCoverage,
  OpenVaccinationRecord,
  RecordVaccinationCheck,
  RegisterChild,
} from './commands';
import type { SchoolingContext } from './context';
import { InvalidSchoolingCommand } from './errors';
import type { SchoolingEvent, VaccinationRecordKind } from './events';
import { effectiveOn, requireChild } from './guards';
import type { SchoolingState } from './state';

export function registerChild(
  command: RegisterChild,
  state: SchoolingState,
  context: SchoolingContext,
): Decided<SchoolingEvent> {
  const { data } = command;
  if (state.child)
    throw new InvalidSchoolingCommand('CHILD_REGISTERED', `child ${state.child.childId} is already registered`);
  if (data.parentWorkerIds.length === 0)
    throw new InvalidSchoolingCommand('NO_PARENT', 'a child needs at least one parent worker id');
  if (compareDates(data.birthDate, data.registeredOn) > 0)
    throw new InvalidSchoolingCommand('BORN_AFTER_REGISTRATION', 'birthDate is after registeredOn');
  return [{ type: 'ChildRegistered', data, ...effectiveOn(data.registeredOn, context.today) }];
}

export function recordVaccinationCheck(
  command: RecordVaccinationCheck,
  state: SchoolingState,
  context: SchoolingContext,
): Decided<SchoolingEvent> {
  const { data } = command;
  requireChild(state);
  if (data.certificate === 'complete' && data.missingVaccines.length > 0) {
    throw new InvalidSchoolingCommand('COMPLETE_WITH_GAPS', 'a complete certificate lists no missing vaccines');
  }
  return [{ type: 'VaccinationVerified', data, ...effectiveOn(data.verifiedOn, context.today) }];
}

/** A residence threshold (居住3个月以上, 半年以上) met on `on`, or the refusal that says when it will be. */
function residenceRefusal(
  view: PolicyView,
  rule: ResolvedRule<{ minResidence: Period; inclusive: boolean }>,
  since: IsoDate | undefined,
  on: IsoDate,
  reason: string,
): Refusal | undefined {
  const { minResidence, inclusive } = rule.params;
  if (!since) {
    return refuse(view, rule, {
      code: 'RESIDENCE_NOT_SHOWN',
      reason: `${reason}：无居住记录`,
      required: minResidence,
      wouldChange: 'needs a record of the child’s residence in the city',
    });
  }
  if (hasCompleted(since, minResidence, on, inclusive)) return undefined;
  const span = elapsed(since, on);
  return refuse(view, rule, {
    code: 'RESIDENCE_TOO_SHORT',
    reason: `${reason}：居住${describeElapsed(span)}，不满${describePeriod(minResidence)}`,
    computed: span,
    required: minResidence,
    eligibleFrom: completionDate(since, minResidence, inclusive),
  });
}

/**
 * Which record a child gets, and when, differs by pack (docs/policy-rules.md §4): shaoxing a 预防接种证(卡)
 * after 3 months; fengdu a 预防接种档案 for a home buyer's child aged 0–6; fangshan and sanming
 * equal treatment with local children, so no condition; panzhihua through the 12 categories of
 * basic public health after half a year.
 */
export function openVaccinationRecord(
  command: OpenVaccinationRecord,
  state: SchoolingState,
  context: SchoolingContext,
): Decided<SchoolingEvent> {
  const child = requireChild(state);
  if (state.vaccinationRecord) {
    throw new InvalidSchoolingCommand(
      'RECORD_OPEN',
      `a vaccination ${state.vaccinationRecord.recordKind} was opened on ${state.vaccinationRecord.openedOn}`,
    );
  }
  const { policy: view, facts = {} } = context;
  const on = command.data.openedOn;
  const inputs: Record<string, unknown> = {
    openedOn: on,
    birthDate: child.birthDate,
    // Plain JSON only: the store refuses an undefined value (fengdu's file needs no residence).
    ...(facts.childResidenceSince ? { childResidenceSince: facts.childResidenceSince } : {}),
  };
  const opened = (recordKind: VaccinationRecordKind, rule: ResolvedRule<unknown>): SchoolingEvent[] => [
    {
      type: 'VaccinationRecordOpened',
      data: { recordKind, openedOn: on, decision: decisionRecord(view, context.today, [rule], inputs) },
      ...effectiveOn(on, context.today),
    },
  ];

  const card = view.find<HealthVaccinationCardParams>('health.vaccination.card', on);
  if (card) {
    return (
      residenceRefusal(view, card, facts.childResidenceSince, on, '暂不建立预防接种证(卡)') ?? opened('card', card)
    );
  }

  const file = view.find<HealthVaccinationFileParams>('health.vaccination.file', on);
  if (file) {
    const parents = facts.parents ?? [];
    inputs.parents = parents;
    if (!parents.some((p) => p.homePurchasedOn !== undefined && compareDates(p.homePurchasedOn, on) <= 0)) {
      return refuse(view, file, {
        code: 'NOT_HOME_BUYER',
        reason: '不建立预防接种档案：父母均非购房进城农民工',
        wouldChange: 'the file is for the children of workers who bought a home in the county',
      });
    }
    const age = ageOn(child.birthDate, on);
    inputs.age = age;
    // 0-6岁 in full years: covered up to the day before the seventh birthday, not on it.
    if (age > file.params.maxAge) {
      return refuse(view, file, {
        code: 'AGE_OUTSIDE_RANGE',
        reason: `不建立预防接种档案：已满${file.params.maxAge + 1}周岁`,
        computed: { age },
        required: { maxAge: file.params.maxAge },
      });
    }
    return opened('file', file);
  }

  const equal = view.find('health.vaccination.equal', on);
  if (equal) return opened('certificate', equal);

  const basic = view.find<HealthBasicPublicParams>('health.basic-public', on);
  if (basic) {
    return (
      residenceRefusal(view, basic, facts.childResidenceSince, on, '暂不纳入基本公共卫生服务（预防接种）') ??
      opened('certificate', basic)
    );
  }
  // A pack whose vaccination rule is not in force yet: refused under it, with the day it starts.
  const later = VACCINATION_RULES.find((id) => view.pack.rules.has(id) && !view.find(id, on));
  return notProvided(view, later ?? 'health.vaccination.*', '无法决定预防接种建证');
}

/** The rules that may open a child's vaccination record, in the order they are tried. */
const VACCINATION_RULES = ['health.vaccination.card', 'health.vaccination.file', 'health.vaccination.equal', 'health.basic-public'];

/** panzhihua-2016-10 §(十四): a child resident half a year is covered by the 12 categories. */
export function decidePublicHealthCoverage(
  command: DecidePublicHealthCoverage,
  state: SchoolingState,
  context: SchoolingContext,
): Decided<SchoolingEvent> {
  requireChild(state);
  if (state.publicHealthCoveredFrom) {
    throw new InvalidSchoolingCommand('COVERED', `covered since ${state.publicHealthCoveredFrom}`);
  }
  const { policy: view, facts = {} } = context;
  const on = command.data.decidedOn;
  const rule = view.find<HealthBasicPublicParams>('health.basic-public', on);
  if (!rule) return notProvided(view, 'health.basic-public', '无法决定基本公共卫生服务');
  const refusal = residenceRefusal(view, rule, facts.childResidenceSince, on, '暂不纳入基本公共卫生服务');
  if (refusal) return refusal;
  const coveredFrom = completionDate(facts.childResidenceSince!, rule.params.minResidence, rule.params.inclusive);
  return [
    {
      type: 'PublicHealthCoverageDecided',
      data: {
        coveredFrom,
        categories: rule.params.categories,
        decision: decisionRecord(view, context.today, [rule], {
          decidedOn: on,
          childResidenceSince: facts.childResidenceSince,
        }),
      },
      ...effectiveOn(on, context.today),
    },
  ];
}
