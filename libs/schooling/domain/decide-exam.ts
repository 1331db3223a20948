import type { Decided } from '@ledger/kernel';
import { decisionRecord, notProvided, refuse } from '@ledger/policy';
import type { SchoolExamAttendedSchoolParams } from '@ledger/policy/params/schooling';
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
