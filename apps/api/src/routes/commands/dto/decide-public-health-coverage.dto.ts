import { DateField } from './common';

/** DecidePublicHealthCoverage: 基本公共卫生服务. */
export class DecidePublicHealthCoverageDto {
  @DateField('2024-03-05')
  decidedOn!: string;
}
