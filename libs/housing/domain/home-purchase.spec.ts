import { spec } from '@ledger/kernel/specification';
import { loadPack, PolicyView } from '@ledger/policy';
import type { HousingContext, WorkerHousingFacts } from './context';
import { housingDecider } from './decide';
import type { HomeKind } from './events';

const sanming = new PolicyView(loadPack('sanming'));
const panzhihua = new PolicyView(loadPack('panzhihua'));
const fengdu = new PolicyView(loadPack('fengdu'));

const ctx = (policy: PolicyView, today: string, facts?: WorkerHousingFacts): HousingContext => ({
  policy,
  today,
  facts,
});
const purchase = (purchasedOn: string, homeKind: HomeKind = 'commercial') => ({
  type: 'RecordHomePurchase' as const,
  data: { purchaseId: 'p1', purchasedOn, homeKind },
});

describe('housing.purchase.tax-relief [panzhihua] (panzhihua-2016-10 §(十五))', () => {
  it('records deed-tax and stamp-duty relief without a rate on a purchase of 2023-05-20', () => {
    spec(housingDecider)
      .given([])
      .when(purchase('2023-05-20'), ctx(panzhihua, '2023-05-20'))
      .then([
        {
          type: 'HomePurchased',
          data: expect.objectContaining({
            purchaseId: 'p1',
            taxRelief: { taxes: ['deed-tax', 'stamp-duty'], rate: null },
            decision: expect.objectContaining({
              provisional: false,
              rules: [
                expect.objectContaining({ ruleId: 'housing.purchase.tax-relief', source: 'panzhihua-2016-10 §(十五)' }),
              ],
            }),
          }),
        },
      ]);
  });

  it('records a purchase backdated to 2016-02-01 with effectiveOn and no relief: the document took effect on 2016-03-27', () => {
    spec(housingDecider)
      .given([])
      .when(purchase('2016-02-01'), ctx(panzhihua, '2016-05-01'))
      .then([{ type: 'HomePurchased', effectiveOn: '2016-02-01', data: expect.objectContaining({ taxRelief: null }) }]);
  });

  it('refuses a 限价房 purchase in panzhihua as not provided by the pack (2023-05-20)', () => {
    spec(housingDecider)
      .given([])
      .when(
        purchase('2023-05-20', 'price-capped'),
        ctx(panzhihua, '2023-05-20', { outsideTalentFamily: true, workArea: '市区' }),
      )
      .thenRefuses({ code: 'NOT_PROVIDED_BY_PACK', ruleId: 'housing.price-capped' });
  });
});

describe('home purchases in packs without tax relief', () => {
  it('records a fengdu purchase of 2018-03-01 (the fact that puts a worker in the pack’s population) with no relief', () => {
    spec(housingDecider)
      .given([])
      .when(purchase('2018-03-01'), ctx(fengdu, '2018-03-01'))
      .then([
        {
          type: 'HomePurchased',
          data: expect.objectContaining({ taxRelief: null, decision: expect.objectContaining({ rules: [] }) }),
        },
      ]);
  });

  it('rejects recording the same purchase twice', () => {
    spec(housingDecider)
      .given([
        {
          type: 'HomePurchased',
          data: {
            purchaseId: 'p1',
            purchasedOn: '2018-03-01',
            homeKind: 'commercial',
            taxRelief: null,
            decision: {} as never,
          },
        },
      ])
      .when(purchase('2018-03-01'), ctx(fengdu, '2018-03-02'))
      .thenThrows(/already recorded/);
  });
});

describe('housing.price-capped [sanming] (sanming-draft §9, draft)', () => {
  it('sells a 限价房 to an outside-talent family working in 市区 on 2023-07-01, as a draft, with no tax relief', () => {
    spec(housingDecider)
      .given([])
      .when(
        purchase('2023-07-01', 'price-capped'),
        ctx(sanming, '2023-07-01', { outsideTalentFamily: true, workArea: '市区' }),
      )
      .then([
        {
          type: 'HomePurchased',
          data: expect.objectContaining({
            homeKind: 'price-capped',
            taxRelief: null,
            decision: expect.objectContaining({
              provisional: true,
              rules: [expect.objectContaining({ ruleId: 'housing.price-capped', status: 'draft' })],
              inputs: expect.objectContaining({ outsideTalentFamily: true, workArea: '市区' }),
            }),
          }),
        },
      ]);
  });

  it('refuses a family not recognised as outside talent (2023-07-01)', () => {
    spec(housingDecider)
      .given([])
      .when(
        purchase('2023-07-01', 'price-capped'),
        ctx(sanming, '2023-07-01', { outsideTalentFamily: false, workArea: '市区' }),
      )
      .thenRefuses({ ruleId: 'housing.price-capped', code: 'NOT_OUTSIDE_TALENT_FAMILY', status: 'draft' });
  });

  it('refuses a talent family working outside 市区 (2023-07-01)', () => {
    const refusal = spec(housingDecider)
      .given([])
      .when(
        purchase('2023-07-01', 'price-capped'),
        ctx(sanming, '2023-07-01', { outsideTalentFamily: true, workArea: '永安市' }),
      )
      .thenRefuses({ ruleId: 'housing.price-capped', code: 'NOT_WORKING_IN_AREA', required: '市区' });
    expect(refusal.detail).toBe('不予配售限价房：未在市区就业（`housing.price-capped`，sanming-draft §9，征求意见稿）');
  });

  it('records a commercial purchase in sanming with no tax relief: the draft states none', () => {
    spec(housingDecider)
      .given([])
      .when(purchase('2023-07-01'), ctx(sanming, '2023-07-01'))
      .then([{ type: 'HomePurchased', data: expect.objectContaining({ taxRelief: null }) }]);
  });
});
