import { UpcasterRegistry } from '@ledger/kernel/upcasting';
import { PERMIT_ISSUED_SCHEMA_VERSION, PermitIssuedData, PermitIssuedV1Data } from './events';

/**
 * PermitIssued v1 → v2: v2 records the issuing office's 行政区划代码. A v1 event did not, but
 * its permit number begins with the six-digit area code of the office that issued it; where it
 * does not, the office is unknown (null), never guessed.
 */
export function upcastPermitIssued(v1: PermitIssuedV1Data): PermitIssuedData {
  const areaCode = /^(\d{6})\d/.exec(v1.permitNumber)?.[1] ?? null;
  return { ...v1, issuingOfficeCode: areaCode };
}

/** The permit stream's upcasters, for the store's readers. */
export const permitUpcasters = new UpcasterRegistry().register('PermitIssued', 1, (data) =>
  upcastPermitIssued(data as PermitIssuedV1Data),
);

if (permitUpcasters.currentVersion('PermitIssued') !== PERMIT_ISSUED_SCHEMA_VERSION) {
  throw new Error('PermitIssued upcasters and schema version disagree');
}
