import { IdField, NestedField, SubjectIdField } from './common';
import { PublicPostAttestedDto } from './attested.dto';

/** PlaceOnPublicPost: 公益性岗位安置. */
export class PlaceOnPublicPostDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @IdField('P-2024-0001')
  postId!: string;

  @IdField('e-510400-0002')
  employerId!: string;

  @NestedField(() => PublicPostAttestedDto, { cannotFindWorkUnaided: true }, { optional: true })
  attested?: PublicPostAttestedDto;
}
