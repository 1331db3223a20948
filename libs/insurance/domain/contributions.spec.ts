import { fold } from '@ledger/kernel';
import { spec } from '@ledger/kernel/specification';
import type { RecordContributions } from './commands';
import { insuranceDecider } from './decide';
import type { InsuranceEvent } from './events';
import { contextFor, like } from './spec-support';
import { contributionMonths, continuousContributionMonths, countContributionMonths, monthsPaidTwice } from './state';
import type { MonthSpan } from './months';
import type { Scheme } from './schemes';

const W = 'w-1';
const PANZHIHUA = '510400';
const CHENGDU = '510100';

const record = (scheme: Scheme, region: string, months: MonthSpan, baseFen = 400000): RecordContributions => ({
  type: 'RecordContributions',
  data: { workerId: W, scheme, region, months, baseFen },
});
const paid = (scheme: Scheme, region: string, months: string[], baseFen = 400000): InsuranceEvent => ({
  type: 'ContributionsRecorded',
  data: { workerId: W, scheme, region, months, baseFen },
  effectiveOn: `${months[0]}-01`,
});
const stateOf = (events: InsuranceEvent[]) => fold(insuranceDecider, events);

describe('ContributionsRecorded: facts the fund reports', () => {
  it('records a range of months as a list, effective from the first month, on 2024-07-10', () => {
    spec(insuranceDecider)
      .given([])
      .when(
        record('employee-pension', PANZHIHUA, { from: '2024-01', to: '2024-03' }),
        contextFor('panzhihua', '2024-07-10'),
      )
      .then(
        like([
          {
            type: 'ContributionsRecorded',
            data: {
              scheme: 'employee-pension',
              region: PANZHIHUA,
              months: ['2024-01', '2024-02', '2024-03'],
              baseFen: 400000,
            },
            effectiveOn: '2024-01-01',
          },
        ]),
      );
  });

  it('appends nothing on 2024-07-10 for a report already recorded, and only the new months of a longer one', () => {
    const given = [paid('employee-pension', PANZHIHUA, ['2024-01', '2024-02'])];
    spec(insuranceDecider)
      .given(given)
      .when(record('employee-pension', PANZHIHUA, ['2024-02', '2024-01']), contextFor('panzhihua', '2024-07-10'))
      .then(like([]));
    spec(insuranceDecider)
      .given(given)
      .when(
        record('employee-pension', PANZHIHUA, { from: '2024-01', to: '2024-04' }),
        contextFor('panzhihua', '2024-07-10'),
      )
      .then(like([{ data: { months: ['2024-03', '2024-04'] }, effectiveOn: '2024-03-01' }]));
  });

  it('rejects as bad input on 2024-07-10 a month that has not begun, a malformed month and a base that is not whole fen', () => {
    const ctx = contextFor('panzhihua', '2024-07-10');
    const when = (c: RecordContributions) => spec(insuranceDecider).given([]).when(c, ctx);
    when(record('employee-pension', PANZHIHUA, ['2024-08'])).thenThrows(/has not begun/);
    when(record('employee-pension', PANZHIHUA, ['2024-13'])).thenThrows(/not a month/);
    when(record('employee-pension', PANZHIHUA, ['2024-01'], 123.5)).thenThrows(/whole number of fen/);
    when(record('employee-pension', PANZHIHUA, { from: '2024-05', to: '2024-01' })).thenThrows(/ends/);
  });
});

describe('contribution months in the state (docs/policy-rules.md §3: months add across places, a month paid twice counts once)', () => {
  it('counts a month paid in two cities once, and lists it as paid twice', () => {
    const state = stateOf([
      paid('employee-pension', CHENGDU, ['2023-11', '2023-12', '2024-01']),
      paid('employee-pension', PANZHIHUA, ['2024-01', '2024-02']),
    ]);
    expect(contributionMonths(state, 'employee-pension')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(monthsPaidTwice(state, 'employee-pension')).toEqual(['2024-01']);
    expect(countContributionMonths(state, ['employee-pension'])).toBe(4);
    expect(countContributionMonths(state, ['employee-pension'], { countOnce: false })).toBe(5);
    expect(countContributionMonths(state, ['employee-pension'], { upTo: '2023-12' })).toBe(2);
  });

  it('counts a month once across the employee and resident pension schemes', () => {
    const state = stateOf([
      paid('employee-pension', PANZHIHUA, ['2024-01', '2024-02']),
      paid('resident-pension', CHENGDU, ['2024-02', '2024-03']),
    ]);
    expect(countContributionMonths(state, ['employee-pension', 'resident-pension'])).toBe(3);
  });

  it('counts continuous months up to 2024-07-15 across two cities, the current month not yet collected', () => {
    const state = stateOf([
      paid('employee-pension', CHENGDU, ['2023-01', '2023-02']),
      paid('employee-pension', CHENGDU, ['2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12']),
      paid('employee-pension', PANZHIHUA, ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']),
    ]);
    expect(continuousContributionMonths(state, ['employee-pension'], '2024-07-15')).toBe(13);
    expect(continuousContributionMonths(state, ['employee-pension'], '2024-06-30')).toBe(13);
    expect(continuousContributionMonths(state, ['employee-pension'], '2023-03-31')).toBe(2);
    // 2023-04 and 2023-05 unpaid: on 2023-05-20 the run has ended.
    expect(continuousContributionMonths(state, ['employee-pension'], '2023-05-20')).toBe(0);
    // A gap of more than the current month ends the run.
    expect(continuousContributionMonths(state, ['employee-pension'], '2024-09-01')).toBe(0);
  });
});
