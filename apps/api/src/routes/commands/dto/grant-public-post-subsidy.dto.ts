import { IdField, MonthField, NestedField, SubjectIdField } from './common';
import { PublicPostSubsidyAttestedDto } from './attested.dto';

/** GrantPublicPostSubsidy: 公益性岗位补贴 for a month worked. */
export class GrantPublicPostSubsidyDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @IdField('P-2024-0001')
  postId!: string;

  @MonthField('2024-03', { description: 'the month worked on the post, YYYY-MM' })
  month!: string;

  @NestedField(
    () => PublicPostSubsidyAttestedDto,
    { employerContributionsFen: { 'employee-pension': 56000 } },
    { optional: true },
  )
  attested?: PublicPostSubsidyAttestedDto;
}
