import { IdField, NestedField, SubjectIdField } from './common';
import { PlacementAttestedDto } from './attested.dto';

/** AwardAgencyPlacement: 职业介绍补贴 to the agency (the stream’s employer). */
export class AwardAgencyPlacementDto {
  @SubjectIdField('employerId', 'e-510400-0001')
  employerId?: string;

  @IdField('PL-2024-0001')
  placementId!: string;

  @IdField('w-20240001')
  workerId!: string;

  @IdField('e-510400-0003', { description: 'the firm the worker was placed with' })
  firmId!: string;

  @NestedField(() => PlacementAttestedDto, {
    placement: { commercialAgency: true, firmPrivate: true, firmInCity: true },
  })
  attested!: PlacementAttestedDto;
}
