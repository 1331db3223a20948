import { expectDecidedBy, expectRefusedBy, fresh, startPackApi, type PackApi } from '../support/pack-api';

/**
 * Every rule of the national-663 pack (居住证暂行条例) over HTTP, deployed as it stands, on its
 * boundary day and one day either side. The packs that extend it inherit these rules unchanged.
 */
describe('national-663 rules over HTTP [national-663]', () => {
  let api: PackApi;
  beforeAll(async () => {
    api = await startPackApi('national-663', '2025-03-10');
  });
  afterAll(() => api?.close());

  const SOURCE = 'national-663 第十条';

  /** A worker resident since `arrivalOn` who applied for the permit on `on`. */
  async function applied(arrivalOn: string, on: string) {
    const workerId = fresh('w');
    await api.step('RegisterResidence', workerId, { address: { line: '某市某区某路1号' }, arrivalOn }, arrivalOn);
    return { workerId, answer: await api.send('ApplyForPermit', workerId, { ground: 'stable-job' }, on) };
  }

  /** A worker whose permit was issued on 2025-03-10: the first 签注 is due 2026-03-10, its window opens 2026-02-10. */
  async function holder(): Promise<string> {
    const { workerId, answer } = await applied('2024-06-01', '2025-03-10');
    expectDecidedBy(answer, 'permit.apply.conditions');
    await api.step('IssuePermit', workerId, { permitNumber: `P${workerId.slice(2)}`, issuingOfficeCode: '110105' }, '2025-03-10');
    return workerId;
  }

  it('permit.apply.conditions (national-663 第二条): arrived 2025-06-01, refused on 2025-11-30 with eligibleFrom 2025-12-01, accepted then and after', async () => {
    const refused = (await applied('2025-06-01', '2025-11-30')).answer;
    expectRefusedBy(refused, {
      ruleId: 'permit.apply.conditions',
      source: 'national-663 第二条',
      eligibleFrom: '2025-12-01',
    });
    expect(refused.body.quote).toBe('居住半年以上');
    expectDecidedBy((await applied('2025-06-01', '2025-12-01')).answer, 'permit.apply.conditions');
    expectDecidedBy((await applied('2025-06-01', '2025-12-02')).answer, 'permit.apply.conditions');
  });

  it('permit.endorse.yearly (national-663 第十条): the 签注 window opens on 2026-02-10, a month before the anniversary', async () => {
    const endorse = async (on: string) => api.send('EndorsePermit', await holder(), {}, on);
    expectRefusedBy(await endorse('2026-02-09'), {
      ruleId: 'permit.endorse.yearly',
      source: SOURCE,
      code: 'ENDORSEMENT_NOT_YET_OPEN',
      eligibleFrom: '2026-02-10',
    });
    for (const on of ['2026-02-10', '2026-02-11']) {
      const answer = await endorse(on);
      expectDecidedBy(answer, 'permit.endorse.yearly');
      expect(answer.body.events.map((e: { type: string }) => e.type)).toEqual(['PermitEndorsed']);
    }
  });

  it('permit.lapse (national-663 第十条): a 签注 not made by the anniversary 2026-03-10 suspends the permit from that day', async () => {
    const lapse = async (on: string) => api.send('RecordEndorsementLapse', await holder(), {}, on);
    expectRefusedBy(await lapse('2026-03-09'), {
      ruleId: 'permit.lapse',
      source: SOURCE,
      code: 'ENDORSEMENT_NOT_OVERDUE',
      eligibleFrom: '2026-03-10',
    });
    for (const on of ['2026-03-10', '2026-03-11']) {
      const answer = await lapse(on);
      expectDecidedBy(answer, 'permit.lapse');
      expect(answer.body.events.map((e: { type: string }) => e.type)).toEqual(['PermitSuspended']);
    }
  });

  it('permit.restore (national-663 第十条): a 签注 on the anniversary 2026-03-10 or later is late and restarts residence; the day before it is on time', async () => {
    const endorse = async (on: string) => api.send('EndorsePermit', await holder(), {}, on);
    const onTime = await endorse('2026-03-09');
    expect(onTime.status).toBe(201);
    expect(onTime.body.rules.map((r: { ruleId: string }) => r.ruleId)).toEqual(['permit.endorse.yearly']);
    for (const on of ['2026-03-10', '2026-03-11']) {
      const answer = await endorse(on);
      expectDecidedBy(answer, 'permit.restore');
      expect(answer.body.events.map((e: { type: string }) => e.type)).toEqual(['PermitSuspended', 'PermitRestored']);
    }
  });
});
