import { loadPack, PolicyView } from '@ledger/policy';
import { housingDecider } from './decide';
import type { HousingEvent } from './events';

const panzhihua = new PolicyView(loadPack('panzhihua'));

/** Regression: the permit-lapse process manager's review could not be stored (undefined eligibleFrom). */
describe('ReviewWaitlistEntry on a lapsed permit [panzhihua] (permit.lapse)', () => {
  it('suspends the entry on 2023-09-01 with a decision that is plain JSON, as the store requires', () => {
    const history: HousingEvent[] = [
      {
        type: 'RentalApplicationSubmitted',
        data: { workerId: 'w1', applicationId: 'a1', submittedOn: '2023-03-01', householdSize: 3 },
      },
      {
        type: 'RentalEligibilityDecided',
        data: { applicationId: 'a1', eligible: true, assessedOn: '2023-03-01', decision: {} as never },
      },
      { type: 'Waitlisted', data: { applicationId: 'a1', waitlistedOn: '2023-03-01' } },
    ];
    const state = history.reduce(housingDecider.evolve, housingDecider.initialState);
    const events = housingDecider.decide(
      { type: 'ReviewWaitlistEntry', data: { applicationId: 'a1', reviewedOn: '2023-09-01' } },
      state,
      {
        today: '2023-09-03',
        policy: panzhihua,
        facts: {
          employed: true,
          contributionsSince: '2022-01-15',
          permitStatus: 'suspended',
          residenceSince: '2020-03-01',
        },
      },
    );
    expect(events).toMatchObject([{ type: 'WaitlistEntrySuspended', data: { ground: 'PERMIT_SUSPENDED' } }]);
    expect(JSON.parse(JSON.stringify(events))).toEqual(events);
  });
});
