import { loadPack, PolicyView } from '@ledger/policy';
import { schoolingDecider } from './decide';
import { ctx, registered } from './spec-fixtures';

const fengdu = new PolicyView(loadPack('fengdu'));

/** Regression: the vaccination-file process manager's record could not be stored (undefined residence). */
describe('health.vaccination.file [fengdu] (fengdu-2017-29 §三) through the store', () => {
  it('opens a file on 2024-05-09 whose decision is plain JSON, with no residence fact at all', () => {
    const events = schoolingDecider.decide(
      { type: 'OpenVaccinationRecord', data: { openedOn: '2024-05-09' } },
      [registered('2017-05-10')].reduce(schoolingDecider.evolve, schoolingDecider.initialState),
      ctx(fengdu, '2024-05-09', { parents: [{ workerId: 'w1', homePurchasedOn: '2023-01-01' }] }),
    );
    expect(events).toMatchObject([{ type: 'VaccinationRecordOpened', data: { recordKind: 'file' } }]);
    expect(JSON.parse(JSON.stringify(events))).toEqual(events);
  });
});
