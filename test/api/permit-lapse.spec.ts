import { loadPack, PolicyView } from '@ledger/policy';
import { permitLapseProcessManager } from '@ledger/process-managers';
import { runToIdle } from '../../libs/process-managers/spec-support';
import { startApiHarness, type ApiHarness } from '../support/api-harness';

// Issue 9 item 2, where people meet it: national-663 第十条 逾期未办理签注手续的，居住证使用功能中止.
// A permit overdue for its yearly 签注 is suspended from its first overdue day, by itself: a
// service decided that day already sees it, before anyone records the lapse; the projector's
// daily tick records it (PermitSuspended, dated from the overdue day) exactly once; a lapse
// recorded by hand before it is due is refused with the clause.
describe('a permit lapses by itself (national-663 第十条)', () => {
  let h: ApiHarness;
  let today = '2024-03-01';
  const panzhihua = new PolicyView(loadPack('panzhihua'));

  beforeAll(async () => {
    h = await startApiHarness('lapse', {
      today: () => today,
      env: { LEDGER_RATE_LIMIT_PER_SECOND: '100000', LEDGER_RATE_LIMIT_BURST: '100000' },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  const office = () => h.token('residence-office');
  const police = () => h.token('public-security');
  const housing = () => h.token('housing');

  /** Arrived 2021-03-01, permit issued 2024-03-01: the first 签注 falls due on 2025-03-01. */
  async function workerWithPermit(workerId: string) {
    today = '2024-03-01';
    const registered = await h.post(`/v1/workers/${workerId}/residence-permit/registrations`, { address: { line: '攀枝花市东区炳草岗大街1号', districtCode: '510402' }, arrivalOn: '2021-03-01' }, { token: office() });
    expect(registered.status).toBe(201);
    expect((await h.post(`/v1/workers/${workerId}/residence-permit/applications`, { ground: 'stable-job' }, { token: office() })).status).toBe(201);
    const issued = await h.post(`/v1/workers/${workerId}/residence-permit/issuances`, { permitNumber: `510402${workerId.replace(/\D/g, '').padStart(12, '0')}`, issuingOfficeCode: '510402' }, { token: police() });
    expect(issued.status).toBe(201);
    const [, , permit] = await h.store.readStream(`residence-permit-${workerId}`);
    return (permit!.data as { nextEndorsement: { dueOn: string; overdueFrom: string } }).nextEndorsement;
  }

  const lapsePath = (workerId: string) => `/v1/workers/${workerId}/residence-permit/lapses`;
  const attested = { employed: true, workSpells: [{ from: '2021-03-01' }], contributionsSince: '2021-03-01' };
  const pm = () => permitLapseProcessManager({ store: h.store, policy: panzhihua, today: () => today });
  const types = async (workerId: string) => (await h.store.readStream(`residence-permit-${workerId}`)).map((e) => e.type);

  async function decideRental(workerId: string, on: string) {
    today = on;
    const submitted = await h.post(`/v1/workers/${workerId}/housing/rental-applications`, { applicationId: `H-${workerId}`, submittedOn: on, householdSize: 3, attested }, { token: housing() });
    expect(submitted.status).toBe(201);
    return h.post(`/v1/workers/${workerId}/housing/rental-eligibility-decisions`, { applicationId: `H-${workerId}`, attested }, { token: housing() });
  }

  it('schedules the first 签注 for 2025-03-01: use is suspended from that day (no grace in panzhihua)', async () => {
    expect(await workerWithPermit('w-lapse-0')).toEqual({ year: 1, anchor: '2024-03-01', windowOpensOn: '2025-02-01', dueOn: '2025-03-01', overdueFrom: '2025-03-01' });
  });

  it('refuses a lapse recorded by hand the day before it is due, with the clause and the day it would be recorded', async () => {
    await workerWithPermit('w-lapse-1');
    today = '2025-02-28';
    const early = await h.post(lapsePath('w-lapse-1'), {}, { token: police() });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({
      ruleId: 'permit.lapse',
      source: 'national-663 第十条',
      quote: '逾期未办理签注手续的，居住证使用功能中止',
      eligibleFrom: '2025-03-01',
      detail: '不予记录签注逾期：第1年签注可办理至2025-02-28（`permit.lapse`，national-663 第十条）',
    });
    expect(await types('w-lapse-1')).toEqual(['ResidenceRegistered', 'PermitApplied', 'PermitIssued']);
    today = '2025-03-01';
    const due = await h.post(lapsePath('w-lapse-1'), {}, { token: police() });
    expect(due.status).toBe(201);
    expect(due.body.events.map((e: { type: string }) => e.type)).toEqual(['PermitSuspended']);
  });

  it('a service decided on the last valid day sees a valid permit; on the first overdue day, before any lapse is recorded, a suspended one', async () => {
    await workerWithPermit('w-lapse-2');
    await workerWithPermit('w-lapse-3');
    const lastValid = await decideRental('w-lapse-2', '2025-02-28');
    expect(lastValid.status).toBe(201);
    const overdue = await decideRental('w-lapse-3', '2025-03-01');
    expect(overdue.status).toBe(422);
    expect(overdue.body).toMatchObject({ code: 'PERMIT_SUSPENDED', ruleId: 'housing.rental.stable-employment', computed: { permitStatus: 'suspended' } });
    // Nothing was recorded on the permit: the decision read the permit's own dates.
    expect(await types('w-lapse-3')).toEqual(['ResidenceRegistered', 'PermitApplied', 'PermitIssued']);
  });

  it('the daily tick records the lapse on the first overdue day, dated from it, once: a second tick and a replay append nothing', async () => {
    await workerWithPermit('w-lapse-4');
    await runToIdle(h.store, h.store.pool, pm());
    const before = (await pm().tick!(h.store.pool, '2025-02-28')).filter((o) => o.targetStream === 'residence-permit-w-lapse-4');
    expect(before).toEqual([]);
    expect(await types('w-lapse-4')).toEqual(['ResidenceRegistered', 'PermitApplied', 'PermitIssued']);

    const ran = (await pm().tick!(h.store.pool, '2025-03-03')).filter((o) => o.targetStream === 'residence-permit-w-lapse-4');
    expect(ran.map((o) => `${o.commandType} ${o.outcome}`)).toEqual(['RecordEndorsementLapse appended']);
    const [suspended] = (await h.store.readStream('residence-permit-w-lapse-4')).slice(3);
    expect(suspended).toMatchObject({
      type: 'PermitSuspended',
      data: { workerId: 'w-lapse-4', suspendedOn: '2025-03-01', missedDueOn: '2025-03-01', decision: { decidedOn: '2025-03-03' } },
      metadata: { effectiveOn: '2025-03-01', actor: { department: 'projector', principal: 'process-manager:permit-lapse' } },
    });

    await runToIdle(h.store, h.store.pool, pm());
    expect((await pm().tick!(h.store.pool, '2025-03-04')).filter((o) => o.targetStream === 'residence-permit-w-lapse-4')).toEqual([]);
    // A rebuilt process manager (fresh schema, history from position 0) ticks again: nothing new.
    await runToIdle(h.store, h.store.pool, pm(), 'pm_permit_lapse_replay');
    await pm().tick!(h.store.pool, '2025-03-05', 'pm_permit_lapse_replay');
    expect(await types('w-lapse-4')).toEqual(['ResidenceRegistered', 'PermitApplied', 'PermitIssued', 'PermitSuspended']);
  });

  it('a late 签注 the tick has not seen yet: the lapse is refused as not due, and the tick waits for the new due day', async () => {
    await workerWithPermit('w-lapse-5');
    await runToIdle(h.store, h.store.pool, pm());
    today = '2025-03-10';
    const late = await h.post(`/v1/workers/w-lapse-5/residence-permit/endorsements`, {}, { token: office() });
    expect(late.status).toBe(201);
    expect(late.body.events.map((e: { type: string }) => e.type)).toEqual(['PermitSuspended', 'PermitRestored']);
    // The tick reads its table before the process manager has seen the restoration.
    const ran = (await pm().tick!(h.store.pool, '2025-03-10')).filter((o) => o.targetStream === 'residence-permit-w-lapse-5');
    expect(ran.map((o) => `${o.outcome} ${o.detail?.eligibleFrom}`)).toEqual(['refused 2026-03-10']);
    const { rows } = await h.store.pool.query(`SELECT overdue_from::text FROM pm_permit_lapse.due WHERE worker_id = 'w-lapse-5'`);
    expect(rows).toEqual([{ overdue_from: '2026-03-10' }]);
    expect(await types('w-lapse-5')).toEqual(['ResidenceRegistered', 'PermitApplied', 'PermitIssued', 'PermitSuspended', 'PermitRestored']);
  });
});
