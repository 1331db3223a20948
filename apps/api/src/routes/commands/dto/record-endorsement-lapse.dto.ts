import { SubjectIdField } from './common';

/** RecordEndorsementLapse: 逾期未签注. */
export class RecordEndorsementLapseDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;
}
