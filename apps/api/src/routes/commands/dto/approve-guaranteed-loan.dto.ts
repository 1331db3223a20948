import { FenField, IdField, NestedField, SubjectIdField } from './common';
import { GuaranteedLoanAttestedDto } from './attested.dto';

/** ApproveGuaranteedLoan: 创业担保贷款. */
export class ApproveGuaranteedLoanDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @IdField('LN-2024-0001')
  loanId!: string;

  @FenField(10000000)
  amountFen!: number;

  @NestedField(() => GuaranteedLoanAttestedDto, { guaranteedLoanEligible: true }, { optional: true })
  attested?: GuaranteedLoanAttestedDto;
}
