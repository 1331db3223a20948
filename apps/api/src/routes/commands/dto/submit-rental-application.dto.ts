import { DateField, IdField, IntField, NestedField, SubjectIdField } from './common';
import { HousingAttestedDto } from './attested.dto';

/** SubmitRentalApplication: 公租房申请; a paper application may be entered late. */
export class SubmitRentalApplicationDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @IdField('H-2024-0001')
  applicationId!: string;

  @DateField('2024-03-01')
  submittedOn!: string;

  @IntField(3, 1, 20)
  householdSize!: number;

  @NestedField(() => HousingAttestedDto, { employed: true, workSpells: [{ from: '2021-03-01' }] }, { optional: true })
  attested?: HousingAttestedDto;
}
