import { SCHEMES } from '@ledger/insurance/domain/schemes';
import { ENROLMENT_BASES } from './domain-values';
import { EnumField, ID_PATTERN, ID_PATTERN_TEXT, NestedField, SubjectIdField } from './common';
import { PresentOnlyWhen, Satisfies } from '../validators';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, Matches, ValidateIf } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { EnrolmentAttestedDto } from './attested.dto';

/** EnrolWorker: 参保登记 through a stable employer, as a flexible worker, or per construction project. */
export class EnrolWorkerDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @EnumField(ENROLMENT_BASES, 'stable-job')
  basis!: (typeof ENROLMENT_BASES)[number];

  @ApiProperty({ example: 'e-510400-0001', required: false, description: 'basis stable-job only' })
  @ValidateIf((o: EnrolWorkerDto) => o.basis === 'stable-job' || o.employerId !== undefined)
  @PresentOnlyWhen((o) => o.basis === 'stable-job', 'basis is stable-job')
  @IsString()
  @Matches(ID_PATTERN, { message: `$property must be an id: ${ID_PATTERN_TEXT}` })
  employerId?: string;

  @ApiProperty({
    enum: [...SCHEMES],
    isArray: true,
    example: ['employee-pension', 'employee-medical'],
    required: false,
    description: 'basis flexible only',
  })
  @ValidateIf((o: EnrolWorkerDto) => o.basis === 'flexible' || o.schemes !== undefined)
  @PresentOnlyWhen((o) => o.basis === 'flexible', 'basis is flexible')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn([...SCHEMES], { each: true })
  schemes?: (typeof SCHEMES)[number][];

  @ApiProperty({ example: 'PRJ-510400-0001', required: false, description: 'basis construction-project only' })
  @ValidateIf((o: EnrolWorkerDto) => o.basis === 'construction-project' || o.projectId !== undefined)
  @PresentOnlyWhen((o) => o.basis === 'construction-project', 'basis is construction-project')
  @IsString()
  @Matches(ID_PATTERN, { message: `$property must be an id: ${ID_PATTERN_TEXT}` })
  projectId?: string;

  @NestedField(
    () => EnrolmentAttestedDto,
    { labourRelation: { kind: 'stable', employerId: 'e-510400-0001' } },
    { optional: true },
  )
  @Satisfies(
    (value, o) =>
      o.basis !== 'construction-project' ||
      (value as EnrolmentAttestedDto | undefined)?.project?.projectId === o.projectId,
    'basis construction-project needs attested.project describing the same projectId',
  )
  attested?: EnrolmentAttestedDto;
}
