import { IdField, NestedField } from './common';
import { HousingAttestedDto } from './attested.dto';

/** DecideRentalEligibility: 公租房资格审核, as of the submission date. */
export class DecideRentalEligibilityDto {
  @IdField('H-2024-0001')
  applicationId!: string;

  @NestedField(() => HousingAttestedDto, { employed: true, workSpells: [{ from: '2021-03-01' }] }, { optional: true })
  attested?: HousingAttestedDto;
}
