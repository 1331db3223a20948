import { fold } from '@ledger/kernel';
import { spec } from '@ledger/kernel/specification';
import type { InsuranceCommand, RequestTransfer } from './commands';
import { insuranceDecider } from './decide';
import type { InsuranceEvent, TransferCompleted, TransferRequested } from './events';
import type { PackId } from './spec-support';
import { contextFor, like } from './spec-support';
import {
  contributionMonths,
  countContributionMonths,
  monthsPaidTwice,
  overdueTransfers,
  transfersInFlight,
} from './state';
import type { Scheme } from './schemes';

const W = 'w-1';
const CHENGDU = '510100';
const PANZHIHUA = '510400';
const FANGSHAN = '110111';

const request = (
  transferId: string,
  fromScheme: Scheme,
  toScheme: Scheme,
  fromRegion = CHENGDU,
  toRegion = PANZHIHUA,
): RequestTransfer => ({
  type: 'RequestTransfer',
  data: { workerId: W, transferId, fromScheme, toScheme, fromRegion, toRegion },
});
const paid = (scheme: Scheme, region: string, months: string[]): InsuranceEvent => ({
  type: 'ContributionsRecorded',
  data: { workerId: W, scheme, region, months, baseFen: 400000 },
  effectiveOn: `${months[0]}-01`,
});

/** Runs commands in order, each on its day, and returns every event appended. */
function history(pack: PackId, given: InsuranceEvent[], steps: [string, InsuranceCommand][]): InsuranceEvent[] {
  return steps.reduce((events, [today, command]) => {
    const out = insuranceDecider.decide(command, fold(insuranceDecider, events), contextFor(pack, today));
    if (!Array.isArray(out)) throw new Error(`${command.type} refused: ${out.detail}`);
    return [...events, ...out];
  }, given);
}

const letter = (transferId: string): InsuranceCommand => ({
  type: 'IssueTransferLetter',
  data: { workerId: W, transferId, letterId: `L-${transferId}` },
});
const funds = (transferId: string, months: string[]): InsuranceCommand => ({
  type: 'ReceiveTransferFunds',
  data: { workerId: W, transferId, months, amountFen: 1200000 },
});
const complete = (transferId: string): InsuranceCommand => ({
  type: 'CompleteTransfer',
  data: { workerId: W, transferId },
});
const reject = (transferId: string): InsuranceCommand => ({
  type: 'RejectTransfer',
  data: { workerId: W, transferId, reasonCode: 'ACCOUNT_NOT_FOUND' },
});

describe('si.transfer.pension [panzhihua]: employee ↔ resident pension', () => {
  it('accepts an employee-to-resident pension transfer on 2024-03-01 with its deadlines, flagged as using illustrative terms', () => {
    const [event] = spec(insuranceDecider)
      .given([])
      .when(request('t-1', 'employee-pension', 'resident-pension'), contextFor('panzhihua', '2024-03-01'))
      .then(
        like([
          {
            type: 'TransferRequested',
            data: {
              transferId: 't-1',
              fromScheme: 'employee-pension',
              toScheme: 'resident-pension',
              requestedOn: '2024-03-01',
              letterDue: '2024-03-16',
              completionDue: '2024-04-15',
            },
          },
        ]),
      ) as TransferRequested[];
    expect(event!.data.decision).toMatchObject({
      provisional: true,
      rules: [
        { ruleId: 'si.transfer.pension', source: 'panzhihua-2016-10 §(七)', status: 'in-force' },
        { ruleId: 'si.transfer.terms', status: 'illustrative' },
      ],
    });
  });

  it('holds the transfer in flight with its deadlines, and lists it overdue the day after the completion deadline', () => {
    const events = history(
      'panzhihua',
      [],
      [
        ['2024-03-01', request('t-1', 'employee-pension', 'employee-pension')],
        ['2024-03-10', letter('t-1')],
      ],
    );
    const state = fold(insuranceDecider, events);
    expect(transfersInFlight(state)).toMatchObject([
      { transferId: 't-1', status: 'letter-issued', letterDue: '2024-03-16', completionDue: '2024-04-15' },
    ]);
    expect(overdueTransfers(state, '2024-04-15')).toEqual([]);
    expect(overdueTransfers(state, '2024-04-16')).toMatchObject([{ transferId: 't-1' }]);
  });

  it('lists a transfer overdue on 2024-03-17 when no 联系函 was issued by 2024-03-16', () => {
    const state = fold(
      insuranceDecider,
      history('panzhihua', [], [['2024-03-01', request('t-1', 'employee-pension', 'resident-pension')]]),
    );
    expect(overdueTransfers(state, '2024-03-16')).toEqual([]);
    expect(overdueTransfers(state, '2024-03-17')).toMatchObject([{ transferId: 't-1', status: 'requested' }]);
  });

  it('refuses a second pension transfer on 2024-03-05 while the first is in flight, naming what would change it', () => {
    const given = history('panzhihua', [], [['2024-03-01', request('t-1', 'employee-pension', 'resident-pension')]]);
    const refusal = spec(insuranceDecider)
      .given(given)
      .when(request('t-2', 'resident-pension', 'employee-pension'), contextFor('panzhihua', '2024-03-05'))
      .thenRefuses({ ruleId: 'si.transfer.pension', code: 'TRANSFER_IN_FLIGHT' });
    expect(refusal.wouldChange).toContain('t-1');
  });

  it('moves the months on completion (2024-04-01) and counts a month paid in both cities once', () => {
    const given = [
      paid('employee-pension', CHENGDU, ['2023-10', '2023-11', '2023-12']),
      paid('employee-pension', PANZHIHUA, ['2023-12', '2024-01']),
    ];
    const events = history('panzhihua', given, [
      ['2024-03-01', request('t-1', 'employee-pension', 'employee-pension')],
      ['2024-03-10', letter('t-1')],
      ['2024-03-25', funds('t-1', ['2023-10', '2023-11', '2023-12'])],
      ['2024-04-01', complete('t-1')],
    ]);
    const completed = events.at(-1) as TransferCompleted;
    expect(completed).toMatchObject({
      type: 'TransferCompleted',
      data: {
        scheme: 'employee-pension',
        region: PANZHIHUA,
        monthsCredited: ['2023-10', '2023-11'],
        monthsAlreadyHeld: ['2023-12'],
        completedOn: '2024-04-01',
      },
    });
    expect(completed.data.decision.rules.map((r) => r.ruleId)).toEqual(['si.transfer.pension', 'si.transfer.terms']);
    const state = fold(insuranceDecider, events);
    expect(contributionMonths(state, 'employee-pension')).toEqual(['2023-10', '2023-11', '2023-12', '2024-01']);
    expect(countContributionMonths(state, ['employee-pension'])).toBe(4);
    expect(monthsPaidTwice(state, 'employee-pension')).toEqual(['2023-12']);
    expect(state.contributions['employee-pension']?.['2023-10']).toEqual([
      { region: PANZHIHUA, baseFen: 400000, via: 'transfer', transferId: 't-1' },
    ]);
    expect(transfersInFlight(state)).toEqual([]);
  });

  it('carries employee pension months into the resident scheme on completion (2024-04-01)', () => {
    const events = history(
      'panzhihua',
      [paid('employee-pension', CHENGDU, ['2023-11', '2023-12'])],
      [
        ['2024-03-01', request('t-1', 'employee-pension', 'resident-pension', CHENGDU, PANZHIHUA)],
        ['2024-03-10', letter('t-1')],
        ['2024-03-25', funds('t-1', ['2023-11', '2023-12'])],
        ['2024-04-01', complete('t-1')],
      ],
    );
    const state = fold(insuranceDecider, events);
    expect(contributionMonths(state, 'employee-pension')).toEqual([]);
    expect(contributionMonths(state, 'resident-pension')).toEqual(['2023-11', '2023-12']);
  });

  it('leaves the months where they were when the transfer is rejected on 2024-03-20, and accepts a new request on 2024-03-21', () => {
    const events = history(
      'panzhihua',
      [paid('employee-pension', CHENGDU, ['2023-11', '2023-12'])],
      [
        ['2024-03-01', request('t-1', 'employee-pension', 'employee-pension')],
        ['2024-03-10', letter('t-1')],
        ['2024-03-20', reject('t-1')],
      ],
    );
    expect(events.at(-1)).toEqual({
      type: 'TransferRejected',
      data: { transferId: 't-1', reasonCode: 'ACCOUNT_NOT_FOUND', rejectedOn: '2024-03-20' },
    });
    const state = fold(insuranceDecider, events);
    expect(state.transfers['t-1']?.status).toBe('rejected');
    expect(transfersInFlight(state)).toEqual([]);
    expect(state.contributions['employee-pension']?.['2023-11']).toMatchObject([{ region: CHENGDU, via: 'paid' }]);
    spec(insuranceDecider)
      .given(events)
      .when(request('t-2', 'employee-pension', 'employee-pension'), contextFor('panzhihua', '2024-03-21'))
      .then(like([{ type: 'TransferRequested', data: { transferId: 't-2' } }]));
  });

  it('refuses steps out of order under the accepting rule: funds before the letter, completion before the funds, rejection after completion', () => {
    const requested = history(
      'panzhihua',
      [],
      [['2024-03-01', request('t-1', 'employee-pension', 'employee-pension')]],
    );
    spec(insuranceDecider)
      .given(requested)
      .when(funds('t-1', ['2023-12']), contextFor('panzhihua', '2024-03-02'))
      .thenRefuses({ ruleId: 'si.transfer.pension', code: 'TRANSFER_NOT_AWAITING_FUNDS', computed: 'requested' });
    spec(insuranceDecider)
      .given(requested)
      .when(complete('t-1'), contextFor('panzhihua', '2024-03-02'))
      .thenRefuses({ ruleId: 'si.transfer.pension', code: 'TRANSFER_NOT_READY' });
    const done = history('panzhihua', requested, [
      ['2024-03-10', letter('t-1')],
      ['2024-03-25', funds('t-1', ['2023-12'])],
      ['2024-04-01', complete('t-1')],
    ]);
    spec(insuranceDecider)
      .given(done)
      .when(reject('t-1'), contextFor('panzhihua', '2024-04-02'))
      .thenRefuses({ ruleId: 'si.transfer.pension', code: 'TRANSFER_NOT_IN_FLIGHT' });
    spec(insuranceDecider)
      .given(done)
      .when(letter('t-1'), contextFor('panzhihua', '2024-04-02'))
      .thenRefuses({ code: 'TRANSFER_NOT_AWAITING_LETTER' });
    spec(insuranceDecider)
      .given(done)
      .when(letter('t-404'), contextFor('panzhihua', '2024-04-02'))
      .thenThrows(/no transfer t-404/);
  });

  it('refuses with notProvided (si.transfer.any) an unemployment-insurance transfer on 2024-03-01: the pack names pension and medical only', () => {
    spec(insuranceDecider)
      .given([])
      .when(request('t-1', 'unemployment', 'unemployment'), contextFor('panzhihua', '2024-03-01'))
      .thenRefuses({ ruleId: 'si.transfer.any', code: 'NOT_PROVIDED_BY_PACK' });
  });

  it('rejects as bad input a transfer of pension months into a medical scheme', () => {
    spec(insuranceDecider)
      .given([])
      .when(request('t-1', 'employee-pension', 'employee-medical'), contextFor('panzhihua', '2024-03-01'))
      .thenThrows(/cannot become/);
  });
});

describe('si.transfer.medical [panzhihua]: employee ↔ resident medical', () => {
  it('accepts a resident-to-employee medical transfer on 2024-03-01 under its own rule', () => {
    spec(insuranceDecider)
      .given([])
      .when(request('t-1', 'resident-medical', 'employee-medical'), contextFor('panzhihua', '2024-03-01'))
      .then(
        like([
          {
            data: {
              fromScheme: 'resident-medical',
              toScheme: 'employee-medical',
              decision: expect.objectContaining({
                rules: [
                  expect.objectContaining({
                    ruleId: 'si.transfer.medical',
                    quote: '城镇职工医疗保险与城乡居民基本医疗转移接续',
                  }),
                  expect.anything(),
                ],
              }),
            },
          },
        ]),
      );
  });

  it('lets a medical transfer run on 2024-03-05 beside a pension transfer already in flight', () => {
    const given = history('panzhihua', [], [['2024-03-01', request('t-1', 'employee-pension', 'resident-pension')]]);
    spec(insuranceDecider)
      .given(given)
      .when(request('t-2', 'employee-medical', 'employee-medical'), contextFor('panzhihua', '2024-03-05'))
      .then(like([{ data: { transferId: 't-2' } }]));
  });
});

describe('si.transfer.terms [panzhihua] (illustrative): 15 days to the 联系函, 45 to completion, a month paid twice counts once', () => {
  it('sets the deadlines from the request day 2024-01-31: letter by 2024-02-15, completion by 2024-03-16', () => {
    spec(insuranceDecider)
      .given([])
      .when(request('t-1', 'employee-medical', 'resident-medical'), contextFor('panzhihua', '2024-01-31'))
      .then(like([{ data: { letterDue: '2024-02-15', completionDue: '2024-03-16' } }]));
  });
});

describe('si.transfer.any [fangshan]: every scheme transfers', () => {
  it('accepts an unemployment-insurance transfer on 2024-03-01', () => {
    spec(insuranceDecider)
      .given([])
      .when(request('t-1', 'unemployment', 'unemployment', CHENGDU, FANGSHAN), contextFor('fangshan', '2024-03-01'))
      .then(
        like([
          {
            data: {
              decision: expect.objectContaining({
                packId: 'fangshan',
                rules: [
                  expect.objectContaining({ ruleId: 'si.transfer.any', source: 'fangshan-2017 §五(三)' }),
                  expect.anything(),
                ],
              }),
            },
          },
        ]),
      );
  });

  it('accepts a pension transfer on 2024-03-01 under si.transfer.any, the pack having no pension rule of its own', () => {
    spec(insuranceDecider)
      .given([])
      .when(
        request('t-1', 'employee-pension', 'resident-pension', CHENGDU, FANGSHAN),
        contextFor('fangshan', '2024-03-01'),
      )
      .then(
        like([
          {
            data: {
              decision: expect.objectContaining({
                rules: [expect.objectContaining({ ruleId: 'si.transfer.any' }), expect.anything()],
              }),
            },
          },
        ]),
      );
  });
});

describe('si.transfer.terms [fangshan] (illustrative)', () => {
  it('completes a maternity transfer on 2024-04-01 crediting only months not already paid in Fangshan, with deadlines from 2024-03-01', () => {
    const events = history(
      'fangshan',
      [paid('maternity', CHENGDU, ['2023-12', '2024-01']), paid('maternity', FANGSHAN, ['2024-01', '2024-02'])],
      [
        ['2024-03-01', request('t-1', 'maternity', 'maternity', CHENGDU, FANGSHAN)],
        ['2024-03-10', letter('t-1')],
        ['2024-03-25', funds('t-1', ['2023-12', '2024-01'])],
        ['2024-04-01', complete('t-1')],
      ],
    );
    expect(events.find((e) => e.type === 'TransferRequested')).toMatchObject({
      data: { letterDue: '2024-03-16', completionDue: '2024-04-15' },
    });
    expect(events.at(-1)).toMatchObject({
      data: {
        monthsCredited: ['2023-12'],
        monthsAlreadyHeld: ['2024-01'],
        decision: {
          rules: [{ ruleId: 'si.transfer.any' }, { ruleId: 'si.transfer.terms', status: 'illustrative' }],
          inputs: { countOnce: true },
        },
      },
    });
    expect(countContributionMonths(fold(insuranceDecider, events), ['maternity'])).toBe(3);
  });
});

describe.each([
  ['employee-pension', 'resident-pension', 'si.transfer.pension'],
  ['resident-medical', 'employee-medical', 'si.transfer.medical'],
] as const)('%s → %s under %s [shaoxing] (shaoxing-2016-11 §(七) 关系转移接续)', (from, to, ruleId) => {
  it('accepts the transfer on 2024-03-01 with no deadline: the seed gives none and the pack has no si.transfer.terms', () => {
    const [event] = spec(insuranceDecider)
      .given([])
      .when(request('t-1', from, to), contextFor('shaoxing', '2024-03-01'))
      .then(like([{ type: 'TransferRequested', data: { fromScheme: from, toScheme: to } }]));
    const data = (event as { data: Record<string, unknown> & { decision: { rules: { ruleId: string }[] } } }).data;
    expect(data.letterDue).toBeUndefined();
    expect(data.decision.rules.map((r) => r.ruleId)).toEqual([ruleId]);
  });
});

describe.each([
  ['sanming', 'employee-medical', 'si.transfer.medical'],
  ['fengdu', 'unemployment', 'si.transfer.any'],
  ['sanming', 'resident-pension', 'si.transfer.pension'],
  ['fengdu', 'employee-pension', 'si.transfer.pension'],
] as const)('%s pack has no transfer rule: %s → %s', (pack, scheme, ruleId) => {
  it(`refuses with notProvided naming ${ruleId} [${pack}] on 2024-03-01, and sets no deadline (si.transfer.terms [${pack}] absent)`, () => {
    spec(insuranceDecider)
      .given([])
      .when(request('t-1', scheme, scheme, CHENGDU, '000000'), contextFor(pack, '2024-03-01'))
      .thenRefuses({ ruleId, code: 'NOT_PROVIDED_BY_PACK', packId: pack });
  });
});
