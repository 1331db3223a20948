import type { PaymentChannel } from './kinds';

interface Command<TType extends string, TData> {
  type: TType;
  data: TData & { employerId: string };
}

export type RegisterSiteWorker = Command<'RegisterSiteWorker', { projectId: string; workerId: string }>;

export type RecordWagePayment = Command<
  'RecordWagePayment',
  {
    paymentId: string;
    workerId?: string;
    projectId?: string;
    month: string;
    amountFen: number;
    channel: PaymentChannel;
    fullMonth: boolean;
  }
>;

/** The stream is the agency's: `employerId` is the agency. */
export type AwardAgencyPlacement = Command<
  'AwardAgencyPlacement',
  { placementId: string; workerId: string; firmId: string }
>;

export type ApproveFirmGuaranteedLoan = Command<'ApproveFirmGuaranteedLoan', { loanId: string; amountFen: number }>;

export type EmployerCommand = RegisterSiteWorker | RecordWagePayment | AwardAgencyPlacement | ApproveFirmGuaranteedLoan;
