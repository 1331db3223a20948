import { spec } from '@ledger/kernel/specification';
import { loadPack, PolicyView } from '@ledger/policy';
import type { OfferSeat } from './commands';
import { schoolingDecider } from './decide';
import type { SchoolingEvent } from './events';
import { applied, ctx, eligible, offered, registered } from './spec-fixtures';

const panzhihua = new PolicyView(loadPack('panzhihua'));
const shaoxing = new PolicyView(loadPack('shaoxing'));
const fangshan = new PolicyView(loadPack('fangshan'));
const fengdu = new PolicyView(loadPack('fengdu'));

const history: SchoolingEvent[] = [registered(), applied('2024-06-01'), eligible()];
const offer = (change: Partial<OfferSeat['data']> = {}): OfferSeat => ({
  type: 'OfferSeat',
  data: {
    applicationId: 'e1',
    schoolId: 's1',
    schoolType: 'public',
    classComposition: 'mixed',
    fees: { schoolChoiceFen: 0, guestStudyFen: 0 },
    publicSeatAvailable: true,
    governmentFunded: true,
    offeredOn: '2024-07-01',
    ...change,
  },
});

describe('school.fees.equal [panzhihua] (panzhihua-2016-10 §(十三))', () => {
  it('offers a public seat without 择校费 or 借读费 on 2024-07-01', () => {
    spec(schoolingDecider)
      .given(history)
      .when(offer(), ctx(panzhihua, '2024-07-01'))
      .then([
        {
          type: 'SeatOffered',
          data: expect.objectContaining({
            schoolId: 's1',
            decision: expect.objectContaining({ rules: [expect.objectContaining({ ruleId: 'school.fees.equal' })] }),
          }),
        },
      ]);
  });

  it('refuses an offer charging 借读费 of 80,000 fen (2024-07-01)', () => {
    const refusal = spec(schoolingDecider)
      .given(history)
      .when(offer({ fees: { schoolChoiceFen: 0, guestStudyFen: 80_000 } }), ctx(panzhihua, '2024-07-01'))
      .thenRefuses({
        ruleId: 'school.fees.equal',
        code: 'FORBIDDEN_FEE',
        required: { schoolChoiceFen: 0, guestStudyFen: 0 },
      });
    expect(refusal.detail).toBe('不予发放学位：收取借读费（`school.fees.equal`，panzhihua-2016-10 §(十三)）');
  });

  it('refuses an offer charging 择校费 (2024-07-01)', () => {
    spec(schoolingDecider)
      .given(history)
      .when(offer({ fees: { schoolChoiceFen: 500_000, guestStudyFen: 0 } }), ctx(panzhihua, '2024-07-01'))
      .thenRefuses({ ruleId: 'school.fees.equal', code: 'FORBIDDEN_FEE' });
  });
});

describe('school.mixed-class [fangshan] (fangshan-2017 §六(一))', () => {
  it('refuses a place in a migrant-only class on 2024-07-01', () => {
    spec(schoolingDecider)
      .given(history)
      .when(offer({ classComposition: 'migrant-only' }), ctx(fangshan, '2024-07-01'))
      .thenRefuses({ ruleId: 'school.mixed-class', code: 'MIGRANT_ONLY_CLASS', source: 'fangshan-2017 §六(一)' });
  });

  it('refuses a migrant-only class in a 民办 school too, the clause being 一视同仁 (2024-07-01)', () => {
    spec(schoolingDecider)
      .given(history)
      .when(
        offer({ classComposition: 'migrant-only', schoolType: 'private-nonprofit', publicSeatAvailable: false }),
        ctx(fangshan, '2024-07-01'),
      )
      .thenRefuses({ ruleId: 'school.mixed-class', code: 'MIGRANT_ONLY_CLASS' });
  });

  it('offers a mixed public class on 2024-07-01, citing mixed classes and public-first', () => {
    spec(schoolingDecider)
      .given(history)
      .when(offer(), ctx(fangshan, '2024-07-01'))
      .then([
        {
          type: 'SeatOffered',
          data: expect.objectContaining({
            decision: expect.objectContaining({
              rules: [
                expect.objectContaining({ ruleId: 'school.mixed-class' }),
                expect.objectContaining({ ruleId: 'school.public-first' }),
              ],
            }),
          }),
        },
      ]);
  });
});

describe('school.mixed-class [shaoxing] (shaoxing-2016-11 §(八), public schools)', () => {
  it('refuses a migrant-only class in a public school on 2024-07-01', () => {
    spec(schoolingDecider)
      .given(history)
      .when(offer({ classComposition: 'migrant-only' }), ctx(shaoxing, '2024-07-01'))
      .thenRefuses({ ruleId: 'school.mixed-class', code: 'MIGRANT_ONLY_CLASS', source: 'shaoxing-2016-11 §(八)' });
  });
});

describe('school.public-first [fangshan] placements', () => {
  it('refuses a 民办 seat while a public seat is available (2024-07-01)', () => {
    spec(schoolingDecider)
      .given(history)
      .when(offer({ schoolType: 'private-nonprofit', publicSeatAvailable: true }), ctx(fangshan, '2024-07-01'))
      .thenRefuses({ ruleId: 'school.public-first', code: 'PUBLIC_SEAT_AVAILABLE' });
  });

  it('offers a 民办 seat once no public seat is left (2024-07-01)', () => {
    spec(schoolingDecider)
      .given(history)
      .when(offer({ schoolType: 'private-nonprofit', publicSeatAvailable: false }), ctx(fangshan, '2024-07-01'))
      .then([{ type: 'SeatOffered', data: expect.objectContaining({ schoolType: 'private-nonprofit' }) }]);
  });
});

describe('school.private-fallback [shaoxing] (shaoxing-2016-11 §(八))', () => {
  it('offers a government-funded 公益性民办 seat when no public seat is available (2024-07-01)', () => {
    spec(schoolingDecider)
      .given(history)
      .when(
        offer({ schoolType: 'private-nonprofit', publicSeatAvailable: false, governmentFunded: true }),
        ctx(shaoxing, '2024-07-01'),
      )
      .then([
        {
          type: 'SeatOffered',
          data: expect.objectContaining({
            schoolType: 'private-nonprofit',
            governmentFunded: true,
            decision: expect.objectContaining({
              rules: [expect.objectContaining({ ruleId: 'school.private-fallback' })],
            }),
          }),
        },
      ]);
  });

  it('refuses a 民办 seat while a public seat is available (2024-07-01)', () => {
    spec(schoolingDecider)
      .given(history)
      .when(offer({ schoolType: 'private-nonprofit', publicSeatAvailable: true }), ctx(shaoxing, '2024-07-01'))
      .thenRefuses({ ruleId: 'school.private-fallback', code: 'PUBLIC_SEAT_AVAILABLE' });
  });

  it('refuses a 民办 seat the family would pay for itself (2024-07-01)', () => {
    spec(schoolingDecider)
      .given(history)
      .when(
        offer({ schoolType: 'private-nonprofit', publicSeatAvailable: false, governmentFunded: false }),
        ctx(shaoxing, '2024-07-01'),
      )
      .thenRefuses({ ruleId: 'school.private-fallback', code: 'NOT_GOVERNMENT_FUNDED' });
  });
});

describe('school.disability.no-refusal [fengdu] when a school declines', () => {
  const disabled: SchoolingEvent[] = [
    registered('2017-05-10', 'moderate'),
    applied('2024-06-01'),
    eligible(),
    offered('s1'),
  ];
  const decline = (ground: 'capacity' | 'disability') => ({
    type: 'DeclineAdmission' as const,
    data: { applicationId: 'e1', schoolId: 's1', ground, declinedOn: '2024-07-05' },
  });

  it('refuses a school’s turning away a disabled child on 2024-07-05', () => {
    spec(schoolingDecider)
      .given(disabled)
      .when(decline('disability'), ctx(fengdu, '2024-07-05'))
      .thenRefuses({
        ruleId: 'school.disability.no-refusal',
        code: 'DISABILITY_NOT_A_GROUND',
        source: 'fengdu-2017-29 §四',
      });
  });

  it('records a decline for capacity, reopening the application for another seat (2024-07-05)', () => {
    spec(schoolingDecider)
      .given(disabled)
      .when(decline('capacity'), ctx(fengdu, '2024-07-05'))
      .then([
        {
          type: 'AdmissionDeclined',
          data: { applicationId: 'e1', schoolId: 's1', ground: 'capacity', declinedOn: '2024-07-05' },
        },
      ]);
  });
});

describe('health.vaccination.entry-check [fengdu] (fengdu-2017-29 §三)', () => {
  const seated: SchoolingEvent[] = [registered(), applied('2024-06-01'), eligible(), offered('s1')];
  const enroll = { type: 'Enroll' as const, data: { applicationId: 'e1', enrolledOn: '2024-09-01' } };
  const verified = (certificate: 'complete' | 'gaps' | 'missing', missingVaccines: string[] = []): SchoolingEvent => ({
    type: 'VaccinationVerified',
    data: { verifiedOn: '2024-08-20', certificate, missingVaccines },
  });

  it('enrols on 2024-09-01 a child whose certificate 卫健委 found complete', () => {
    spec(schoolingDecider)
      .given([...seated, verified('complete')])
      .when(enroll, ctx(fengdu, '2024-09-01'))
      .then([
        {
          type: 'Enrolled',
          data: expect.objectContaining({
            schoolId: 's1',
            vaccinationCheck: 'complete',
            decision: expect.objectContaining({
              rules: [expect.objectContaining({ ruleId: 'health.vaccination.entry-check' })],
            }),
          }),
        },
      ]);
  });

  it('enrols a child with a missing certificate and refers them to 补种, keeping the seat (2024-09-01)', () => {
    spec(schoolingDecider)
      .given([...seated, verified('missing', ['MMR-2', 'DTaP-4'])])
      .when(enroll, ctx(fengdu, '2024-09-01'))
      .then([
        { type: 'Enrolled', data: expect.objectContaining({ schoolId: 's1', vaccinationCheck: 'missing' }) },
        {
          type: 'VaccinationCatchUpReferred',
          data: expect.objectContaining({ certificate: 'missing', missingVaccines: ['MMR-2', 'DTaP-4'] }),
        },
      ]);
  });

  it('enrols a child with gaps and refers them to 补种 (2024-09-01)', () => {
    spec(schoolingDecider)
      .given([...seated, verified('gaps', ['JE-2'])])
      .when(enroll, ctx(fengdu, '2024-09-01'))
      .then([
        { type: 'Enrolled', data: expect.objectContaining({ vaccinationCheck: 'gaps' }) },
        { type: 'VaccinationCatchUpReferred' },
      ]);
  });

  it('holds the enrolment until 卫健委 has checked the certificate: needs a vaccination record (2024-09-01)', () => {
    spec(schoolingDecider).given(seated).when(enroll, ctx(fengdu, '2024-09-01')).thenRefuses({
      ruleId: 'health.vaccination.entry-check',
      code: 'VACCINATION_NOT_CHECKED',
      wouldChange: 'needs a vaccination record: 卫健委 checks the 预防接种证 (the seat is kept)',
    });
  });
});

describe('enrolment where the pack has no entry check (panzhihua)', () => {
  const seated: SchoolingEvent[] = [registered(), applied('2024-06-01'), eligible(), offered('s1')];
  const enroll = { type: 'Enroll' as const, data: { applicationId: 'e1', enrolledOn: '2024-09-01' } };

  it('enrols in panzhihua without an entry check, the pack having none (2024-09-01)', () => {
    spec(schoolingDecider)
      .given(seated)
      .when(enroll, ctx(panzhihua, '2024-09-01'))
      .then([{ type: 'Enrolled', data: expect.objectContaining({ vaccinationCheck: 'not-required' }) }]);
  });
});
