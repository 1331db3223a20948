import { Query } from '@nestjs/cqrs';
import type { ReadCredential } from '../../access';

/** How a query was read: the console says which, so a clerk knows why a worker is listed. */
export type SearchMatch = 'idNumber' | 'phone' | 'workerId' | 'name';

export interface WorkerSearchItem {
  workerId: string;
  /** Masked outside residence-office and public-security, as idNumber and phone. */
  name: string | null;
  idNumber: string | null;
  phone: string | null;
  birthDate: string | null;
  arrivalOn: string | null;
  permitStatus: string | null;
}

export interface WorkerSearchResult {
  match: SearchMatch;
  /** True for a department that sees personal data masked: it finds by worker id only. */
  restricted: boolean;
  items: WorkerSearchItem[];
}

/** The counter's lookup (docs/console.md): by 身份证号, phone, worker id or the start of a name. */
export class SearchWorkers extends Query<WorkerSearchResult> {
  constructor(
    /** Trimmed, not empty. */
    readonly text: string,
    /** The caller named the 身份证号 parameter. */
    readonly byIdNumber: boolean,
    readonly credential: ReadCredential,
  ) {
    super();
  }
}
