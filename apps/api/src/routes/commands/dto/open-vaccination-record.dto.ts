import { DateField } from './common';

/** OpenVaccinationRecord: 建立预防接种档案. */
export class OpenVaccinationRecordDto {
  @DateField('2024-03-05')
  openedOn!: string;
}
