import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { PostgresEventStore } from '@ledger/event-store';
import { loadPack, PolicyView } from '@ledger/policy';
import { AppModule } from '../../apps/api/src/app.module';
import { createApp } from '../../apps/api/src/create-app';
import { CredentialService } from '../../apps/api/src/security/credential.service';
import { COMMAND_ROUTES, commandRoute } from '../../apps/api/src/routes/commands/command-routes';
import { CommandRoutesModule } from '../../apps/api/src/routes/commands/command-routes.module';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { committedHead } from '../support/committed-head';

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, read field by field
  body: Record<string, any>;
  headers: Headers;
}

describe('commands over HTTP', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let app: INestApplication;
  let base: string;
  let today = '2024-03-01';
  const exercised = new Map<string, number[]>();
  /** Bearer tokens by department (its lawful scopes), and a second desk's token for each. */
  const tokens: Record<string, string> = {};
  const spare: Record<string, string> = {};

  beforeAll(async () => {
    // Until AppModule imports CommandRoutesModule (the lead wires it), the spec adds it.
    const register = AppModule.register.bind(AppModule);
    jest.spyOn(AppModule, 'register').mockImplementation((deps) => {
      const module = register(deps);
      const imports = module.imports ?? [];
      return imports.includes(CommandRoutesModule) ? module : { ...module, imports: [...imports, CommandRoutesModule] };
    });
    // The flows send a few hundred commands from one credential at once.
    process.env.LEDGER_RATE_LIMIT_PER_SECOND = '100000';
    process.env.LEDGER_RATE_LIMIT_BURST = '100000';
    db = await createTestDatabase('cmdapi');
    store = await PostgresEventStore.connect(db.url);
    app = await createApp(
      {
        store,
        readPool: store.pool,
        execute: { store, policy: new PolicyView(loadPack('panzhihua')), today: () => today },
        runtime: { adapter: 'postgres', embeddedDatabase: true, jurisdiction: 'panzhihua' },
      },
      { logger: process.env.COMMANDS_SPEC_LOG ? undefined : false },
    );
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const credentials = app.get(CredentialService);
    for (const department of new Set([...COMMAND_ROUTES.map((r) => r.owner), 'residence-office'])) {
      tokens[department] = (await credentials.issue({ department, principal: `${department} desk 1` })).token;
      spare[department] = (await credentials.issue({ department, principal: `${department} desk 2` })).token;
    }
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    await db?.drop();
    jest.restoreAllMocks();
  });

  /** The owner's credential: it holds `<category>:write`. */
  const ownerOf = (path: string) =>
    COMMAND_ROUTES.find((r) => new RegExp(`^${r.path.replace(/\{\w+\}/, '[^/]+')}$`).test(path))?.owner ??
    'residence-office';
  const pathOf = (type: string, id: string) => commandRoute(type).path.replace(/\{(workerId|childId|employerId)\}/, id);

  async function post(
    path: string,
    body: unknown,
    options: { key?: string | null; ifMatch?: string; token?: string | null; raw?: string } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.key !== null) headers['idempotency-key'] = options.key ?? randomUUID();
    if (options.ifMatch !== undefined) headers['if-match'] = options.ifMatch;
    const token = options.token === undefined ? tokens[ownerOf(path)] : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: options.raw ?? JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : {}, headers: res.headers };
  }

  /**
   * Sends a command and expects exactly `expected`: the statuses listed, or (a rule id) the 422
   * of a refusal under that rule, naming it with its clause.
   */
  async function send(
    type: string,
    id: string,
    body: Record<string, unknown>,
    expected: number[] | string = [201],
    options: Parameters<typeof post>[2] = {},
  ) {
    const statuses = typeof expected === 'string' ? [422] : expected;
    const answer = await post(pathOf(type, id), body, options);
    exercised.set(type, [...(exercised.get(type) ?? []), answer.status]);
    if (!statuses.includes(answer.status)) {
      throw new Error(
        `${type} answered ${answer.status}, expected ${statuses.join(' or ')}: ${JSON.stringify(answer.body)}`,
      );
    }
    if (typeof expected === 'string') expect(answer.body).toMatchObject({ ruleId: expected, source: expect.any(String) });
    if (answer.status === 201) expect(answer.headers.get('etag')).toBe(`"${answer.body.revision}"`);
    return answer;
  }

  const newId = (prefix: string) => `${prefix}-${randomUUID()}`;

  async function workerWithPermit(arrivalOn = '2023-08-31'): Promise<string> {
    const workerId = newId('w');
    today = '2024-03-01';
    await send('RegisterResidence', workerId, { address: { line: '攀枝花市东区炳草岗大街1号' }, arrivalOn });
    await send('ApplyForPermit', workerId, { ground: 'stable-job' });
    await send('IssuePermit', workerId, {
      permitNumber: `510402-${workerId.slice(2, 10)}`,
      issuingOfficeCode: '510402',
    });
    return workerId;
  }

  describe('one realistic flow per context: every route answers exactly 201, or the 422 of the panzhihua rule it lacks', () => {
    it('worker: registers a worker, a phone change, a certificate, an education, a violation, a hukou move and a settlement application', async () => {
      const workerId = newId('w');
      today = '2024-03-01';
      await send('RegisterWorker', workerId, { ...commandRoute('RegisterWorker').example });
      await send('ChangeContactDetails', workerId, { phone: '13900139000' });
      await send('RecordSkillCertificate', workerId, { ...commandRoute('RecordSkillCertificate').example });
      await send('RecordEducation', workerId, { ...commandRoute('RecordEducation').example });
      await send('RecordViolation', workerId, { ...commandRoute('RecordViolation').example });
      await send('RecordHukouMove', workerId, { ...commandRoute('RecordHukouMove').example, movedOn: '2024-02-01' });
      await send('ApplyForSettlement', workerId, { ...commandRoute('ApplyForSettlement').example }, [201]);
    });

    it('residence-permit: register residence → correct arrival → apply → issue → endorse, a lapse, an address change, a revocation', async () => {
      const workerId = newId('w');
      today = '2024-03-01';
      await send('RegisterResidence', workerId, {
        address: { line: '攀枝花市东区炳草岗大街1号', districtCode: '510402' },
        arrivalOn: '2023-08-31',
      });
      await send('CorrectArrivalDate', workerId, { arrivalOn: '2023-07-01', evidenceRef: 'lease-2023-0701' });
      await send('ApplyForPermit', workerId, { ground: 'stable-job', evidenceRef: 'labour-contract-2023-118' });
      await send('IssuePermit', workerId, { permitNumber: '510402202403010001', issuingOfficeCode: '510402' });
      today = '2025-02-20';
      await send('EndorsePermit', workerId, {}, [201]);
      await send('ChangeAddress', workerId, {
        address: { line: '攀枝花市仁和区攀枝花大道南段2号' },
        movedOn: '2025-02-01',
      });
      const lapsing = await workerWithPermit();
      today = '2025-04-15';
      await send('RecordEndorsementLapse', lapsing, {}, [201]);
      await send('RevokePermit', lapsing, { reason: 'moved-away' });
      today = '2024-03-01';
    });

    it('points: an assessment, a deduction and a veto', async () => {
      const workerId = await workerWithPermit();
      today = '2024-03-01';
      await send('RegisterWorker', workerId, { ...commandRoute('RegisterWorker').example });
      await send('RecordViolation', workerId, {
        violationId: 'V-1',
        ground: 'public-order',
        occurredOn: '2024-01-15',
        authority: '东区分局',
      });
      await send(
        'AssessPoints',
        workerId,
        { round: { roundId: '2024-spring', referenceDate: '2024-03-01' }, purpose: 'public-services' },
        'points.services-by-points',
      );
      await send('AdjustPoints', workerId, { kind: 'violation-deduction', violationId: 'V-1' }, 'points.factors');
      await send('VetoPoints', workerId, { ground: 'fraud', ref: 'case-2024-017' }, 'points.factors');
    });

    it('insurance: contributions, an enrolment and a transfer through to completion, another rejected', async () => {
      const workerId = newId('w');
      today = '2024-03-01';
      await send('RecordContributions', workerId, {
        scheme: 'employee-pension',
        region: '510400',
        months: { from: '2023-09', to: '2024-02' },
        baseFen: 350000,
      });
      await send(
        'EnrolWorker',
        workerId,
        { basis: 'stable-job', employerId: 'e-1', attested: { labourRelation: { kind: 'stable', employerId: 'e-1' } } },
        'si.enrol.stable-job',
      );
      const transfer = {
        fromScheme: 'employee-pension',
        toScheme: 'employee-pension',
        fromRegion: '350400',
        toRegion: '510400',
      };
      await send('RequestTransfer', workerId, { transferId: 'T-1', ...transfer }, [201]);
      await send('IssueTransferLetter', workerId, { transferId: 'T-1', letterId: 'L-1' }, [201]);
      await send(
        'ReceiveTransferFunds',
        workerId,
        { transferId: 'T-1', months: ['2020-01', '2020-02'], amountFen: 96000 },
        [201],
      );
      await send('CompleteTransfer', workerId, { transferId: 'T-1' }, [201]);
      await send('RequestTransfer', workerId, { transferId: 'T-2', ...transfer, fromRegion: '330600' }, [201]);
      await send('RejectTransfer', workerId, { transferId: 'T-2', reasonCode: 'DUPLICATE_ACCOUNT' }, [201]);
    });

    it('employment: an unemployment registration, a job, a public post, subsidies, loans and legal aid', async () => {
      const workerId = await workerWithPermit('2023-01-10');
      today = '2024-03-01';
      await send('RegisterUnemployment', workerId, { attested: { employed: false, migrantWorker: true } }, [201]);
      await send(
        'PlaceOnPublicPost',
        workerId,
        { postId: 'P-1', employerId: 'e-2', attested: { cannotFindWorkUnaided: true } },
        'unemployment.public-post',
      );
      await send(
        'GrantPublicPostSubsidy',
        workerId,
        { postId: 'P-1', month: '2024-02', attested: { employerContributionsFen: { 'employee-pension': 56000 } } },
        'unemployment.public-post',
      );
      await send('RegisterEmployment', workerId, { employerId: 'e-1', startedOn: '2024-03-01' }, [201]);
      await send('GrantStartupSubsidy', workerId, { ...commandRoute('GrantStartupSubsidy').example }, 'subsidy.startup');
      await send('GrantStartupJobsSubsidy', workerId, { ventureId: 'V-510400-0001', requestedFen: 200000 }, 'subsidy.startup-jobs');
      await send(
        'ApproveGuaranteedLoan',
        workerId,
        { loanId: 'LN-1', amountFen: 10000000, attested: { guaranteedLoanEligible: true } },
        'loan.guarantee.person',
      );
      await send('GrantAppraisalSubsidy', workerId, { certificateId: 'S-1', skillLevel: '中级' }, 'subsidy.appraisal');
      await send(
        'UpliftTrainingSubsidy',
        workerId,
        { trainingId: 'TR-1', occupation: '焊工', standardFen: 120000, attested: { shortageOccupation: true } },
        'subsidy.shortage-uplift',
      );
      await send('GrantTrainingAppraisalSubsidy', workerId, { claimId: 'C-1', requestedFen: 80000 }, 'subsidy.training-appraisal');
      await send('ApplyForLegalAid', workerId, { caseId: 'LA-1', claim: 'wage-arrears' }, 'legal-aid.wage-claim');
    });

    it('employer: a roster entry, a wage payment, an agency placement and a firm loan', async () => {
      const employerId = newId('e');
      today = '2024-04-02';
      await send('RegisterSiteWorker', employerId, { projectId: 'PRJ-1', workerId: 'w-1' }, [201]);
      await send(
        'RecordWagePayment',
        employerId,
        {
          ...commandRoute('RecordWagePayment').example,
          projectId: 'PRJ-1',
          workerId: 'w-1',
          attested: { project: { projectId: 'PRJ-1', construction: true } },
        },
        [201],
      );
      await send('AwardAgencyPlacement', employerId, { ...commandRoute('AwardAgencyPlacement').example }, 'subsidy.agency-placement');
      await send(
        'ApproveFirmGuaranteedLoan',
        employerId,
        { ...commandRoute('ApproveFirmGuaranteedLoan').example },
        'loan.guarantee.firm',
      );
      today = '2024-03-01';
    });

    it('housing: a rental application decided, waitlisted and reviewed, a unit, a lease and its end, a home purchase', async () => {
      const workerId = await workerWithPermit('2021-03-01');
      today = '2024-03-01';
      const attested = { employed: true, workSpells: [{ from: '2021-03-01' }], contributionsSince: '2021-03-01' };
      await send('SubmitRentalApplication', workerId, {
        applicationId: 'H-1',
        submittedOn: '2024-03-01',
        householdSize: 3,
        attested,
      });
      await send('DecideRentalEligibility', workerId, { applicationId: 'H-1', attested }, [201]);
      await send(
        'ReviewWaitlistEntry',
        workerId,
        { applicationId: 'H-1', reviewedOn: '2024-03-01', attested },
        [201],
      );
      await send(
        'AllocateUnit',
        workerId,
        { applicationId: 'H-1', unitId: 'U-1', allocatedOn: '2024-03-01' },
        [201],
      );
      await send(
        'SignLease',
        workerId,
        {
          applicationId: 'H-1',
          leaseId: 'LS-1',
          signedOn: '2024-03-01',
          startsOn: '2024-03-01',
          endsOn: '2027-02-28',
          monthlyRentFen: 48000,
        },
        [201],
      );
      await send('EndTenancy', workerId, { leaseId: 'LS-1', endedOn: '2024-03-01', reason: 'moved-out' }, [201]);
      await send(
        'RecordHomePurchase',
        workerId,
        { purchaseId: 'HP-1', purchasedOn: '2024-03-01', homeKind: 'commercial' },
        [201],
      );
    });

    it('schooling: a child registered, vaccination checked, an application decided, a seat offered and declined, offered and enrolled, the exam decided', async () => {
      const parent = await workerWithPermit('2022-01-10');
      const childId = newId('c');
      today = '2024-03-01';
      await send('RegisterChild', childId, {
        birthDate: '2017-05-20',
        parentWorkerIds: [parent],
        disability: 'none',
        registeredOn: '2024-03-01',
      });
      await send('OpenVaccinationRecord', childId, { openedOn: '2024-03-01' }, [201]);
      await send(
        'RecordVaccinationCheck',
        childId,
        { verifiedOn: '2024-03-01', certificate: 'complete', missingVaccines: [] },
        [201],
      );
      await send('DecidePublicHealthCoverage', childId, { decidedOn: '2024-03-01' }, [201]);
      await send(
        'ApplyForEnrollment',
        childId,
        { applicationId: 'E-1', appliedOn: '2024-03-01', schoolYear: 2024, grade: 3, area: '东区' },
        [201],
      );
      await send('DecideEnrollmentEligibility', childId, { applicationId: 'E-1' }, [201]);
      const seat = {
        applicationId: 'E-1',
        schoolType: 'public',
        classComposition: 'mixed',
        fees: { schoolChoiceFen: 0, guestStudyFen: 0 },
        publicSeatAvailable: true,
        governmentFunded: false,
        offeredOn: '2024-03-01',
      };
      await send('OfferSeat', childId, { ...seat, schoolId: 'SCH-1' }, [201]);
      await send(
        'DeclineAdmission',
        childId,
        { applicationId: 'E-1', schoolId: 'SCH-1', ground: 'capacity', declinedOn: '2024-03-01' },
        [201],
      );
      await send('OfferSeat', childId, { ...seat, schoolId: 'SCH-2' }, [201]);
      await send('Enroll', childId, { applicationId: 'E-1', enrolledOn: '2024-03-01' }, [201]);
      await send('DecideExamEligibility', childId, { examYear: 2024, decidedOn: '2024-03-01' }, 'school.exam.attended-school');
    });

    it('public-health: a free premarital check, the worker’s own basic public health coverage, and the home buyers’ health record panzhihua lacks', async () => {
      const workerId = await workerWithPermit();
      await send('RecordPremaritalCheck', workerId, { service: 'premarital', checkedOn: '2024-03-01', chargedFen: 0 });
      await send('DecideWorkerPublicHealthCoverage', workerId, { decidedOn: '2024-03-01' });
      await send('OpenHealthRecord', workerId, { openedOn: '2024-03-01' }, 'health.record.home-buyer');
    });

    it('has sent every route of the table', () => {
      expect([...exercised.keys()].sort()).toEqual(COMMAND_ROUTES.map((r) => r.type).sort());
    });
  });

  describe('a refusal', () => {
    it('answers 422 with the rule and clause when the permit is applied for one day short of six months (2024-02-28)', async () => {
      const workerId = newId('w');
      today = '2024-02-28';
      await send('RegisterResidence', workerId, { address: { line: '东区' }, arrivalOn: '2023-08-31' });
      const before = await committedHead(store.pool);
      const refused = await post(pathOf('ApplyForPermit', workerId), { ground: 'stable-job' });
      expect(refused.status).toBe(422);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body).toMatchObject({
        type: expect.stringContaining('/problems/policy-refusal'),
        ruleId: 'permit.apply.conditions',
        source: 'national-663 第二条',
        eligibleFrom: '2024-02-29',
      });
      expect(await committedHead(store.pool)).toBe(before);
      today = '2024-03-01';
    });
  });

  describe('bad input: 400 problem+json, nothing appended', () => {
    const registration = { address: { line: '攀枝花市东区炳草岗大街1号' }, arrivalOn: '2023-08-31' };
    const worker = { ...(commandRoute('RegisterWorker').example as Record<string, unknown>) };
    // Four columns in every row: jest.each passes `done` to a callback with more parameters than columns.
    const cases: [string, string, unknown, Parameters<typeof post>[2]][] = [
      ['an unknown field', 'RegisterResidence', { ...registration, favouriteColour: 'red' }, {}],
      ['an unknown nested field', 'RegisterResidence', { ...registration, address: { line: '东区', floor: 3 } }, {}],
      ['a wrong type', 'RegisterResidence', { ...registration, arrivalOn: 20230831 }, {}],
      ['an impossible date (2023-02-29)', 'RegisterResidence', { ...registration, arrivalOn: '2023-02-29' }, {}],
      ['a date not written YYYY-MM-DD', 'RegisterResidence', { ...registration, arrivalOn: '31/08/2023' }, {}],
      ['a 身份证号 with a wrong check digit', 'RegisterWorker', { ...worker, idNumber: '110105194912310021' }, {}],
      ['a 身份证号 with an impossible birth date', 'RegisterWorker', { ...worker, idNumber: '110105194902300021' }, {}],
      [
        'negative fen',
        'RecordContributions',
        { scheme: 'employee-pension', region: '510400', months: ['2024-01'], baseFen: -1 },
        {},
      ],
      [
        'fractional fen',
        'RecordContributions',
        { scheme: 'employee-pension', region: '510400', months: ['2024-01'], baseFen: 100.5 },
        {},
      ],
      [
        'a month that is not YYYY-MM',
        'RecordContributions',
        { scheme: 'employee-pension', region: '510400', months: ['2024-13'], baseFen: 100 },
        {},
      ],
      ['a value outside the domain’s union', 'ApplyForPermit', { ground: 'rich-uncle' }, {}],
      [
        'a field of another union branch',
        'EnrolWorker',
        { basis: 'flexible', schemes: ['employee-pension'], employerId: 'e-1' },
        {},
      ],
      [
        'an attested venture that is not the venture applied for',
        'GrantStartupSubsidy',
        { ...(commandRoute('GrantStartupSubsidy').example as object), ventureId: 'V-other' },
        {},
      ],
      [
        'a body workerId that differs from the path',
        'RegisterResidence',
        { ...registration, workerId: 'w-someone-else' },
        {},
      ],
      [
        'a text over its maximum length',
        'RegisterResidence',
        { ...registration, address: { line: 'x'.repeat(201) } },
        {},
      ],
      ['a missing Idempotency-Key', 'RegisterResidence', registration, { key: null }],
      ['a malformed If-Match', 'RegisterResidence', registration, { ifMatch: '3' }],
      ['an If-Match list', 'RegisterResidence', registration, { ifMatch: '"1", "2"' }],
      ['malformed JSON', 'RegisterResidence', undefined, { raw: '{"arrivalOn": ' }],
    ];

    it.each(cases)('refuses %s', async (_what, type, body, options) => {
      const workerId = newId('w');
      const before = await committedHead(store.pool);
      const answer = await post(pathOf(type, workerId), body, options);
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body).toMatchObject({
        status: 400,
        type: expect.stringContaining('/problems/'),
        detail: expect.any(String),
      });
      expect(await committedHead(store.pool)).toBe(before);
      expect(await store.readStream(`${commandRoute(type).category}-${workerId}`)).toEqual([]);
    });

    it('refuses a path id that cannot name a stream', async () => {
      const before = await committedHead(store.pool);
      const answer = await post('/v1/workers/%20bad%20id/residence-permit/registrations', registration);
      expect(answer.status).toBe(400);
      expect(await committedHead(store.pool)).toBe(before);
    });

    it('answers 403 problem+json to a department outside the command’s scope, and appends nothing', async () => {
      const before = await committedHead(store.pool);
      const answer = await post(
        pathOf('IssuePermit', newId('w')),
        { permitNumber: 'P-1', issuingOfficeCode: '510402' },
        { token: tokens.education },
      );
      expect(answer.status).toBe(403);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(await committedHead(store.pool)).toBe(before);
    });

    it('answers 401 problem+json without a credential, and appends nothing', async () => {
      const before = await committedHead(store.pool);
      const answer = await post(pathOf('RegisterResidence', newId('w')), registration, { token: null });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(await committedHead(store.pool)).toBe(before);
    });
  });

  describe('retries and concurrency', () => {
    it('answers the same Idempotency-Key twice with the first answer and appends nothing more', async () => {
      const workerId = newId('w');
      today = '2024-03-01';
      const body = { address: { line: '东区' }, arrivalOn: '2023-08-31', workerId };
      const key = randomUUID();
      const first = await post(pathOf('RegisterResidence', workerId), body, { key });
      expect(first.status).toBe(201);
      expect(first.headers.get('location')).toBe(`/v1/streams/residence-permit-${workerId}/events?fromRevision=0`);
      expect(first.body).toMatchObject({
        streamName: `residence-permit-${workerId}`,
        revision: 0,
        events: [{ type: 'ResidenceRegistered' }],
      });
      const before = await committedHead(store.pool);
      // The same credential: the IdempotencyInterceptor replays the stored first answer.
      const again = await post(pathOf('RegisterResidence', workerId), body, { key });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.headers.get('etag')).toBe('"0"');
      // Another desk's key is its own (issue 16, test/api/idempotency-scope.spec.ts): the same key
      // and body from it is a second command, which the stream refuses (registered already).
      const otherDesk = await post(pathOf('RegisterResidence', workerId), body, {
        key,
        token: spare['residence-office'],
      });
      expect(otherDesk.status).toBe(409);
      expect(await committedHead(store.pool)).toBe(before);
      expect(await store.readStream(`residence-permit-${workerId}`)).toHaveLength(1);
    });

    it('accepts a current If-Match (also weak) and answers a stale one 412, appending nothing', async () => {
      const workerId = newId('w');
      today = '2024-03-01';
      await send('RegisterResidence', workerId, { address: { line: '东区' }, arrivalOn: '2023-08-31' });
      const applied = await post(pathOf('ApplyForPermit', workerId), { ground: 'stable-job' }, { ifMatch: 'W/"0"' });
      expect(applied.status).toBe(201);
      expect(applied.headers.get('etag')).toBe('"1"');
      const before = await committedHead(store.pool);
      const stale = await post(
        pathOf('IssuePermit', workerId),
        { permitNumber: 'P-1', issuingOfficeCode: '510402' },
        { ifMatch: '"0"' },
      );
      expect(stale.status).toBe(412);
      expect(stale.headers.get('content-type')).toContain('application/problem+json');
      expect(stale.body).toMatchObject({
        type: expect.stringContaining('/problems/precondition-failed'),
        expected: 0,
        actual: 1,
      });
      expect(await committedHead(store.pool)).toBe(before);
      const current = await post(
        pathOf('IssuePermit', workerId),
        { permitNumber: 'P-1', issuingOfficeCode: '510402' },
        { ifMatch: '"1"' },
      );
      expect(current.status).toBe(201);
    });

    it('replays a retry with its original If-Match after the stream moved on, rather than 412', async () => {
      const workerId = newId('w');
      today = '2024-03-01';
      await send('RegisterResidence', workerId, { address: { line: '东区' }, arrivalOn: '2023-08-31' });
      const key = randomUUID();
      const first = await post(pathOf('ApplyForPermit', workerId), { ground: 'stable-job' }, { key, ifMatch: '"0"' });
      expect(first.status).toBe(201);
      await send('ChangeAddress', workerId, { address: { line: '仁和区' }, movedOn: '2024-03-01' });
      // The stored answer is gone (retention), so the retry reaches the executor and its event ids.
      await store.pool.query('DELETE FROM api.idempotency_keys WHERE key = $1', [key]);
      const retry = await post(pathOf('ApplyForPermit', workerId), { ground: 'stable-job' }, { key, ifMatch: '"0"' });
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
    });
  });

  it('lists every command route in the OpenAPI document, tagged by owner, with its error answers', async () => {
    interface Operation {
      tags: string[];
      responses: Record<string, unknown>;
      requestBody: { content: Record<string, { examples: Record<string, { value: unknown }> }> };
    }
    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, { post?: Operation }> };
    for (const route of COMMAND_ROUTES) {
      const operation = doc.paths[route.path]?.post;
      if (!operation) throw new Error(`no POST ${route.path} in the OpenAPI document`);
      expect(operation.tags).toContain(route.owner);
      expect(Object.keys(operation.responses).sort()).toEqual(
        expect.arrayContaining(['200', '201', '400', '401', '403', '409', '412', '422']),
      );
      expect(operation.requestBody.content['application/json']?.examples[route.type]?.value).toEqual(route.example);
    }
  });
});
