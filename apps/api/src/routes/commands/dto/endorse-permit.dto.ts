import { SubjectIdField } from './common';

/** EndorsePermit: 居住证签注 (on time, or late after a lapse). */
export class EndorsePermitDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;
}
