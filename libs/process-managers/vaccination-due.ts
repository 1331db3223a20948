import { ageOn, completionDate, maxDate, type IsoDate } from '@ledger/kernel';
import type { PolicyView } from '@ledger/policy';
import type {
  HealthBasicPublicParams,
  HealthVaccinationCardParams,
  HealthVaccinationFileParams,
} from '@ledger/policy/params/health';

export interface ChildForVaccination {
  birthDate: IsoDate;
  registeredOn: IsoDate;
}

export interface ParentForVaccination {
  /** The permit stream's continuousResidenceSince (a late 签注 restarts it). */
  residenceSince?: IsoDate;
  homePurchasedOn?: IsoDate;
}

/**
 * The day a child's vaccination record falls due under the pack, in the order the schooling
 * decider reads the rules (docs/policy-rules.md §4): shaoxing's card after 3 months' residence
 * (health.vaccination.card), fengdu's file for a home buyer's child aged 0–6
 * (health.vaccination.file), equal treatment at once, panzhihua's basic public health after half
 * a year. Never before the child's registration. Undefined: nothing will fall due on these facts.
 * A hint for the tick only: the decider checks again on the day and its refusal can reschedule.
 */
export function vaccinationDueOn(
  policy: PolicyView,
  child: ChildForVaccination,
  parents: ParentForVaccination[],
): IsoDate | undefined {
  const on = child.registeredOn;
  const since = parents
    .map((p) => p.residenceSince)
    .filter((d): d is IsoDate => d !== undefined)
    .sort()[0];
  const card = policy.find<HealthVaccinationCardParams>('health.vaccination.card', on);
  if (card)
    return since ? maxDate(completionDate(since, card.params.minResidence, card.params.inclusive), on) : undefined;
  const file = policy.find<HealthVaccinationFileParams>('health.vaccination.file', on);
  if (file) {
    const bought = parents
      .map((p) => p.homePurchasedOn)
      .filter((d): d is IsoDate => d !== undefined)
      .sort()[0];
    if (!bought) return undefined;
    const due = maxDate(maxDate(bought, on), child.birthDate);
    return ageOn(child.birthDate, due) <= file.params.maxAge ? due : undefined;
  }
  if (policy.find('health.vaccination.equal', on)) return on;
  const basic = policy.find<HealthBasicPublicParams>('health.basic-public', on);
  if (basic && since) return maxDate(completionDate(since, basic.params.minResidence, basic.params.inclusive), on);
  return undefined;
}
