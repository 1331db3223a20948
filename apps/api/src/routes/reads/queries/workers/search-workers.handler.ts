import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { PrivateEventStore } from '@ledger/privacy';
import { READ_POOL } from '../../../../tokens';
import { seesPersonalData } from '../../access';
import { maskPersonalFields } from '../../masking';
import { SearchMatch, SearchWorkers, WorkerSearchItem, WorkerSearchResult } from './search-workers.query';

const LIMIT = 20;

/**
 * Over the `public_security.workers` read model (a just-registered worker appears once the
 * projector has applied the event), at most 20, by name.
 */
@QueryHandler(SearchWorkers)
export class SearchWorkersHandler implements IQueryHandler<SearchWorkers> {
  constructor(
    @Inject(READ_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ text, byIdNumber, credential }: SearchWorkers): Promise<WorkerSearchResult> {
    const seesPersonal = seesPersonalData(credential.department);
    const match: SearchMatch =
      byIdNumber || /^\d{17}[\dXx]$/.test(text)
        ? 'idNumber'
        : /^\+?[\d-]{3,20}$/.test(text)
          ? 'phone'
          : /^[A-Za-z][\w.-]*-[\w.-]*$/.test(text)
            ? 'workerId'
            : 'name';
    const where: Record<SearchMatch, string> = {
      idNumber: 'w.id_number = upper($1)',
      phone: 'w.phone COLLATE "C" LIKE $1',
      workerId: 'w.worker_id = $1',
      name: 'w.name COLLATE "C" LIKE $1',
    };
    // A department that sees personal data masked finds a worker by id only: a search by name,
    // phone or 身份证号 would reveal what masking hides.
    if (!seesPersonal && match !== 'workerId') return { match, restricted: true, items: [] };
    // With personal data encrypted (docs/privacy.md) a 身份证号 is found through its keyed blind
    // index, which names the worker; the read model is then read by worker id.
    let param = text;
    if (match === 'idNumber' && this.store instanceof PrivateEventStore) {
      const workerId = await this.store.workerByIdNumber(text);
      if (workerId === undefined) return { match, restricted: false, items: [] };
      where.idNumber = 'w.worker_id = $1';
      param = workerId;
    }
    const { rows } = await this.pool.query<WorkerSearchItem>(
      `SELECT w.worker_id AS "workerId", w.name, w.id_number AS "idNumber", w.phone,
              to_char(w.birth_date, 'YYYY-MM-DD') AS "birthDate", to_char(w.arrival_on, 'YYYY-MM-DD') AS "arrivalOn",
              p.status AS "permitStatus"
         FROM public_security.workers w LEFT JOIN public_security.permits p USING (worker_id)
        WHERE ${where[match]}
        ORDER BY w.name COLLATE "C", w.worker_id LIMIT ${LIMIT}`,
      // A typed % or _ is a character, not a wildcard: escaped (LIKE's default escape is \).
      [match === 'phone' || match === 'name' ? `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : param],
    );
    return {
      match,
      restricted: !seesPersonal,
      items: seesPersonal ? rows : rows.map((row) => maskPersonalFields(row)),
    };
  }
}
