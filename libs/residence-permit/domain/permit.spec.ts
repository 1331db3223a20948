import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spec } from '@ledger/kernel/specification';
import { BUILT_IN_PACKS_DIR, loadPack, PolicyView } from '@ledger/policy';
import type { PermitCommand } from './commands';
import { permitDecider } from './decide';
import type { PermitEvent, PermitSuspended } from './events';
import { historyOf, issuedPermit, stateOf } from './fixtures';
import { decidePermitServices } from './services';

const national = new PolicyView(loadPack('national-663'));
const panzhihua = new PolicyView(loadPack('panzhihua'));
const shaoxing = new PolicyView(loadPack('shaoxing'));
const fangshan = new PolicyView(loadPack('fangshan'));
const W = 'w1';

const register = (arrivalOn: string): PermitCommand => ({
  type: 'RegisterResidence',
  data: { workerId: W, arrivalOn, address: { line: '仁和区1号' } },
});
const apply: PermitCommand = { type: 'ApplyForPermit', data: { workerId: W, ground: 'stable-home' } };
const endorse: PermitCommand = { type: 'EndorsePermit', data: { workerId: W } };
const recordLapse: PermitCommand = { type: 'RecordEndorsementLapse', data: { workerId: W } };

/** A city that softens 第十条 with 15 days' grace, as its own pack may (not one of the seeds). */
function graceCity(): PolicyView {
  const dir = mkdtempSync(join(tmpdir(), 'grace-city-'));
  mkdirSync(join(dir, 'grace-city'));
  writeFileSync(
    join(dir, 'grace-city', 'pack.yaml'),
    "id: grace-city\nversion: '1.0.0'\njurisdiction: 示例市\nname: 示例市\nextends: national-663\neffectiveFrom: '2016-01-01'\n",
  );
  writeFileSync(
    join(dir, 'grace-city', 'permit.yaml'),
    [
      'rules:',
      '  - id: permit.restore',
      '    source: grace-city 第七条',
      '    sourceType: city',
      '    quote: 自补办签注手续之日起连续计算',
      '    status: in-force',
      '    versions:',
      "      - effectiveFrom: '2016-01-01'",
      '        params: { graceDays: 15 }',
    ].join('\n'),
  );
  return new PolicyView(loadPack('grace-city', { dirs: [dir, BUILT_IN_PACKS_DIR] }));
}

describe('residence-permit stream', () => {
  describe('permit.apply.conditions [national-663]: 居住半年以上 and one of job, home, study', () => {
    const registered = historyOf(national, [['2023-09-05', register('2023-08-31')]]);

    it('accepts the application on 2024-02-29, exactly 6 months after arriving on 2023-08-31 (leap month-end)', () => {
      spec(permitDecider)
        .given(registered)
        .when(apply, { today: '2024-02-29', policy: national })
        .then([
          {
            type: 'PermitApplied',
            data: expect.objectContaining({
              appliedOn: '2024-02-29',
              residenceSince: '2023-08-31',
              decision: expect.objectContaining({
                packId: 'national-663',
                rules: [expect.objectContaining({ ruleId: 'permit.apply.conditions', source: 'national-663 第二条' })],
                inputs: expect.objectContaining({ elapsed: { months: 6, days: 0 } }),
                provisional: false,
              }),
            }),
          },
        ]);
    });

    it('refuses the application on 2024-02-28, one day short (5个月28天), eligible from 2024-02-29', () => {
      const refusal = spec(permitDecider)
        .given(registered)
        .when(apply, { today: '2024-02-28', policy: national })
        .thenRefuses({ ruleId: 'permit.apply.conditions', code: 'RESIDENCE_TOO_SHORT', eligibleFrom: '2024-02-29' });
      expect(refusal.detail).toBe(
        '不予受理居住证申领：居住5个月28天，不满6个月（`permit.apply.conditions`，national-663 第二条）',
      );
    });

    it('refuses an application on 2024-03-01 without a 居住登记, saying to register first', () => {
      spec(permitDecider)
        .given([])
        .when(apply, { today: '2024-03-01', policy: national })
        .thenRefuses({
          ruleId: 'permit.apply.conditions',
          code: 'NOT_REGISTERED',
          wouldChange: '先在居住地申报居住登记',
        });
    });

    it('refuses a ground outside 第二条 on 2024-03-01', () => {
      spec(permitDecider)
        .given(registered)
        .when(
          { type: 'ApplyForPermit', data: { workerId: W, ground: 'relatives' as never } },
          { today: '2024-03-01', policy: national },
        )
        .thenRefuses({ ruleId: 'permit.apply.conditions', code: 'NO_QUALIFYING_GROUND' });
    });

    it('refuses a second application on 2024-03-02 while the first is pending', () => {
      const applied = historyOf(national, [['2024-03-01', apply]], registered);
      spec(permitDecider)
        .given(applied)
        .when(apply, { today: '2024-03-02', policy: national })
        .thenRefuses({ ruleId: 'permit.apply.conditions', code: 'ALREADY_APPLIED' });
    });

    it('re-decides a refusal of 2024-02-20 once a backdated arrival (2023-08-15) is recorded the same day', () => {
      spec(permitDecider)
        .given(registered)
        .when(apply, { today: '2024-02-20', policy: national })
        .thenRefuses({ code: 'RESIDENCE_TOO_SHORT', eligibleFrom: '2024-02-29' });
      const corrected = historyOf(
        national,
        [
          [
            '2024-02-20',
            {
              type: 'CorrectArrivalDate',
              data: { workerId: W, arrivalOn: '2023-08-15', evidenceRef: 'lease-2023-08' },
            },
          ],
        ],
        registered,
      );
      expect(corrected.at(-1)).toMatchObject({ type: 'ArrivalDateCorrected', effectiveOn: '2023-08-15' });
      spec(permitDecider)
        .given(corrected)
        .when(apply, { today: '2024-02-20', policy: national })
        .then([{ type: 'PermitApplied', data: expect.objectContaining({ residenceSince: '2023-08-15' }) }]);
    });

    it('refuses to register an arrival dated after today (2024-03-02 recorded on 2024-03-01)', () => {
      spec(permitDecider)
        .given([])
        .when(register('2024-03-02'), { today: '2024-03-01', policy: national })
        .thenThrows(/after today/);
    });

    it('refuses to issue a permit on 2024-03-01 that nobody applied for', () => {
      spec(permitDecider)
        .given(registered)
        .when(
          { type: 'IssuePermit', data: { workerId: W, permitNumber: '510402001', issuingOfficeCode: '510402' } },
          { today: '2024-03-01', policy: national },
        )
        .thenRefuses({ ruleId: 'permit.apply.conditions', code: 'NO_APPLICATION' });
    });
  });

  describe('permit.endorse.yearly [national-663]: 签注 within the month before each full year', () => {
    // Issued 2024-03-15: the first year completes 2025-03-15; the window opens 2025-02-15.
    const issued = issuedPermit(national, W, '2023-06-01', '2024-03-01', '2024-03-15');

    it('issues on 2024-03-15 with the first 签注 due 2025-03-15, window from 2025-02-15', () => {
      expect(stateOf(issued)).toMatchObject({
        status: 'active',
        issuedOn: '2024-03-15',
        continuousResidenceSince: '2023-06-01',
        nextEndorsement: { year: 1, windowOpensOn: '2025-02-15', dueOn: '2025-03-15', overdueFrom: '2025-03-15' },
        validUntil: '2025-03-14',
      });
    });

    it('refuses the endorsement on 2025-02-14, the day before the window opens, eligible from 2025-02-15', () => {
      spec(permitDecider)
        .given(issued)
        .when(endorse, { today: '2025-02-14', policy: national })
        .thenRefuses({ ruleId: 'permit.endorse.yearly', code: 'ENDORSEMENT_NOT_YET_OPEN', eligibleFrom: '2025-02-15' });
    });

    it('endorses on 2025-02-15, the window’s first day, and schedules the next for 2026-03-15', () => {
      spec(permitDecider)
        .given(issued)
        .when(endorse, { today: '2025-02-15', policy: national })
        .then([
          {
            type: 'PermitEndorsed',
            data: expect.objectContaining({
              endorsedYear: 1,
              nextEndorsement: {
                anchor: '2024-03-15',
                year: 2,
                windowOpensOn: '2026-02-15',
                dueOn: '2026-03-15',
                overdueFrom: '2026-03-15',
              },
            }),
          },
        ]);
    });

    it('endorses on 2025-03-14, the last day before the year completes, without restarting residence', () => {
      const events = historyOf(national, [['2025-03-14', endorse]], issued);
      expect(stateOf(events)).toMatchObject({
        status: 'active',
        continuousResidenceSince: '2023-06-01',
        validUntil: '2026-03-14',
      });
    });

    it('counts anniversaries of a 2024-02-29 issue from the anchor: due 2025-02-28, then 2028-02-29 in the next leap year', () => {
      const leap = issuedPermit(national, W, '2023-06-01', '2024-02-20', '2024-02-29');
      expect(stateOf(leap).nextEndorsement).toMatchObject({ dueOn: '2025-02-28', windowOpensOn: '2025-01-28' });
      const later = historyOf(
        national,
        [
          ['2025-02-27', endorse],
          ['2026-02-27', endorse],
          ['2027-02-27', endorse],
        ],
        leap,
      );
      expect(stateOf(later).nextEndorsement).toMatchObject({
        year: 4,
        dueOn: '2028-02-29',
        windowOpensOn: '2028-01-29',
      });
    });

    it('refuses to endorse on 2024-03-10 a permit only applied for', () => {
      const applied = historyOf(national, [
        ['2023-06-01', register('2023-06-01')],
        ['2024-03-01', apply],
      ]);
      spec(permitDecider)
        .given(applied)
        .when(endorse, { today: '2024-03-10', policy: national })
        .thenRefuses({ ruleId: 'permit.endorse.yearly', code: 'NO_ACTIVE_PERMIT' });
    });

    it('refuses to endorse on 2025-03-01 a permit revoked on 2024-12-01', () => {
      const revoked = historyOf(
        national,
        [['2024-12-01', { type: 'RevokePermit', data: { workerId: W, reason: 'moved-away' } }]],
        issued,
      );
      expect(stateOf(revoked)).toMatchObject({ status: 'revoked', continuousResidenceSince: undefined });
      spec(permitDecider)
        .given(revoked)
        .when(endorse, { today: '2025-03-01', policy: national })
        .thenRefuses({ ruleId: 'permit.endorse.yearly', code: 'PERMIT_REVOKED' });
    });
  });

  describe('permit.lapse [national-663]: an overdue 签注 suspends the permit’s use', () => {
    const issued = issuedPermit(national, W, '2023-06-01', '2024-03-01', '2024-03-15');

    it('refuses to record the lapse on 2025-03-14, the day before the endorsement fell due, eligible from 2025-03-15', () => {
      spec(permitDecider)
        .given(issued)
        .when(recordLapse, { today: '2025-03-14', policy: national })
        .thenRefuses({ ruleId: 'permit.lapse', code: 'ENDORSEMENT_NOT_OVERDUE', eligibleFrom: '2025-03-15' });
    });

    it('records the lapse on 2025-03-20 as of 2025-03-15, the day the endorsement fell due', () => {
      const [suspended] = spec(permitDecider)
        .given(issued)
        .when(recordLapse, { today: '2025-03-20', policy: national })
        .then([
          {
            type: 'PermitSuspended',
            effectiveOn: '2025-03-15',
            data: expect.objectContaining({
              suspendedOn: '2025-03-15',
              missedDueOn: '2025-03-15',
              decision: expect.objectContaining({
                rules: expect.arrayContaining([expect.objectContaining({ ruleId: 'permit.lapse' })]),
              }),
            }),
          },
        ]) as PermitSuspended[];
      expect(stateOf([...issued, suspended!])).toMatchObject({ status: 'suspended', suspendedOn: '2025-03-15' });
    });

    it('refuses to record the same lapse twice (2025-03-21)', () => {
      const lapsed = historyOf(national, [['2025-03-20', recordLapse]], issued);
      spec(permitDecider)
        .given(lapsed)
        .when(recordLapse, { today: '2025-03-21', policy: national })
        .thenRefuses({ ruleId: 'permit.lapse', code: 'ALREADY_SUSPENDED' });
    });

    it('suspends a permit mid-way through a residence period: its services stop on 2025-03-15 even before the lapse is recorded', () => {
      const state = stateOf(issued);
      expect(decidePermitServices(state, panzhihua, '2025-03-14')).toMatchObject({ basis: 'hukou-equal' });
      expect(decidePermitServices(state, panzhihua, '2025-03-15')).toMatchObject({
        ruleId: 'permit.lapse',
        code: 'PERMIT_SUSPENDED',
      });
    });
  });

  describe('permit.restore [national-663]: a late 签注 restores use and restarts the residence clock', () => {
    const issued = issuedPermit(national, W, '2023-06-01', '2024-03-01', '2024-03-15');
    const lapsed = historyOf(national, [['2025-03-20', recordLapse]], issued);

    it('restores on 2025-06-10 and counts continuous residence from 2025-06-10, next 签注 due 2026-06-10', () => {
      const [restored] = spec(permitDecider)
        .given(lapsed)
        .when(endorse, { today: '2025-06-10', policy: national })
        .then([
          {
            type: 'PermitRestored',
            data: expect.objectContaining({
              endorsedOn: '2025-06-10',
              suspendedOn: '2025-03-15',
              continuousResidenceSince: '2025-06-10',
              decision: expect.objectContaining({
                rules: expect.arrayContaining([
                  expect.objectContaining({ ruleId: 'permit.restore', source: 'national-663 第十条' }),
                ]),
                inputs: expect.objectContaining({ previousResidenceSince: '2023-06-01' }),
              }),
            }),
          },
        ]) as PermitEvent[];
      expect(stateOf([...lapsed, restored!])).toMatchObject({
        status: 'active',
        continuousResidenceSince: '2025-06-10',
        nextEndorsement: { anchor: '2025-06-10', year: 1, windowOpensOn: '2026-05-10', dueOn: '2026-06-10' },
      });
    });

    it('endorsing on 2025-03-15 with the lapse unrecorded records the suspension as of that day, then the restoration', () => {
      spec(permitDecider)
        .given(issued)
        .when(endorse, { today: '2025-03-15', policy: national })
        .then([
          { type: 'PermitSuspended', effectiveOn: '2025-03-15' },
          { type: 'PermitRestored', data: expect.objectContaining({ continuousResidenceSince: '2025-03-15' }) },
        ]);
    });
  });

  describe('permit.restore [grace-city]: a city pack overriding graceDays (15) with its own clause', () => {
    const grace = graceCity();
    const issued = issuedPermit(grace, W, '2023-06-01', '2024-03-01', '2024-03-15');

    it('overrides only graceDays; the other national rules are inherited', () => {
      expect(grace.find('permit.restore', '2025-01-01')).toMatchObject({
        source: 'grace-city 第七条',
        params: { graceDays: 15 },
      });
      expect(grace.find('permit.apply.conditions', '2025-01-01')).toMatchObject({ source: 'national-663 第二条' });
      expect(stateOf(issued)).toMatchObject({
        nextEndorsement: { dueOn: '2025-03-15', overdueFrom: '2025-03-30' },
        validUntil: '2025-03-29',
      });
    });

    it('endorses on time on 2025-03-29, within the grace, citing the grace rule and keeping the residence clock', () => {
      const events = spec(permitDecider)
        .given(issued)
        .when(endorse, { today: '2025-03-29', policy: grace })
        .then([
          {
            type: 'PermitEndorsed',
            data: expect.objectContaining({
              decision: expect.objectContaining({
                rules: expect.arrayContaining([
                  expect.objectContaining({ ruleId: 'permit.restore', source: 'grace-city 第七条' }),
                ]),
              }),
            }),
          },
        ]) as PermitEvent[];
      expect(stateOf([...issued, ...events]).continuousResidenceSince).toBe('2023-06-01');
    });

    it('refuses to record the lapse on 2025-03-29 and records it on 2025-03-30, as of 2025-03-30', () => {
      spec(permitDecider)
        .given(issued)
        .when(recordLapse, { today: '2025-03-29', policy: grace })
        .thenRefuses({ ruleId: 'permit.lapse', eligibleFrom: '2025-03-30' });
      spec(permitDecider)
        .given(issued)
        .when(recordLapse, { today: '2025-03-30', policy: grace })
        .then([{ type: 'PermitSuspended', effectiveOn: '2025-03-30' }]);
    });

    it('restores a 签注 made on 2025-03-30, the first day after the grace, from that day', () => {
      spec(permitDecider)
        .given(issued)
        .when(endorse, { today: '2025-03-30', policy: grace })
        .then([
          { type: 'PermitSuspended' },
          { type: 'PermitRestored', data: expect.objectContaining({ continuousResidenceSince: '2025-03-30' }) },
        ]);
    });
  });

  describe('permit.equal-services [panzhihua]: a holder gets hukou-equal services', () => {
    const issued = issuedPermit(panzhihua, W, '2023-06-01', '2024-03-01', '2024-03-15');

    it('records on issue (2024-03-15) that the permit carries hukou-equal services', () => {
      const issuedEvent = issued.find((e) => e.type === 'PermitIssued');
      expect(issuedEvent?.data).toMatchObject({
        decision: {
          packId: 'panzhihua',
          rules: expect.arrayContaining([
            expect.objectContaining({ ruleId: 'permit.equal-services', source: 'panzhihua-2016-10 §(十二)' }),
          ]),
        },
      });
    });

    it('gives hukou-equal services on 2024-06-01 to an active holder', () => {
      expect(decidePermitServices(stateOf(issued), panzhihua, '2024-06-01')).toMatchObject({
        basis: 'hukou-equal',
        holderSince: '2024-03-15',
        rule: { ruleId: 'permit.equal-services' },
      });
    });

    it('refuses them on 2024-03-10 to an applicant not yet issued a permit', () => {
      const applied = issued.filter((e) => e.type !== 'PermitIssued');
      expect(decidePermitServices(stateOf(applied), panzhihua, '2024-03-10')).toMatchObject({
        ruleId: 'permit.equal-services',
        code: 'NO_ACTIVE_PERMIT',
        packId: 'panzhihua',
      });
    });

    it('refuses them on 2025-04-01 while the permit is suspended, saying a late 签注 restores them', () => {
      const lapsed = historyOf(panzhihua, [['2025-03-20', recordLapse]], issued);
      const refusal = decidePermitServices(stateOf(lapsed), panzhihua, '2025-04-01');
      expect(refusal).toMatchObject({
        ruleId: 'permit.lapse',
        code: 'PERMIT_SUSPENDED',
        wouldChange: expect.stringContaining('补办签注'),
      });
    });
  });

  describe('permit.tier-basis [shaoxing]: services are tiered on the permit', () => {
    const issued = issuedPermit(shaoxing, W, '2023-06-01', '2024-03-01', '2024-03-15');

    it('gives the tiered basis on 2024-06-01 to an active holder, citing shaoxing-2016-11 §(四)', () => {
      expect(decidePermitServices(stateOf(issued), shaoxing, '2024-06-01')).toMatchObject({
        basis: 'tiered',
        rule: { ruleId: 'permit.tier-basis', source: 'shaoxing-2016-11 §(四)' },
      });
    });

    it('has no permit-keyed services in fangshan, whose seed states none (2024-06-01)', () => {
      const state = stateOf(issuedPermit(fangshan, W, '2023-06-01', '2024-03-01', '2024-03-15'));
      expect(decidePermitServices(state, fangshan, '2024-06-01')).toMatchObject({
        code: 'NOT_PROVIDED_BY_PACK',
        packId: 'fangshan',
      });
    });
  });

  describe('AddressChanged', () => {
    const registered = historyOf(national, [['2023-06-01', register('2023-06-01')]]);

    it('keeps the later move current when an earlier one is recorded afterwards, backdated to 2024-03-01', () => {
      const events = historyOf(
        national,
        [
          [
            '2024-05-02',
            { type: 'ChangeAddress', data: { workerId: W, movedOn: '2024-05-01', address: { line: '新址' } } },
          ],
          [
            '2024-05-10',
            { type: 'ChangeAddress', data: { workerId: W, movedOn: '2024-03-01', address: { line: '中间地址' } } },
          ],
        ],
        registered,
      );
      expect(events.at(-1)).toMatchObject({ type: 'AddressChanged', effectiveOn: '2024-03-01' });
      const state = stateOf(events);
      expect(state.address).toEqual({ line: '新址' });
      expect(state.addresses.map((a) => a.since)).toEqual(['2023-06-01', '2024-03-01', '2024-05-01']);
    });

    it('rejects a move dated before the arrival (2023-05-01)', () => {
      spec(permitDecider)
        .given(registered)
        .when(
          { type: 'ChangeAddress', data: { workerId: W, movedOn: '2023-05-01', address: { line: 'x' } } },
          { today: '2024-01-01', policy: national },
        )
        .thenThrows(/before the arrival/);
    });
  });
});
