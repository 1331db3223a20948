import type { LedgerClient } from './api';
import type { Session } from './session';

/** What every screen gets: the API client with the clerk's token, the session, the ledger's day. */
export interface Desk {
  client: LedgerClient;
  session: Session;
  today: string;
  openWorker: (workerId: string) => void;
}

export interface WorkerHit {
  workerId: string;
  name: string;
  idNumber: string;
  phone: string;
  birthDate: string;
  arrivalOn: string;
  permitStatus: string | null;
}

export interface SearchAnswer {
  match: 'idNumber' | 'phone' | 'workerId' | 'name';
  restricted: boolean;
  items: WorkerHit[];
}
