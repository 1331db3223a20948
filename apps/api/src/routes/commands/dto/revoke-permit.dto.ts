import { REVOCATION_REASONS } from './domain-values';
import { EnumField, SubjectIdField } from './common';
import type { RevocationReason } from '@ledger/residence-permit/domain/commands';

/** RevokePermit: 居住证注销. */
export class RevokePermitDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @EnumField(REVOCATION_REASONS, 'moved-away')
  reason!: RevocationReason;
}
