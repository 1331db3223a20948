import { addPeriod, ageOn, completionDate, describeElapsed, elapsed, hasCompleted, isIsoDate, periodEnd } from './calendar';

describe('calendar (Civil Code arts. 201–203, 1259)', () => {
  it('ends a 6-month period from 2023-08-31 on 2024-02-29, the leap month’s last day', () => {
    expect(periodEnd('2023-08-31', { months: 6 })).toBe('2024-02-29');
  });

  it('ends a 6-month period from 2022-08-31 on 2023-02-28 in a common year', () => {
    expect(periodEnd('2022-08-31', { months: 6 })).toBe('2023-02-28');
  });

  it('ends a 3-year period from 2020-02-29 on 2023-02-28', () => {
    expect(periodEnd('2020-02-29', { years: 3 })).toBe('2023-02-28');
  });

  it('counts a period in days from the day after the fact', () => {
    expect(periodEnd('2024-01-01', { days: 90 })).toBe('2024-03-31');
  });

  it('reaches an inclusive period (以上, 满) on its last day and an exclusive one (超) the day after', () => {
    expect(completionDate('2023-08-31', { months: 6 }, true)).toBe('2024-02-29');
    expect(completionDate('2023-08-31', { months: 6 }, false)).toBe('2024-03-01');
    expect(hasCompleted('2023-08-31', { months: 6 }, '2024-02-29', true)).toBe(true);
    expect(hasCompleted('2023-08-31', { months: 6 }, '2024-02-28', true)).toBe(false);
    expect(hasCompleted('2023-08-31', { months: 6 }, '2024-02-29', false)).toBe(false);
  });

  it('measures elapsed months and days the same way', () => {
    expect(elapsed('2023-08-31', '2024-02-29')).toEqual({ months: 6, days: 0 });
    expect(elapsed('2023-08-31', '2024-02-28')).toEqual({ months: 5, days: 28 });
    expect(describeElapsed(elapsed('2023-08-31', '2024-02-28'))).toBe('5个月28天');
    expect(describeElapsed({ months: 14, days: 0 })).toBe('1年2个月');
  });

  it('adds whole years and months to a month end', () => {
    expect(addPeriod('2024-01-31', { months: 1 })).toBe('2024-02-29');
    expect(addPeriod('2024-02-29', { years: 1 })).toBe('2025-02-28');
  });

  it('turns a child 6 on the sixth birthday, and a 29 February child on 28 February', () => {
    expect(ageOn('2018-08-31', '2024-08-31')).toBe(6);
    expect(ageOn('2018-08-31', '2024-08-30')).toBe(5);
    expect(ageOn('2016-02-29', '2022-02-28')).toBe(6);
  });

  it('rejects dates that are not on the calendar', () => {
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2024-2-9')).toBe(false);
  });
});
