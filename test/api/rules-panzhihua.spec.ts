import { expectDecidedBy, expectRefusedBy, fresh, startPackApi, type PackApi } from '../support/pack-api';

/**
 * Every rule of the panzhihua pack over HTTP, on its boundary day and one day either side. The
 * document of 2016-03-27 brings the city's rules into force that day; residence conditions
 * have their own boundary, the day the residence is complete.
 */
describe('panzhihua rules over HTTP [panzhihua]', () => {
  let api: PackApi;
  beforeAll(async () => {
    api = await startPackApi('panzhihua', '2016-03-27');
  });
  afterAll(() => api?.close());

  const DAY = '2016-03-27';
  const BEFORE = '2016-03-26';
  const AFTER = '2016-03-28';
  const S = (clause: string) => `panzhihua-2016-10 ${clause}`;
  const firstEvent = async (streamName: string) => (await api.harness.store.readStream(streamName))[0]!.data;
  const notYet = (ruleId: string, clause: string) => ({
    ruleId,
    source: S(clause),
    code: 'RULE_NOT_YET_IN_FORCE',
    eligibleFrom: DAY,
  });

  async function resident(arrivalOn: string): Promise<string> {
    const workerId = fresh('w');
    await api.step('RegisterResidence', workerId, { address: { line: '攀枝花市东区炳草岗大街1号' }, arrivalOn }, arrivalOn);
    return workerId;
  }

  async function child(parentId: string, on: string): Promise<string> {
    const childId = fresh('c');
    await api.step('RegisterChild', childId, { birthDate: '2009-05-01', parentWorkerIds: [parentId], disability: 'none', registeredOn: on }, on);
    return childId;
  }

  async function eligibility(childId: string, on: string) {
    const applicationId = fresh('E');
    await api.step('ApplyForEnrollment', childId, { applicationId, appliedOn: on, schoolYear: 2016, grade: 2, area: '东区' }, on);
    return { applicationId, answer: await api.send('DecideEnrollmentEligibility', childId, { applicationId }, on) };
  }

  it('permit.equal-services (panzhihua-2016-10 §(十二)): a permit issued from 2016-03-27 carries hukou-equal services; one issued the day before does not', async () => {
    const issue = async (on: string) => {
      const workerId = await resident('2015-06-01');
      await api.step('ApplyForPermit', workerId, { ground: 'stable-job' }, on);
      return api.send('IssuePermit', workerId, { permitNumber: `P${workerId.slice(2)}`, issuingOfficeCode: '510402' }, on);
    };
    const before = await issue(BEFORE);
    expect(before.status).toBe(201);
    expect(before.body.rules.map((r: { ruleId: string }) => r.ruleId)).not.toContain('permit.equal-services');
    expectDecidedBy(await issue(DAY), 'permit.equal-services');
    expectDecidedBy(await issue(AFTER), 'permit.equal-services');
  });

  it('unemployment.registration.min-residence (panzhihua-2016-10 §(一)): resident since 2024-01-10, refused on 2024-07-09 with eligibleFrom 2024-07-10', async () => {
    const register = async (on: string) =>
      api.send('RegisterUnemployment', await resident('2024-01-10'), { attested: { employed: false, migrantWorker: true } }, on);
    expectRefusedBy(await register('2024-07-09'), {
      ruleId: 'unemployment.registration.min-residence',
      source: S('§(一)'),
      eligibleFrom: '2024-07-10',
    });
    expectDecidedBy(await register('2024-07-10'), 'unemployment.registration.min-residence');
    expectDecidedBy(await register('2024-07-11'), 'unemployment.registration.min-residence');
  });

  it('employment.registration (panzhihua-2016-10 §(一)): an employment is registered from 2016-03-27', async () => {
    const register = (on: string) => api.send('RegisterEmployment', fresh('w'), { employerId: 'e-1', startedOn: on }, on);
    expectRefusedBy(await register(BEFORE), notYet('employment.registration', '§(一)'));
    expectDecidedBy(await register(DAY), 'employment.registration');
    expectDecidedBy(await register(AFTER), 'employment.registration');
  });

  it('health.basic-public (panzhihua-2016-10 §(十四)): a child whose parent has lived here since 2024-01-10 is covered from 2024-07-10', async () => {
    const parent = await resident('2024-01-10');
    const decide = async (on: string) => api.send('DecidePublicHealthCoverage', await child(parent, on), { decidedOn: on }, on);
    expectRefusedBy(await decide('2024-07-09'), {
      ruleId: 'health.basic-public',
      source: S('§(十四)'),
      eligibleFrom: '2024-07-10',
    });
    for (const on of ['2024-07-10', '2024-07-11']) {
      const answer = await decide(on);
      expectDecidedBy(answer, 'health.basic-public');
      const events = await api.harness.store.readStream(answer.body.streamName);
      expect(events[events.length - 1]!.data).toMatchObject({ coveredFrom: '2024-07-10', categories: 12 });
    }
  });

  it('housing.purchase.tax-relief (panzhihua-2016-10 §(十五)): a home bought from 2016-03-27 is relieved of deed tax and stamp duty', async () => {
    const buy = (on: string) =>
      api.send('RecordHomePurchase', fresh('w'), { purchaseId: fresh('HP'), purchasedOn: on, homeKind: 'commercial' }, on);
    const before = await buy(BEFORE);
    expect(before.status).toBe(201);
    expect(before.body.rules).toEqual([]);
    expect((await firstEvent(before.body.streamName)).taxRelief).toBeNull();
    for (const on of [DAY, AFTER]) {
      const answer = await buy(on);
      expectDecidedBy(answer, 'housing.purchase.tax-relief');
      expect((await firstEvent(answer.body.streamName)).taxRelief).toEqual({ taxes: ['deed-tax', 'stamp-duty'], rate: null });
    }
  });

  it('settlement.open (panzhihua-2016-10 §(十六)): settlement is open from 2016-03-27', async () => {
    const apply = async (on: string, conditions: unknown[] = [{ kind: 'document', documentType: '居住证' }]) => {
      const workerId = fresh('w');
      await api.step(
        'RegisterWorker',
        workerId,
        {
          name: '王小明',
          idNumber: '11010519491231002X',
          phone: '13800138000',
          birthDate: '1949-12-31',
          hukouPlace: { areaCode: '511621', address: '四川省岳池县九龙镇' },
          arrivalOn: '2015-06-01',
        },
        '2015-06-01',
      );
      return api.send('ApplyForSettlement', workerId, { settleAt: '攀枝花市东区炳草岗大街1号', conditions, homeVillageRights: ['land-contract'] }, on);
    };
    expectRefusedBy(await apply(BEFORE), notYet('settlement.open', '§(十六)'));
    expectDecidedBy(await apply(DAY), 'settlement.open');
    expectDecidedBy(await apply(AFTER), 'settlement.open');
    // settlement.no-land-condition (panzhihua-2016-10 §(十六)) and land.rights-kept (§(十七)) on the same days.
    settle = apply;
  });

  let settle: (on: string, conditions?: unknown[]) => Promise<{ status: number; body: any; headers: Headers; text: string }>;

  it('settlement.no-land-condition (panzhihua-2016-10 §(十六)): surrendering the land contract is refused as a condition from 2016-03-27', async () => {
    const surrender = [{ kind: 'surrender-right', right: 'land-contract' }];
    expectRefusedBy(await settle(BEFORE, surrender), notYet('settlement.open', '§(十六)'));
    for (const on of [DAY, AFTER]) {
      expectRefusedBy(await settle(on, surrender), {
        ruleId: 'settlement.no-land-condition',
        source: S('§(十六)'),
        code: 'LAND_SURRENDER_CONDITION',
      });
    }
  });

  it('land.rights-kept (panzhihua-2016-10 §(十七)): settling never ends the forest right, from 2016-03-27', async () => {
    const forest = [{ kind: 'surrender-right', right: 'forest' }];
    expectRefusedBy(await settle(BEFORE, forest), notYet('settlement.open', '§(十六)'));
    for (const on of [DAY, AFTER]) {
      expectRefusedBy(await settle(on, forest), { ruleId: 'land.rights-kept', source: S('§(十七)'), code: 'LAND_RIGHT_ENDED' });
    }
    expectDecidedBy(await settle(DAY), 'land.rights-kept');
  });

  it('si.enrol.flexible (panzhihua-2016-10 §(七)): a flexible worker may join the employee schemes from 2016-03-27', async () => {
    const enrol = (on: string) => api.send('EnrolWorker', fresh('w'), { basis: 'flexible', schemes: ['employee-pension', 'employee-medical'] }, on);
    expectRefusedBy(await enrol(BEFORE), notYet('si.enrol.flexible', '§(七)'));
    expectDecidedBy(await enrol(DAY), 'si.enrol.flexible');
    expectDecidedBy(await enrol(AFTER), 'si.enrol.flexible');
  });

  const transfer = (on: string, scheme: string) =>
    api.send(
      'RequestTransfer',
      fresh('w'),
      { transferId: fresh('T'), fromScheme: scheme, toScheme: scheme, fromRegion: '350400', toRegion: '510400' },
      on,
    );

  it('si.transfer.pension (panzhihua-2016-10 §(七)): a pension transfer is accepted from 2016-03-27', async () => {
    expectRefusedBy(await transfer(BEFORE, 'employee-pension'), notYet('si.transfer.pension', '§(七)'));
    expectDecidedBy(await transfer(DAY, 'employee-pension'), 'si.transfer.pension');
    expectDecidedBy(await transfer(AFTER, 'employee-pension'), 'si.transfer.pension');
  });

  it('si.transfer.medical (panzhihua-2016-10 §(七)): a medical transfer is accepted from 2016-03-27', async () => {
    expectRefusedBy(await transfer(BEFORE, 'employee-medical'), notYet('si.transfer.medical', '§(七)'));
    expectDecidedBy(await transfer(DAY, 'employee-medical'), 'si.transfer.medical');
    expectDecidedBy(await transfer(AFTER, 'employee-medical'), 'si.transfer.medical');
  });

  it('si.transfer.terms (panzhihua-2016-10 §(七), illustrative): deadlines of 15 and 45 days from 2016-03-27, flagged illustrative', async () => {
    expect((await transfer(BEFORE, 'employee-pension')).status).toBe(422);
    for (const [on, letterDue, completionDue] of [
      [DAY, '2016-04-11', '2016-05-11'],
      [AFTER, '2016-04-12', '2016-05-12'],
    ] as const) {
      const answer = await transfer(on, 'employee-pension');
      expectDecidedBy(answer, 'si.transfer.terms');
      expect(answer.body.illustrative).toBe(true);
      expect(await firstEvent(answer.body.streamName)).toMatchObject({ letterDue, completionDue });
    }
  });

  it('school.admission.guarantee (panzhihua-2016-10 §(十三)): a place is guaranteed from 2016-03-27', async () => {
    const parent = await resident('2015-06-01');
    const decide = async (on: string) => (await eligibility(await child(parent, on), on)).answer;
    expectRefusedBy(await decide(BEFORE), notYet('school.admission.guarantee', '§(十三)'));
    expectDecidedBy(await decide(DAY), 'school.admission.guarantee');
    expectDecidedBy(await decide(AFTER), 'school.admission.guarantee');
  });

  it('school.fees.equal (panzhihua-2016-10 §(十三)): a seat charging 借读费 is refused from 2016-03-27; an offer dated the day before knew no such rule', async () => {
    const parent = await resident('2015-06-01');
    const offer = async (on: string, guestStudyFen: number) => {
      const childId = await child(parent, DAY);
      const { applicationId } = await eligibility(childId, DAY);
      return api.send(
        'OfferSeat',
        childId,
        {
          applicationId,
          schoolId: 'SCH-510402-007',
          schoolType: 'public',
          classComposition: 'mixed',
          fees: { schoolChoiceFen: 0, guestStudyFen },
          publicSeatAvailable: true,
          governmentFunded: false,
          offeredOn: on,
        },
        AFTER,
      );
    };
    const before = await offer(BEFORE, 50000);
    expect(before.status).toBe(201);
    expect(before.body.rules).toEqual([]);
    for (const on of [DAY, AFTER]) {
      expectRefusedBy(await offer(on, 50000), { ruleId: 'school.fees.equal', source: S('§(十三)'), code: 'FORBIDDEN_FEE' });
    }
    expectDecidedBy(await offer(AFTER, 0), 'school.fees.equal');
  });

  it('housing.rental.stable-employment (panzhihua-2016-10 §(十五), illustrative): resident and contributing since 2021-03-01, eligible from 2024-03-01', async () => {
    const decide = async (on: string) => {
      const workerId = await resident('2021-03-01');
      await api.step('ApplyForPermit', workerId, { ground: 'stable-job' }, '2023-06-01');
      await api.step('IssuePermit', workerId, { permitNumber: `P${workerId.slice(2)}`, issuingOfficeCode: '510402' }, '2023-06-01');
      const applicationId = fresh('H');
      const attested = { employed: true, workSpells: [{ from: '2021-03-01' }], contributionsSince: '2021-03-01' };
      await api.step('SubmitRentalApplication', workerId, { applicationId, submittedOn: on, householdSize: 3, attested }, on);
      return api.send('DecideRentalEligibility', workerId, { applicationId, attested }, on);
    };
    const refused = await decide('2024-02-29');
    expectRefusedBy(refused, {
      ruleId: 'housing.rental.stable-employment',
      source: S('§(十五)'),
      eligibleFrom: '2024-03-01',
    });
    for (const on of ['2024-03-01', '2024-03-02']) {
      const answer = await decide(on);
      expectDecidedBy(answer, 'housing.rental.stable-employment');
      expect(answer.body.illustrative).toBe(true);
    }
  });
});
