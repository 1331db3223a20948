import { spec } from '@ledger/kernel/specification';
import { loadPack, PolicyView } from '@ledger/policy';
import { schoolingDecider } from './decide';
import type { SchoolingEvent } from './events';
import { applied, ctx, decideE1, registered } from './spec-fixtures';

const fengdu = new PolicyView(loadPack('fengdu'));
const shaoxing = new PolicyView(loadPack('shaoxing'));

const grant = (hukouMovedOn?: string, parentWorkerId = 'w1') => ({
  type: 'GrantSettledBuyerPriority' as const,
  data: { parentWorkerId, purchaseId: 'p1', homePurchasedOn: '2023-03-01', ...(hukouMovedOn ? { hukouMovedOn } : {}) },
});
const granted = (grantedFrom: string): SchoolingEvent => ({
  type: 'SettledBuyerPriorityGranted',
  data: { parentWorkerId: 'w1', purchaseId: 'p1', homePurchasedOn: '2023-03-01', grantedFrom, decision: {} as never },
});

describe('school.priority.settled-buyer granted on the stream [fengdu] (fengdu-2017-29 §四)', () => {
  describe('a registered child', () => {
    it('gets the priority from 2023-05-10, the day the buying parent moved the hukou, citing §四', () => {
      spec(schoolingDecider)
        .given([registered()])
        .when(grant('2023-05-10'), ctx(fengdu, '2023-05-12'))
        .then([
          {
            type: 'SettledBuyerPriorityGranted',
            effectiveOn: '2023-05-10',
            data: expect.objectContaining({
              parentWorkerId: 'w1',
              grantedFrom: '2023-05-10',
              decision: expect.objectContaining({
                rules: [
                  expect.objectContaining({ ruleId: 'school.priority.settled-buyer', source: 'fengdu-2017-29 §四' }),
                ],
              }),
            }),
          },
        ]);
    });

    it('refuses while the hukou has not moved (bought 2023-03-01): 购房入户 needs both', () => {
      spec(schoolingDecider)
        .given([registered()])
        .when(grant(), ctx(fengdu, '2023-03-02'))
        .thenRefuses({ ruleId: 'school.priority.settled-buyer', code: 'HUKOU_NOT_MOVED' });
    });

    it('is not this pack’s rule in shaoxing', () => {
      spec(schoolingDecider)
        .given([registered()])
        .when(grant('2023-05-10'), ctx(shaoxing, '2023-05-12'))
        .thenRefuses({ code: 'NOT_PROVIDED_BY_PACK', ruleId: 'school.priority.settled-buyer' });
    });

    it('rejects a worker who is not the child’s parent', () => {
      spec(schoolingDecider)
        .given([registered()])
        .when(grant('2023-05-10', 'w9'), ctx(fengdu, '2023-05-12'))
        .thenThrows(/not a parent/);
    });
  });

  describe('a child with the priority', () => {
    it('is not granted it twice (the other parent settles 2023-08-01)', () => {
      spec(schoolingDecider)
        .given([registered(), granted('2023-05-10')])
        .when(grant('2023-08-01', 'w2'), ctx(fengdu, '2023-08-01'))
        .then([]);
    });

    it('ranks first in an admission applied for on 2024-06-01, after the grant, with no parent facts at hand', () => {
      spec(schoolingDecider)
        .given([registered(), granted('2023-05-10'), applied('2024-06-01')])
        .when(decideE1, ctx(fengdu, '2024-06-01', { parents: [{ workerId: 'w1', homePurchasedOn: '2023-03-01' }] }))
        .then([{ type: 'EnrollmentEligibilityDecided', data: expect.objectContaining({ priority: true }) }]);
    });

    it('does not rank first in an admission applied for before the grant (applied 2023-04-01)', () => {
      spec(schoolingDecider)
        .given([registered(), granted('2023-05-10'), applied('2023-04-01')])
        .when(decideE1, ctx(fengdu, '2023-06-01', { parents: [{ workerId: 'w1', homePurchasedOn: '2023-03-01' }] }))
        .then([{ type: 'EnrollmentEligibilityDecided', data: expect.objectContaining({ priority: false }) }]);
    });
  });
});
