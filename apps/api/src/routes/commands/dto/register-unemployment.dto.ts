import { NestedField, SubjectIdField } from './common';
import { UnemploymentAttestedDto } from './attested.dto';

/** RegisterUnemployment: 失业登记; continuous residence is read from the permit stream. */
export class RegisterUnemploymentDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @NestedField(() => UnemploymentAttestedDto, { employed: false, migrantWorker: true }, { optional: true })
  attested?: UnemploymentAttestedDto;
}
