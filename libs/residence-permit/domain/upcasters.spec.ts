import { UpcastError } from '@ledger/kernel/upcasting';
import type { PermitIssuedV1Data } from './events';
import { permitUpcasters, upcastPermitIssued } from './upcasters';

const v1: PermitIssuedV1Data = {
  workerId: 'w1',
  permitNumber: '510402202400017',
  issuedOn: '2024-03-15',
  continuousResidenceSince: '2023-06-01',
  nextEndorsement: {
    anchor: '2024-03-15',
    year: 1,
    windowOpensOn: '2025-02-15',
    dueOn: '2025-03-15',
    overdueFrom: '2025-03-15',
  },
  decision: {
    packId: 'panzhihua',
    packVersion: '1.0.0',
    jurisdiction: '四川省攀枝花市',
    decidedOn: '2024-03-15',
    rules: [],
    inputs: {},
    provisional: false,
  },
};

describe('PermitIssued upcasting (v1 → v2 gains issuingOfficeCode)', () => {
  it('takes the office from the six-digit area code a v1 permit number begins with', () => {
    expect(upcastPermitIssued(v1)).toEqual({ ...v1, issuingOfficeCode: '510402' });
  });

  it('leaves the office unknown (null) when a v1 number carries no area code', () => {
    expect(upcastPermitIssued({ ...v1, permitNumber: 'PZH-0017' }).issuingOfficeCode).toBeNull();
  });

  it('upcasts a stored v1 event on read and passes a v2 event through unchanged', () => {
    expect(permitUpcasters.currentVersion('PermitIssued')).toBe(2);
    expect(permitUpcasters.upcast({ type: 'PermitIssued', schemaVersion: 1, data: v1 })).toEqual({
      type: 'PermitIssued',
      schemaVersion: 2,
      data: { ...v1, issuingOfficeCode: '510402' },
    });
    const v2 = { type: 'PermitIssued', schemaVersion: 2, data: { ...v1, issuingOfficeCode: '510411' } };
    expect(permitUpcasters.upcast(v2)).toEqual(v2);
    expect(permitUpcasters.upcast({ type: 'PermitEndorsed', schemaVersion: 1, data: { a: 1 } })).toEqual({
      type: 'PermitEndorsed',
      schemaVersion: 1,
      data: { a: 1 },
    });
  });

  it('refuses to read a version newer than the code knows', () => {
    expect(() => permitUpcasters.upcast({ type: 'PermitIssued', schemaVersion: 3, data: v1 })).toThrow(UpcastError);
  });
});
