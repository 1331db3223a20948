import { expectDecidedBy, expectRefusedBy, fresh, startPackApi, type PackApi } from '../support/pack-api';

/**
 * Every rule of the fangshan pack over HTTP, on its boundary day and one day either side: the
 * document of 2017-02-14 brings every rule into force that day.
 */
describe('fangshan rules over HTTP [fangshan]', () => {
  let api: PackApi;
  beforeAll(async () => {
    api = await startPackApi('fangshan', '2017-02-14');
  });
  afterAll(() => api?.close());

  const DAY = '2017-02-14';
  const BEFORE = '2017-02-13';
  const AFTER = '2017-02-15';
  const firstEvent = async (streamName: string) => (await api.harness.store.readStream(streamName))[0]!.data;

  async function child(on: string): Promise<string> {
    const childId = fresh('c');
    await api.step('RegisterChild', childId, { birthDate: '2009-05-01', parentWorkerIds: [fresh('w')], disability: 'none', registeredOn: on }, on);
    return childId;
  }

  async function eligibility(childId: string, on: string) {
    const applicationId = fresh('E');
    await api.step('ApplyForEnrollment', childId, { applicationId, appliedOn: on, schoolYear: 2017, grade: 2, area: '房山区' }, on);
    return { applicationId, answer: await api.send('DecideEnrollmentEligibility', childId, { applicationId }, on) };
  }

  const pay = (on: string, fields: Record<string, unknown>) =>
    api.send(
      'RecordWagePayment',
      fresh('e'),
      { paymentId: fresh('PAY'), month: '2017-02', amountFen: 400000, channel: 'bank', fullMonth: true, ...fields },
      on,
    );

  it('wages.real-name.site (fangshan-2017 §五(一)): a construction wage to a worker off the roster is flagged from 2017-02-14', async () => {
    const offRoster = (on: string) =>
      pay(on, { workerId: 'w-1', projectId: 'PRJ-1', attested: { project: { projectId: 'PRJ-1', construction: true } } });
    const before = await offRoster(BEFORE);
    expect(before.status).toBe(201);
    expect(before.body.rules).toEqual([]);
    for (const on of [DAY, AFTER]) {
      const answer = await offRoster(on);
      expectDecidedBy(answer, 'wages.real-name.site');
      expect((await firstEvent(answer.body.streamName)).findings).toEqual([
        { ruleId: 'wages.real-name.site', code: 'NOT_ON_SITE_ROSTER', computed: { projectId: 'PRJ-1', workerId: 'w-1' } },
      ]);
    }
  });

  it('wages.real-name.pay (fangshan-2017 §五(二)): a payment naming no worker is flagged from 2017-02-14', async () => {
    const before = await pay(BEFORE, {});
    expect(before.status).toBe(201);
    expect(before.body.rules).toEqual([]);
    for (const on of [DAY, AFTER]) {
      const answer = await pay(on, {});
      expectDecidedBy(answer, 'wages.real-name.pay');
      expect((await firstEvent(answer.body.streamName)).findings).toEqual([{ ruleId: 'wages.real-name.pay', code: 'UNNAMED_PAYMENT' }]);
    }
  });

  it('si.enrol.stable-job (fangshan-2017 §五(三)): pension, medical, maternity and work injury from 2017-02-14', async () => {
    const enrol = (on: string) =>
      api.send(
        'EnrolWorker',
        fresh('w'),
        { basis: 'stable-job', employerId: 'e-1', attested: { labourRelation: { kind: 'stable', employerId: 'e-1' } } },
        on,
      );
    expectRefusedBy(await enrol(BEFORE), {
      ruleId: 'si.enrol.stable-job',
      source: 'fangshan-2017 §五(三)',
      code: 'RULE_NOT_YET_IN_FORCE',
      eligibleFrom: DAY,
    });
    for (const on of [DAY, AFTER]) {
      const answer = await enrol(on);
      expectDecidedBy(answer, 'si.enrol.stable-job');
      expect((await firstEvent(answer.body.streamName)).schemes).toEqual(['employee-pension', 'employee-medical', 'maternity', 'work-injury']);
    }
  });

  const transfer = (on: string) =>
    api.send(
      'RequestTransfer',
      fresh('w'),
      { transferId: fresh('T'), fromScheme: 'unemployment', toScheme: 'unemployment', fromRegion: '130100', toRegion: '110111' },
      on,
    );

  it('si.transfer.any (fangshan-2017 §五(三)): an unemployment-insurance transfer is accepted from 2017-02-14, refused with eligibleFrom the day before', async () => {
    expectRefusedBy(await transfer(BEFORE), {
      ruleId: 'si.transfer.any',
      source: 'fangshan-2017 §五(三)',
      code: 'RULE_NOT_YET_IN_FORCE',
      eligibleFrom: DAY,
    });
    expectDecidedBy(await transfer(DAY), 'si.transfer.any');
    expectDecidedBy(await transfer(AFTER), 'si.transfer.any');
  });

  it('si.transfer.terms (fangshan-2017 §五(三), illustrative): a transfer requested on 2017-02-14 has its letter due in 15 days and completion in 45, flagged illustrative', async () => {
    for (const [on, letterDue, completionDue] of [
      [DAY, '2017-03-01', '2017-03-31'],
      [AFTER, '2017-03-02', '2017-04-01'],
    ] as const) {
      const answer = await transfer(on);
      expectDecidedBy(answer, 'si.transfer.terms');
      expect(answer.body.illustrative).toBe(true);
      expect(await firstEvent(answer.body.streamName)).toMatchObject({ letterDue, completionDue });
    }
    expect((await transfer(BEFORE)).status).toBe(422);
  });

  it('health.vaccination.equal (fangshan-2017 §六(二)): a migrant child’s certificate is opened from 2017-02-14 with no residence condition', async () => {
    const open = async (on: string) => api.send('OpenVaccinationRecord', await child(on), { openedOn: on }, on);
    expectRefusedBy(await open(BEFORE), {
      ruleId: 'health.vaccination.equal',
      source: 'fangshan-2017 §六(二)',
      code: 'RULE_NOT_YET_IN_FORCE',
      eligibleFrom: DAY,
    });
    expectDecidedBy(await open(DAY), 'health.vaccination.equal');
    expectDecidedBy(await open(AFTER), 'health.vaccination.equal');
  });

  it('school.public-first (fangshan-2017 §六(一)): eligibility under 两为主 from 2017-02-14, refused with eligibleFrom the day before', async () => {
    const decide = async (on: string) => (await eligibility(await child(on), on)).answer;
    expectRefusedBy(await decide(BEFORE), {
      ruleId: 'school.public-first',
      source: 'fangshan-2017 §六(一)',
      code: 'RULE_NOT_YET_IN_FORCE',
      eligibleFrom: DAY,
    });
    expectDecidedBy(await decide(DAY), 'school.public-first');
    expectDecidedBy(await decide(AFTER), 'school.public-first');
  });

  it('school.mixed-class (fangshan-2017 §六(一)): a migrant-only class, public or 民办, is refused from 2017-02-14; an offer dated the day before knew no such rule', async () => {
    const offer = async (on: string, schoolType = 'public') => {
      const childId = await child(DAY);
      const { applicationId, answer } = await eligibility(childId, DAY);
      expectDecidedBy(answer, 'school.public-first');
      return api.send(
        'OfferSeat',
        childId,
        {
          applicationId,
          schoolId: 'SCH-110111-001',
          schoolType,
          classComposition: 'migrant-only',
          fees: { schoolChoiceFen: 0, guestStudyFen: 0 },
          publicSeatAvailable: schoolType === 'public',
          governmentFunded: false,
          offeredOn: on,
        },
        AFTER,
      );
    };
    const before = await offer(BEFORE);
    expect(before.status).toBe(201);
    expect(before.body.rules).toEqual([]);
    for (const on of [DAY, AFTER]) {
      expectRefusedBy(await offer(on), { ruleId: 'school.mixed-class', source: 'fangshan-2017 §六(一)', code: 'MIGRANT_ONLY_CLASS' });
    }
    expectRefusedBy(await offer(AFTER, 'private-nonprofit'), {
      ruleId: 'school.mixed-class',
      source: 'fangshan-2017 §六(一)',
      code: 'MIGRANT_ONLY_CLASS',
    });
  });
});
