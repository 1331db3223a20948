import { isRefusal } from '@ledger/kernel';
import { loadPack, PolicyView } from '@ledger/policy';
import type { PublicHealthCommand } from './commands';
import { publicHealthDecider, type PublicHealthContext } from './decide';

const view = (pack: string) => new PolicyView(loadPack(pack));
const decide = (command: PublicHealthCommand, context: PublicHealthContext) =>
  publicHealthDecider.decide(command, publicHealthDecider.initialState, context);
const open = (openedOn: string) => ({ type: 'OpenHealthRecord' as const, data: { workerId: 'w-1', openedOn } });

describe('health.record.home-buyer [fengdu] (fengdu-2017-29 §三 建立统一、规范的购房进城农民工健康档案)', () => {
  const fengdu = view('fengdu');

  it('opens the record on 2024-03-05 for a worker who bought a home on 2024-03-05, citing the clause', () => {
    const decided = decide(open('2024-03-05'), { today: '2024-03-05', policy: fengdu, facts: { homePurchasedOn: '2024-03-05' } });
    expect(decided).toEqual([
      expect.objectContaining({
        type: 'HealthRecordOpened',
        data: expect.objectContaining({
          openedOn: '2024-03-05',
          decision: expect.objectContaining({ rules: [expect.objectContaining({ ruleId: 'health.record.home-buyer', source: 'fengdu-2017-29 §三' })] }),
        }),
      }),
    ]);
  });

  it('refuses on 2024-03-04, the day before the purchase, as not a home buyer', () => {
    const decided = decide(open('2024-03-04'), { today: '2024-03-05', policy: fengdu, facts: { homePurchasedOn: '2024-03-05' } });
    expect(isRefusal(decided) && decided).toMatchObject({ ruleId: 'health.record.home-buyer', code: 'NOT_HOME_BUYER' });
  });

  it('is refused with eligibleFrom 2017-01-01 before the document took effect (2016-12-31)', () => {
    const decided = decide(open('2016-12-31'), { today: '2017-01-02', policy: fengdu, facts: { homePurchasedOn: '2016-06-01' } });
    expect(isRefusal(decided) && decided).toMatchObject({ code: 'RULE_NOT_YET_IN_FORCE', eligibleFrom: '2017-01-01' });
  });

  it('is not provided in a pack without the rule (panzhihua)', () => {
    const decided = decide(open('2024-03-05'), { today: '2024-03-05', policy: view('panzhihua'), facts: { homePurchasedOn: '2020-01-01' } });
    expect(isRefusal(decided) && decided).toMatchObject({ code: 'NOT_PROVIDED_BY_PACK', ruleId: 'health.record.home-buyer' });
  });
});

describe('health.basic-public [panzhihua] for the worker (panzhihua-2016-10 §(十四) 农民工及其子女)', () => {
  const cover = (decidedOn: string, residenceSince?: string) =>
    decide(
      { type: 'DecideWorkerPublicHealthCoverage', data: { workerId: 'w-1', decidedOn } },
      { today: decidedOn, policy: view('panzhihua'), facts: residenceSince ? { residenceSince } : {} },
    );

  it('covers a worker resident since 2023-08-31 from 2024-02-29 and refuses the day before with eligibleFrom', () => {
    expect(cover('2024-02-29', '2023-08-31')).toEqual([
      expect.objectContaining({ type: 'WorkerPublicHealthCoverageDecided', data: expect.objectContaining({ coveredFrom: '2024-02-29', categories: 12 }) }),
    ]);
    const refused = cover('2024-02-28', '2023-08-31');
    expect(isRefusal(refused) && refused).toMatchObject({ code: 'RESIDENCE_TOO_SHORT', eligibleFrom: '2024-02-29' });
  });
});
