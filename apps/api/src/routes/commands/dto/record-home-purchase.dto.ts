import { HOME_KINDS } from '@ledger/housing/domain/events';
import { DateField, EnumField, IdField, NestedField } from './common';
import { HousingAttestedDto } from './attested.dto';

/** RecordHomePurchase: 购房登记. */
export class RecordHomePurchaseDto {
  @IdField('HP-2024-0001')
  purchaseId!: string;

  @DateField('2024-04-18')
  purchasedOn!: string;

  @EnumField(HOME_KINDS, 'commercial')
  homeKind!: (typeof HOME_KINDS)[number];

  @NestedField(() => HousingAttestedDto, { employed: true, workSpells: [{ from: '2021-03-01' }] }, { optional: true })
  attested?: HousingAttestedDto;
}
