import { spec } from '@ledger/kernel/specification';
import type { EmploymentCommand } from './commands';
import { employmentDecider } from './decide';
import type { EmploymentEvent } from './events';
import { like, packsWithout, workerContext } from './spec-support';

const W = 'w-1';
const registerUnemployment: EmploymentCommand = { type: 'RegisterUnemployment', data: { workerId: W } };
const registerEmployment = (employerId: string, startedOn: string): EmploymentCommand => ({
  type: 'RegisterEmployment',
  data: { workerId: W, employerId, startedOn },
});
const registered = (on: string): EmploymentEvent[] =>
  employmentDecider.decide(
    registerUnemployment,
    employmentDecider.initialState,
    workerContext('panzhihua', on, { continuousResidenceSince: '2020-01-01', employed: false }),
  ) as EmploymentEvent[];

describe('unemployment.registration.min-residence [panzhihua]: any urban resident of half a year', () => {
  const jobless = (since: string) => ({ continuousResidenceSince: since, employed: false });

  it('registers a resident of exactly 6 months on 2024-02-29 (from 2023-08-31, the leap month’s last day)', () => {
    const [event] = spec(employmentDecider)
      .given([])
      .when(registerUnemployment, workerContext('panzhihua', '2024-02-29', jobless('2023-08-31')))
      .then(
        like([
          {
            type: 'UnemploymentRegistered',
            data: { registeredOn: '2024-02-29', continuousResidenceSince: '2023-08-31' },
          },
        ]),
      );
    expect(event?.data.decision).toMatchObject({
      packId: 'panzhihua',
      provisional: false,
      rules: [{ ruleId: 'unemployment.registration.min-residence', source: 'panzhihua-2016-10 §(一)' }],
      inputs: { continuousResidenceSince: '2023-08-31', elapsed: { months: 6, days: 0 }, employed: false },
    });
  });

  it('refuses on 2024-02-28 a resident one day short, in the words of docs/policy-rules.md §5, eligible from 2024-02-29', () => {
    const refusal = spec(employmentDecider)
      .given([])
      .when(registerUnemployment, workerContext('panzhihua', '2024-02-28', jobless('2023-08-30')))
      .thenRefuses({
        ruleId: 'unemployment.registration.min-residence',
        code: 'RESIDENCE_TOO_SHORT',
        eligibleFrom: '2024-02-29',
      });
    expect(refusal.detail).toBe(
      '不予失业登记：居住5个月29天，不满半年（`unemployment.registration.min-residence`，panzhihua-2016-10 §(一)）',
    );
  });

  it('registers an urban resident who is not a 农民工 on 2024-03-01: the rule covers every 城镇常住人口', () => {
    spec(employmentDecider)
      .given([])
      .when(
        registerUnemployment,
        workerContext('panzhihua', '2024-03-01', { ...jobless('2023-01-01'), migrantWorker: false }),
      )
      .then(like([{ type: 'UnemploymentRegistered' }]));
  });

  it('refuses an employed applicant on 2024-03-01, whatever the residence', () => {
    const refusal = spec(employmentDecider)
      .given([])
      .when(
        registerUnemployment,
        workerContext('panzhihua', '2024-03-01', { continuousResidenceSince: '2020-01-01', employed: true }),
      )
      .thenRefuses({ ruleId: 'unemployment.registration.min-residence', code: 'CURRENTLY_EMPLOYED' });
    expect(refusal.wouldChange).toBeDefined();
  });

  it('refuses on 2024-03-01 an applicant with no residence record, saying what would change it', () => {
    spec(employmentDecider)
      .given([])
      .when(registerUnemployment, workerContext('panzhihua', '2024-03-01', { employed: false }))
      .thenRefuses({ code: 'NO_RESIDENCE_RECORD', wouldChange: '办理居住登记或居住证' });
  });

  it('refuses a second registration on 2024-04-01 while the first is open, and accepts one after a job ended it', () => {
    const open = registered('2024-03-01');
    spec(employmentDecider)
      .given(open)
      .when(registerUnemployment, workerContext('panzhihua', '2024-04-01', jobless('2020-01-01')))
      .thenRefuses({ code: 'ALREADY_REGISTERED' });
    const job = employmentDecider.decide(
      registerEmployment('firm-1', '2024-05-01'),
      open.reduce(employmentDecider.evolve, employmentDecider.initialState),
      workerContext('panzhihua', '2024-05-02'),
    ) as EmploymentEvent[];
    spec(employmentDecider)
      .given([...open, ...job])
      .when(registerUnemployment, workerContext('panzhihua', '2024-09-01', jobless('2020-01-01')))
      .then(like([{ type: 'UnemploymentRegistered', data: { registeredOn: '2024-09-01' } }]));
  });
});

describe('unemployment.registration.min-residence [sanming] (draft): jobless 农民工 of half a year only', () => {
  const migrant = (since: string) => ({ continuousResidenceSince: since, employed: false, migrantWorker: true });

  it('registers a jobless 农民工 of exactly 6 months on 2024-02-29, flagged as a draft', () => {
    const [event] = spec(employmentDecider)
      .given([])
      .when(registerUnemployment, workerContext('sanming', '2024-02-29', migrant('2023-08-31')))
      .then(like([{ type: 'UnemploymentRegistered' }]));
    expect(event?.data.decision).toMatchObject({
      provisional: true,
      rules: [{ ruleId: 'unemployment.registration.min-residence', source: 'sanming-draft §2', status: 'draft' }],
      inputs: { migrantWorker: true },
    });
  });

  it('refuses a resident who is not a 农民工 on 2024-03-01, where panzhihua would register them', () => {
    spec(employmentDecider)
      .given([])
      .when(
        registerUnemployment,
        workerContext('sanming', '2024-03-01', { ...migrant('2020-01-01'), migrantWorker: false }),
      )
      .thenRefuses({
        ruleId: 'unemployment.registration.min-residence',
        code: 'NOT_A_MIGRANT_WORKER',
        status: 'draft',
      });
  });

  it('refuses on 2024-02-28 a 农民工 one day short, saying the rule is a draft', () => {
    const refusal = spec(employmentDecider)
      .given([])
      .when(registerUnemployment, workerContext('sanming', '2024-02-28', migrant('2023-08-30')))
      .thenRefuses({ code: 'RESIDENCE_TOO_SHORT', eligibleFrom: '2024-02-29' });
    expect(refusal.detail).toBe(
      '不予失业登记：居住5个月29天，不满半年（`unemployment.registration.min-residence`，sanming-draft §2，征求意见稿）',
    );
  });

  it('refuses an employed 农民工 on 2024-03-01', () => {
    spec(employmentDecider)
      .given([])
      .when(registerUnemployment, workerContext('sanming', '2024-03-01', { ...migrant('2020-01-01'), employed: true }))
      .thenRefuses({ code: 'CURRENTLY_EMPLOYED' });
  });
});

describe.each(packsWithout('panzhihua', 'sanming'))(
  'unemployment.registration.min-residence [%s]: not in the pack',
  (pack) => {
    it('refuses with notProvided on 2024-03-01', () => {
      const refusal = spec(employmentDecider)
        .given([])
        .when(
          registerUnemployment,
          workerContext(pack, '2024-03-01', {
            continuousResidenceSince: '2020-01-01',
            employed: false,
            migrantWorker: true,
          }),
        )
        .thenRefuses({ ruleId: 'unemployment.registration.min-residence', code: 'NOT_PROVIDED_BY_PACK', packId: pack });
      expect(refusal.detail).toContain('不予失业登记');
    });
  },
);

describe('employment.registration [panzhihua]: every migrant worker, no minimum', () => {
  it('registers a job on 2024-03-02 for a worker who arrived the day before', () => {
    spec(employmentDecider)
      .given([])
      .when(
        registerEmployment('firm-1', '2024-03-02'),
        workerContext('panzhihua', '2024-03-02', { continuousResidenceSince: '2024-03-01' }),
      )
      .then(
        like([
          {
            type: 'EmploymentRegistered',
            data: {
              employerId: 'firm-1',
              startedOn: '2024-03-02',
              registeredOn: '2024-03-02',
              decision: { rules: [{ ruleId: 'employment.registration', source: 'panzhihua-2016-10 §(一)' }] },
            },
          },
        ]),
      );
  });

  it('ends an open unemployment registration from the job’s first day (2024-05-01)', () => {
    const events = registered('2024-03-01');
    const out = spec(employmentDecider)
      .given(events)
      .when(registerEmployment('firm-1', '2024-05-01'), workerContext('panzhihua', '2024-05-02'))
      .then(like([{ type: 'EmploymentRegistered' }]));
    const state = [...events, ...out].reduce(employmentDecider.evolve, employmentDecider.initialState);
    expect(state.unemployment).toEqual({ registeredOn: '2024-03-01', open: false, endedOn: '2024-05-01' });
  });

  it('rejects as bad input on 2024-03-01 a job that starts tomorrow', () => {
    spec(employmentDecider)
      .given([])
      .when(registerEmployment('firm-1', '2024-03-02'), workerContext('panzhihua', '2024-03-01'))
      .thenThrows(/cannot be registered/);
  });
});

describe.each(packsWithout('panzhihua'))('employment.registration [%s]: not in the pack', (pack) => {
  it('refuses with notProvided on 2024-03-01', () => {
    spec(employmentDecider)
      .given([])
      .when(registerEmployment('firm-1', '2024-03-01'), workerContext(pack, '2024-03-01'))
      .thenRefuses({ ruleId: 'employment.registration', code: 'NOT_PROVIDED_BY_PACK' });
  });
});
