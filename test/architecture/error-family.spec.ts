import { CommandRejected, DecisionRefused, InvalidCommand, PreconditionFailed } from '@ledger/application';
import { InvalidHousingCommand } from '@ledger/housing';
import { DomainError } from '@ledger/kernel';
import { PointsStateError } from '@ledger/points';
import { PermitStateError } from '@ledger/residence-permit';
import { InvalidSchoolingCommand } from '@ledger/schooling';
import { WorkerStateError } from '@ledger/worker';
import { toProblem } from '../../apps/api/src/problem/problem-details.filter';

// Issue 15, item 6: one error family. Every context's error extends the kernel's DomainError and
// one map from its kind gives the problem, with no test on class names.
describe('one error family (libs/kernel/errors.ts)', () => {
  it.each([
    ['WorkerStateError', new WorkerStateError('ALREADY_REGISTERED', 'worker w-1 is already registered')],
    ['PermitStateError', new PermitStateError('ALREADY_APPLIED', 'already applied')],
    ['PointsStateError', new PointsStateError('NOT_ASSESSED', 'not assessed')],
    ['InvalidHousingCommand', new InvalidHousingCommand('NO_SUCH_APPLICATION', 'no application a-9')],
    ['InvalidSchoolingCommand', new InvalidSchoolingCommand('NOT_ELIGIBLE', 'no eligibility decided')],
    ['CommandRejected', new CommandRejected('residence is already registered', 'ALREADY_REGISTERED')],
  ])('%s is a DomainError the API answers 409 conflict with its code', (name, error) => {
    expect(error).toBeInstanceOf(DomainError);
    expect(error.name).toBe(name);
    expect(toProblem(error)).toMatchObject({
      type: expect.stringMatching(/\/problems\/conflict$/),
      status: 409,
      detail: error.message,
      code: error.code,
    });
  });

  it('maps a malformed command to 400 with its field, and a stale If-Match to 412', () => {
    expect(toProblem(new InvalidCommand('month must be 1-12', 'month'))).toMatchObject({
      status: 400,
      type: expect.stringMatching(/\/problems\/validation-failed$/),
      field: 'month',
    });
    expect(toProblem(new PreconditionFailed('worker-w-1', 2, 3))).toMatchObject({
      status: 412,
      type: expect.stringMatching(/\/problems\/precondition-failed$/),
      stream: 'worker-w-1',
      expected: 2,
      actual: 3,
    });
  });

  it('maps a refusal to 422 with the rule and clause, the rule status apart from the HTTP status', () => {
    const refused = new DecisionRefused({
      kind: 'refusal',
      code: 'RESIDENCE_TOO_SHORT',
      ruleId: 'permit.apply.conditions',
      source: 'national-663 第二条',
      detail: '不满6个月',
      status: 'draft',
    } as never);
    expect(toProblem(refused)).toMatchObject({
      status: 422,
      type: expect.stringMatching(/\/problems\/policy-refusal$/),
      code: 'RESIDENCE_TOO_SHORT',
      ruleId: 'permit.apply.conditions',
      source: 'national-663 第二条',
      ruleStatus: 'draft',
      draft: true,
    });
  });
});
