import type { Decided } from '@ledger/kernel';
import { decisionRecord, notProvided, refuse } from '@ledger/policy';
import type { SchoolExamAttendedSchoolParams, SchoolExamLocalParams } from '@ledger/policy/params/schooling';
import type { DecideExamEligibility } from './commands';
import type { SchoolingContext } from './context';
import { InvalidSchoolingCommand } from './errors';
import type { SchoolingEvent } from './events';
import { effectiveOn, requireChild } from './guards';
import type { SchoolingState } from './state';

/**
 * fengdu-2017-29 §四: a pupil enrolled in a county primary school sits the 小学毕业考试 in that
 * school rather than in the hukou place. Other packs say nothing, so the ledger does not decide it.
 */
export function decideExamEligibility(
  command: DecideExamEligibility,
  state: SchoolingState,
  context: SchoolingContext,
): Decided<SchoolingEvent> {
  const { data } = command;
  requireChild(state);
  if (state.examYears.includes(data.examYear)) {
    throw new InvalidSchoolingCommand('EXAM_DECIDED', `exam eligibility for ${data.examYear} is already decided`);
  }
  const { policy: view } = context;
  if (data.exam === 'zhongkao' || data.exam === 'gaokao') return decideLocalExam(command, state, context, data.exam);
  const rule = view.find<SchoolExamAttendedSchoolParams>('school.exam.attended-school', data.decidedOn);
  if (!rule) return notProvided(view, 'school.exam.attended-school', '无法决定小学毕业考试地点');
  if (!state.enrolment) {
    return refuse(view, rule, {
      code: 'NOT_ENROLLED',
      reason: '不在就读学校参加小学毕业考试：未在本县学校就读',
      wouldChange: 'needs enrolment in a primary school in the county',
    });
  }
  return [
    {
      type: 'ExamEligibilityDecided',
      data: {
        examYear: data.examYear,
        exam: rule.params.exam,
        schoolId: state.enrolment.schoolId,
        decidedOn: data.decidedOn,
        decision: decisionRecord(view, context.today, [rule], { examYear: data.examYear, enrolment: state.enrolment }),
      },
      ...effectiveOn(data.decidedOn, context.today),
    },
  ];
}

const EXAM_NAMES = { zhongkao: '中考', gaokao: '高考' } as const;

/**
 * shaoxing-2016-11 §(八): 继续完善和执行好农民工随迁子女就地参加中考、高考政策. The seed states the
 * right but not its conditions (积极而有条件); the pack's condition, enrolment in a city school, is
 * illustrative and flagged so.
 */
function decideLocalExam(
  command: DecideExamEligibility,
  state: SchoolingState,
  context: SchoolingContext,
  exam: 'zhongkao' | 'gaokao',
): Decided<SchoolingEvent> {
  const { data } = command;
  const { policy: view } = context;
  const rule = view.find<SchoolExamLocalParams>('school.exam.local', data.decidedOn);
  if (!rule) return notProvided(view, 'school.exam.local', `无法决定就地参加${EXAM_NAMES[exam]}资格`);
  if (!rule.params.exams.includes(exam)) {
    return refuse(view, rule, {
      code: 'EXAM_NOT_LOCAL',
      reason: `不予就地参加${EXAM_NAMES[exam]}：本地未规定`,
      computed: exam,
      required: rule.params.exams,
    });
  }
  if (!state.enrolment) {
    return refuse(view, rule, {
      code: 'NOT_ENROLLED',
      reason: `不予就地参加${EXAM_NAMES[exam]}：未在本地学校就读`,
      wouldChange: 'needs enrolment in a school of the city',
    });
  }
  return [
    {
      type: 'ExamEligibilityDecided',
      data: {
        examYear: data.examYear,
        exam,
        schoolId: state.enrolment.schoolId,
        decidedOn: data.decidedOn,
        decision: decisionRecord(view, context.today, [rule], { examYear: data.examYear, exam, enrolment: state.enrolment }),
      },
      ...effectiveOn(data.decidedOn, context.today),
    },
  ];
}
