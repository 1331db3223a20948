import { FenField, IdField, NestedField, SubjectIdField, TextField } from './common';
import { TrainingUpliftAttestedDto } from './attested.dto';

/** UpliftTrainingSubsidy: 紧缺工种培训补贴上浮. */
export class UpliftTrainingSubsidyDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @IdField('TR-2024-0001')
  trainingId!: string;

  @TextField('焊工', 100)
  occupation!: string;

  @FenField(120000, { description: 'the course’s standard subsidy, integer fen' })
  standardFen!: number;

  @NestedField(() => TrainingUpliftAttestedDto, { shortageOccupation: true }, { optional: true })
  attested?: TrainingUpliftAttestedDto;
}
