import { DateField, IdField, SubjectIdField, TextField } from './common';

/** RecordViolation: 违法违规记录, found by a competent authority. */
export class RecordViolationDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @IdField('V-2024-0001')
  violationId!: string;

  @TextField('public-order', 64, { description: 'the ground as the policy pack names it' })
  ground!: string;

  @DateField('2024-01-15')
  occurredOn!: string;

  @TextField('攀枝花市公安局东区分局', 100)
  authority!: string;
}
