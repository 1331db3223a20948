import { addDays, addPeriod, ageOn, compareDates, type Decided, type IsoDate, type Refusal } from '@ledger/kernel';
import { decisionRecord, notProvided, refuse, type PolicyView, type ResolvedRule } from '@ledger/policy';
import type { PointsSchoolAdmissionParams } from '@ledger/policy/params/points';
import type {
  SchoolAdmissionAgeParams,
  SchoolDisabilityNoRefusalParams,
  SchoolPrioritySettledBuyerParams,
  SchoolPublicFirstParams,
} from '@ledger/policy/params/schooling';
import type { ApplyForEnrollment, DecideEnrollmentEligibility } from './commands';
import type { SchoolingContext } from './context';
import { InvalidSchoolingCommand } from './errors';
import type { Attendance, SchoolingEvent } from './events';
import { effectiveOn, requireApplication, requireChild } from './guards';
import type { EnrollmentApplication, SchoolingState } from './state';

const REFUSED = '不予入学';

export function applyForEnrollment(
  command: ApplyForEnrollment,
  state: SchoolingState,
  context: SchoolingContext,
): Decided<SchoolingEvent> {
  const { data } = command;
  requireChild(state);
  if (state.application && state.application.status !== 'enrolled') {
    throw new InvalidSchoolingCommand(
      'APPLICATION_OPEN',
      `application ${state.application.applicationId} is still ${state.application.status}`,
    );
  }
  if (!Number.isInteger(data.grade) || data.grade < 1 || data.grade > 9) {
    throw new InvalidSchoolingCommand('BAD_GRADE', 'grade is 1 to 9 (compulsory education)');
  }
  return [{ type: 'EnrollmentApplied', data, ...effectiveOn(data.appliedOn, context.today) }];
}

const onOrBefore = (date: IsoDate | undefined, on: IsoDate) => date !== undefined && compareDates(date, on) <= 0;

/** The first school year whose cut-off finds the child at the entry age. */
function firstSchoolYear(birthDate: IsoDate, p: SchoolAdmissionAgeParams): number {
  let year = Number(birthDate.slice(0, 4)) + p.entryAge - 1;
  while (ageOn(birthDate, cutOffDate(year, p.cutOff)) < p.entryAge) year++;
  return year;
}

/** MM-DD in a year; 02-29 falls on 02-28 in a common year (Civil Code art. 202). */
function cutOffDate(year: number, cutOff: string): IsoDate {
  const [month, day] = cutOff.split('-') as [string, string];
  const first = `${year}-${month}-01`;
  const last = Number(addDays(addPeriod(first, { months: 1 }), -1).slice(8));
  return `${year}-${month}-${String(Math.min(Number(day), last)).padStart(2, '0')}`;
}

function checkSchoolAge(
  view: PolicyView,
  application: EnrollmentApplication,
  birthDate: IsoDate,
  rules: ResolvedRule<unknown>[],
): Refusal | undefined {
  if (application.grade !== 1) return undefined;
  const rule = view.find<SchoolAdmissionAgeParams>('school.admission.age', application.appliedOn);
  if (!rule) {
    // No seed states the entry age or cut-off and docs/policy-rules.md §3 gives no default: the city says.
    return {
      ...notProvided(view, 'school.admission.age', '无法核定一年级入学年龄：未规定入学年龄和截止日期'),
      code: 'SCHOOL_AGE_NOT_IN_PACK',
      wouldChange: "the city's pack must state the school entry age and cut-off (school.admission.age)",
    };
  }
  rules.push(rule);
  const cutOff = cutOffDate(application.schoolYear, rule.params.cutOff);
  const age = ageOn(birthDate, cutOff);
  if (age >= rule.params.entryAge) return undefined;
  const year = firstSchoolYear(birthDate, rule.params);
  return refuse(view, rule, {
    code: 'BELOW_SCHOOL_AGE',
    reason: `${REFUSED}：${cutOff}未满${rule.params.entryAge}周岁`,
    computed: { age, on: cutOff },
    required: { entryAge: rule.params.entryAge, cutOff: rule.params.cutOff },
    wouldChange: `may apply for the ${year} school year`,
  });
}

/** The rules that may grant a place, in the order the decision reads them. */
const ADMISSION_RULES = ['school.admission.guarantee', 'school.admission.permit-link', 'school.public-first', 'points.school-admission'];

/**
 * Decides as of the application date: every admission rule the pack has in force then, and the
 * parents' facts as they stood then. Which rule grants the place differs by pack (docs/policy-rules.md §4):
 * panzhihua guarantees it, shaoxing ties it to a parent's permit, fangshan and fengdu apply 两为主
 * (fengdu only for home buyers), sanming's 三元区 ranks by points.
 */
export function decideEnrollmentEligibility(
  command: DecideEnrollmentEligibility,
  state: SchoolingState,
  context: SchoolingContext,
): Decided<SchoolingEvent> {
  const child = requireChild(state);
  const application = requireApplication(state, command.data.applicationId, ['applied']);
  const { policy: view, facts = {} } = context;
  const on = application.appliedOn;
  const parents = facts.parents ?? [];
  const attendance: Attendance = command.data.attendance ?? 'regular';
  const inputs: Record<string, unknown> = {
    assessedOn: on,
    birthDate: child.birthDate,
    disability: child.disability,
    grade: application.grade,
    schoolYear: application.schoolYear,
    area: application.area,
    attendance,
    parents,
    points: facts.points,
  };

  const guarantee = view.find('school.admission.guarantee', on);
  const permitLink = view.find('school.admission.permit-link', on);
  const publicFirst = view.find<SchoolPublicFirstParams>('school.public-first', on);
  const pointsRule = view.find<PointsSchoolAdmissionParams>('points.school-admission', on);
  const pointsApply = pointsRule !== undefined && application.area === pointsRule.params.area;
  if (!guarantee && !permitLink && !publicFirst && !pointsApply) {
    // A pack whose admission rules are not in force yet: refused under the first, with the day it starts.
    const later = ADMISSION_RULES.find((id) => view.pack.rules.has(id) && !view.find(id, on));
    return notProvided(view, later ?? 'school.admission.*', '无法决定随迁子女入学资格：未规定入学条件');
  }
  const granting: (ResolvedRule<unknown> | undefined)[] = [guarantee, permitLink, publicFirst];
  const rules = granting.filter((r): r is ResolvedRule<unknown> => r !== undefined);

  if (publicFirst?.params.population === 'home-buyers' && !parents.some((p) => onOrBefore(p.homePurchasedOn, on))) {
    return refuse(view, publicFirst, {
      code: 'NOT_HOME_BUYER',
      reason: `${REFUSED}：父母均未在本县购房`,
      wouldChange: 'the policy covers the children of workers who bought a home in the county',
    });
  }

  const ageRefusal = checkSchoolAge(view, application, child.birthDate, rules);
  if (ageRefusal) return ageRefusal;

  if (permitLink && !parents.some((p) => p.permitStatus === 'valid')) {
    const suspended = parents.some((p) => p.permitStatus === 'suspended');
    return refuse(view, permitLink, {
      code: 'PARENT_PERMIT_NOT_VALID',
      reason: `${REFUSED}：申请之日父母均无有效居住证${suspended ? '（签注逾期，使用功能中止）' : ''}`,
      computed: parents.map((p) => ({ workerId: p.workerId, permitStatus: p.permitStatus ?? 'none' })),
      required: 'a parent’s permit valid on the application date',
      wouldChange: suspended
        ? 'a late 签注 restores the parent’s permit; apply again once it is valid'
        : 'needs a parent’s residence permit valid on the application date',
    });
  }

  let rankingPoints: number | null = null;
  if (pointsApply && pointsRule) {
    rules.push(pointsRule);
    if (!facts.points) {
      return refuse(view, pointsRule, {
        code: 'POINTS_NOT_ASSESSED',
        reason: `${REFUSED}：${pointsRule.params.area}${pointsRule.params.stage}按积分入学，父母无积分评定`,
        wouldChange: 'needs a points assessment of a parent',
      });
    }
    rankingPoints = facts.points.total;
  }

  let priority = false;
  const priorityRule = view.find<SchoolPrioritySettledBuyerParams>('school.priority.settled-buyer', on);
  if (priorityRule) {
    rules.push(priorityRule);
    const needs = priorityRule.params.requires;
    priority =
      parents.some(
        (p) =>
          (!needs.includes('home-purchased') || onOrBefore(p.homePurchasedOn, on)) &&
          (!needs.includes('hukou-moved') || onOrBefore(p.hukouMovedOn, on)),
      ) ||
      // Granted on the stream by the buyer-priority process manager before the application date.
      onOrBefore(state.settledBuyerPriority?.from, on);
  }

  const noRefusal = view.find<SchoolDisabilityNoRefusalParams>('school.disability.no-refusal', on);
  if (attendance !== 'regular') {
    if (!noRefusal) return notProvided(view, 'school.disability.no-refusal', '无法安排缓学、免学及送教上门');
    if (!noRefusal.params.homeTeachingLevels.includes(child.disability)) {
      return refuse(view, noRefusal, {
        code: 'HOME_TEACHING_NOT_FOR_LEVEL',
        reason: `不予缓学、免学：仅适用于无法到校的${noRefusal.params.homeTeachingLevels.join('、')}残疾儿童`,
        computed: child.disability,
        required: noRefusal.params.homeTeachingLevels,
        wouldChange: 'the child attends school',
      });
    }
  }
  if (noRefusal && child.disability !== 'none') rules.push(noRefusal);

  return [
    {
      type: 'EnrollmentEligibilityDecided',
      data: {
        applicationId: application.applicationId,
        assessedOn: on,
        priority,
        rankingPoints,
        attendance,
        homeTeaching: attendance !== 'regular',
        decision: decisionRecord(view, context.today, rules, inputs),
      },
      ...effectiveOn(on, context.today),
    },
  ];
}
