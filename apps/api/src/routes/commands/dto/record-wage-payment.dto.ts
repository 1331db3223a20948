import { PAYMENT_CHANNELS } from '@ledger/employment/domain/kinds';
import { BoolField, EnumField, FenField, IdField, MonthField, NestedField, SubjectIdField } from './common';
import { Satisfies } from '../validators';
import { WagePaymentAttestedDto } from './attested.dto';

/** RecordWagePayment: 工资支付记录; a project payment needs the project attested. */
export class RecordWagePaymentDto {
  @SubjectIdField('employerId', 'e-510400-0001')
  employerId?: string;

  @IdField('PAY-2024-03-0001')
  paymentId!: string;

  @IdField('w-20240001', { optional: true })
  workerId?: string;

  @IdField('PRJ-510400-0001', { optional: true })
  projectId?: string;

  @MonthField('2024-03', { description: 'the month the wages are for, YYYY-MM' })
  month!: string;

  @FenField(650000)
  amountFen!: number;

  @EnumField(PAYMENT_CHANNELS, 'bank')
  channel!: (typeof PAYMENT_CHANNELS)[number];

  @BoolField(true, { description: 'the wages of the whole month' })
  fullMonth!: boolean;

  @NestedField(
    () => WagePaymentAttestedDto,
    { project: { projectId: 'PRJ-510400-0001', construction: true } },
    { optional: true },
  )
  @Satisfies(
    (value, o) =>
      o.projectId === undefined || (value as WagePaymentAttestedDto | undefined)?.project?.projectId === o.projectId,
    'a payment on a project needs attested.project describing the same projectId',
  )
  attested?: WagePaymentAttestedDto;
}
