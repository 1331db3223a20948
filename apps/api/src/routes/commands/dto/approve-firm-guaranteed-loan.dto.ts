import { FenField, IdField, NestedField, SubjectIdField } from './common';
import { FirmLoanAttestedDto } from './attested.dto';

/** ApproveFirmGuaranteedLoan: 小微企业创业担保贷款. */
export class ApproveFirmGuaranteedLoanDto {
  @SubjectIdField('employerId', 'e-510400-0001')
  employerId?: string;

  @IdField('FL-2024-0001')
  loanId!: string;

  @FenField(200000000)
  amountFen!: number;

  @NestedField(() => FirmLoanAttestedDto, { firm: { staffCount: 40, eligibleHiresThisYear: 6, smallOrMicro: true } })
  attested!: FirmLoanAttestedDto;
}
