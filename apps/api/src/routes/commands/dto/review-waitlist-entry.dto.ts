import { DateField, IdField, NestedField } from './common';
import { HousingAttestedDto } from './attested.dto';

/** ReviewWaitlistEntry: 轮候资格复核. */
export class ReviewWaitlistEntryDto {
  @IdField('H-2024-0001')
  applicationId!: string;

  @DateField('2024-06-01')
  reviewedOn!: string;

  @NestedField(() => HousingAttestedDto, { employed: true, workSpells: [{ from: '2021-03-01' }] }, { optional: true })
  attested?: HousingAttestedDto;
}
