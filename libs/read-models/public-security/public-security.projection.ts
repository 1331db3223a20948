import type { RecordedEvent } from '@ledger/event-store';
import { addDays } from '@ledger/kernel';
import { RowSet, subjects, type Projection, type ProjectionDb, type TableSpec } from '@ledger/projections';
import type { PermitEvent } from '@ledger/residence-permit';
import type { WorkerEvent } from '@ledger/worker';
import { domainEventOf, subjectOf } from '../shared';

const WORKER_EVENTS = ['WorkerRegistered', 'ContactDetailsChanged', 'WorkerSettled', 'HukouMoved'] as const;
const PERMIT_EVENTS = [
  'ResidenceRegistered',
  'ArrivalDateCorrected',
  'PermitApplied',
  'PermitIssued',
  'PermitEndorsed',
  'PermitSuspended',
  'PermitRestored',
  'AddressChanged',
  'PermitRevoked',
] as const;

/**
 * 公安局's read model: one row per worker's permit (status, valid until, next 签注, continuous
 * residence since, district), the address history behind the district, the 签注 made, and the
 * worker's registration as stored (personal fields are the owning department's).
 */
export const publicSecurityProjection: Projection = {
  name: 'public_security',
  // 2: the lookup's name and phone indexes (an existing ledger gets them with
  // `ledger projections rebuild public_security`).
  version: 2,
  eventTypes: [...WORKER_EVENTS, ...PERMIT_EVENTS],
  createTables: (s) => `
    CREATE TABLE ${s}.workers (
      worker_id text PRIMARY KEY,
      name text NOT NULL,
      id_number text NOT NULL,
      phone text NOT NULL,
      birth_date date NOT NULL,
      hukou_area_code text NOT NULL,
      arrival_on date NOT NULL,
      registered_on date NOT NULL,
      settled_on date,
      stream_revision bigint NOT NULL,
      last_position bigint NOT NULL
    );
    CREATE INDEX ON ${s}.workers (id_number);
    -- The counter's lookup as the clerk types (GET /v1/workers?q=): a name or phone prefix, in
    -- byte order whatever the database's collation, so LIKE 'prefix%' and the ORDER BY both walk them.
    CREATE INDEX ON ${s}.workers ((name COLLATE "C"), worker_id);
    CREATE INDEX ON ${s}.workers ((phone COLLATE "C"));
    CREATE TABLE ${s}.permits (
      worker_id text PRIMARY KEY,
      status text NOT NULL,
      residence_registered_on date NOT NULL,
      arrival_on date,
      ground text,
      applied_on date,
      permit_number text,
      issuing_office_code text,
      issued_on date,
      valid_until date,
      endorsement_year int,
      endorsement_anchor date,
      next_window_opens_on date,
      next_due_on date,
      next_overdue_from date,
      continuous_residence_since date,
      suspended_on date,
      revoked_on date,
      revocation_reason text,
      address_district text,
      address_since date,
      stream_revision bigint NOT NULL,
      last_position bigint NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX ON ${s}.permits (status, worker_id);
    CREATE INDEX ON ${s}.permits (next_due_on) WHERE status = 'active';
    CREATE INDEX ON ${s}.permits (address_district, worker_id);
    CREATE UNIQUE INDEX ON ${s}.permits (permit_number);
    CREATE TABLE ${s}.addresses (
      worker_id text NOT NULL,
      stream_revision bigint NOT NULL,
      district_code text,
      since date NOT NULL,
      last_position bigint NOT NULL,
      PRIMARY KEY (worker_id, stream_revision)
    );
    CREATE TABLE ${s}.endorsements (
      worker_id text NOT NULL,
      stream_revision bigint NOT NULL,
      endorsed_on date NOT NULL,
      late boolean NOT NULL,
      endorsed_year int,
      last_position bigint NOT NULL,
      PRIMARY KEY (worker_id, stream_revision)
    );`,
  async apply(db, s, event) {
    if (event.streamName.startsWith('worker-')) return applyWorker(db, s, event);
    return applyPermit(db, s, event);
  },
  applyBatch: (db, s, events) => applyPublicSecurityBatch(db, s, events),
};

async function applyWorker(db: ProjectionDb, s: string, recorded: RecordedEvent): Promise<void> {
  const workerId = subjectOf(recorded, 'worker');
  const event = domainEventOf(recorded) as unknown as WorkerEvent;
  const at = [recorded.streamRevision, recorded.globalPosition];
  switch (event.type) {
    case 'WorkerRegistered': {
      const d = event.data;
      await db.query(
        `INSERT INTO ${s}.workers (worker_id, name, id_number, phone, birth_date, hukou_area_code, arrival_on, registered_on,
           stream_revision, last_position)
         VALUES ($3, $4, $5, $6, $7, $8, $9, $10, $1, $2)`,
        [...at, workerId, d.name, d.idNumber, d.phone, d.birthDate, d.hukouPlace.areaCode, d.arrivalOn, d.registeredOn],
      );
      return;
    }
    case 'ContactDetailsChanged':
      await db.query(`UPDATE ${s}.workers SET phone = $4, stream_revision = $1, last_position = $2 WHERE worker_id = $3`, [
        ...at,
        workerId,
        event.data.phone,
      ]);
      return;
    case 'WorkerSettled':
      await db.query(
        `UPDATE ${s}.workers SET settled_on = $4, stream_revision = $1, last_position = $2 WHERE worker_id = $3`,
        [...at, workerId, event.data.settledOn],
      );
      return;
    case 'HukouMoved':
      await db.query(
        `UPDATE ${s}.workers SET settled_on = $4, hukou_area_code = $5, stream_revision = $1, last_position = $2
          WHERE worker_id = $3`,
        [...at, workerId, event.data.movedOn, event.data.hukouPlace.areaCode],
      );
      return;
    default:
      return; // skills, education and violations are other departments' facts
  }
}

/** The district where the worker lives now: the address that took effect last (backdated moves slot in). */
async function refreshDistrict(db: ProjectionDb, s: string, workerId: string): Promise<void> {
  await db.query(
    `UPDATE ${s}.permits p SET address_district = a.district_code, address_since = a.since
       FROM (SELECT district_code, since FROM ${s}.addresses WHERE worker_id = $1
             ORDER BY since DESC, stream_revision DESC LIMIT 1) a
      WHERE p.worker_id = $1`,
    [workerId],
  );
}

async function applyPermit(db: ProjectionDb, s: string, recorded: RecordedEvent): Promise<void> {
  const workerId = subjectOf(recorded, 'residence-permit');
  const event = domainEventOf(recorded) as unknown as PermitEvent;
  // $1 revision, $2 position, $3 recorded at, $4 worker
  const at = [recorded.streamRevision, recorded.globalPosition, recorded.recordedAt, workerId];
  const touched = `stream_revision = $1, last_position = $2, updated_at = $3`;
  const schedule = (n: { anchor: string; year: number; windowOpensOn: string; dueOn: string; overdueFrom: string }) => [
    n.anchor,
    n.year,
    n.windowOpensOn,
    n.dueOn,
    n.overdueFrom,
  ];
  // valid until = the day before the 签注 becomes overdue, as the domain's state has it
  const scheduled = `endorsement_anchor = $5, endorsement_year = $6, next_window_opens_on = $7, next_due_on = $8,
    next_overdue_from = $9, valid_until = $9::date - 1`;
  switch (event.type) {
    case 'ResidenceRegistered': {
      const d = event.data;
      const prior = await db.query<{ status: string }>(`SELECT status FROM ${s}.permits WHERE worker_id = $1`, [workerId]);
      const returning = prior.rows[0]?.status === 'revoked';
      // A return after a revocation starts a new 居住登记: the old addresses no longer count.
      if (returning) await db.query(`DELETE FROM ${s}.addresses WHERE worker_id = $1`, [workerId]);
      await db.query(
        `INSERT INTO ${s}.permits AS p (worker_id, status, residence_registered_on, arrival_on, continuous_residence_since,
           stream_revision, last_position, updated_at)
         VALUES ($4, 'none', $5, $6, $6, $1, $2, $3)
         ON CONFLICT (worker_id) DO UPDATE SET
           status = CASE WHEN p.status = 'revoked' THEN 'none' ELSE p.status END,
           residence_registered_on = excluded.residence_registered_on, arrival_on = excluded.arrival_on,
           continuous_residence_since = excluded.continuous_residence_since, stream_revision = excluded.stream_revision,
           last_position = excluded.last_position, updated_at = excluded.updated_at`,
        [...at, d.registeredOn, d.arrivalOn],
      );
      await db.query(
        `INSERT INTO ${s}.addresses (worker_id, stream_revision, district_code, since, last_position) VALUES ($1, $2, $3, $4, $5)`,
        [workerId, recorded.streamRevision, d.address.districtCode ?? null, d.arrivalOn, recorded.globalPosition],
      );
      await refreshDistrict(db, s, workerId);
      return;
    }
    case 'ArrivalDateCorrected':
      await db.query(
        `UPDATE ${s}.permits SET arrival_on = $5, continuous_residence_since = $5, ${touched} WHERE worker_id = $4`,
        [...at, event.data.arrivalOn],
      );
      // The first address (by the day it took effect) now starts on the corrected arrival.
      await db.query(
        `UPDATE ${s}.addresses SET since = $2 WHERE (worker_id, stream_revision) IN
           (SELECT worker_id, stream_revision FROM ${s}.addresses WHERE worker_id = $1 ORDER BY since, stream_revision LIMIT 1)`,
        [workerId, event.data.arrivalOn],
      );
      await refreshDistrict(db, s, workerId);
      return;
    case 'PermitApplied':
      await db.query(`UPDATE ${s}.permits SET status = 'applied', applied_on = $5, ground = $6, ${touched} WHERE worker_id = $4`, [
        ...at,
        event.data.appliedOn,
        event.data.ground,
      ]);
      return;
    case 'PermitIssued': {
      const d = event.data;
      await db.query(
        `UPDATE ${s}.permits SET status = 'active', ${scheduled}, permit_number = $10, issuing_office_code = $11,
           issued_on = $12, continuous_residence_since = $13, suspended_on = NULL, revoked_on = NULL, revocation_reason = NULL,
           ${touched}
         WHERE worker_id = $4`,
        [...at, ...schedule(d.nextEndorsement), d.permitNumber, d.issuingOfficeCode ?? null, d.issuedOn, d.continuousResidenceSince],
      );
      await db.query(`DELETE FROM ${s}.endorsements WHERE worker_id = $1`, [workerId]);
      return;
    }
    case 'PermitEndorsed':
      await db.query(`UPDATE ${s}.permits SET ${scheduled}, ${touched} WHERE worker_id = $4`, [
        ...at,
        ...schedule(event.data.nextEndorsement),
      ]);
      await db.query(
        `INSERT INTO ${s}.endorsements (worker_id, stream_revision, endorsed_on, late, endorsed_year, last_position)
         VALUES ($1, $2, $3, false, $4, $5)`,
        [workerId, recorded.streamRevision, event.data.endorsedOn, event.data.endorsedYear, recorded.globalPosition],
      );
      return;
    case 'PermitSuspended':
      await db.query(`UPDATE ${s}.permits SET status = 'suspended', suspended_on = $5, ${touched} WHERE worker_id = $4`, [
        ...at,
        event.data.suspendedOn,
      ]);
      return;
    case 'PermitRestored':
      await db.query(
        `UPDATE ${s}.permits SET status = 'active', suspended_on = NULL, continuous_residence_since = $10, ${scheduled}, ${touched}
         WHERE worker_id = $4`,
        [...at, ...schedule(event.data.nextEndorsement), event.data.continuousResidenceSince],
      );
      await db.query(
        `INSERT INTO ${s}.endorsements (worker_id, stream_revision, endorsed_on, late, endorsed_year, last_position)
         VALUES ($1, $2, $3, true, NULL, $4)`,
        [workerId, recorded.streamRevision, event.data.endorsedOn, recorded.globalPosition],
      );
      return;
    case 'AddressChanged':
      await db.query(`UPDATE ${s}.permits SET ${touched} WHERE worker_id = $4`, at);
      await db.query(
        `INSERT INTO ${s}.addresses (worker_id, stream_revision, district_code, since, last_position) VALUES ($1, $2, $3, $4, $5)`,
        [workerId, recorded.streamRevision, event.data.address.districtCode ?? null, event.data.movedOn, recorded.globalPosition],
      );
      await refreshDistrict(db, s, workerId);
      return;
    case 'PermitRevoked':
      await db.query(
        `UPDATE ${s}.permits SET status = 'revoked', revoked_on = $5, revocation_reason = $6,
           endorsement_anchor = NULL, endorsement_year = NULL, next_window_opens_on = NULL, next_due_on = NULL,
           next_overdue_from = NULL, valid_until = NULL,
           -- moving away ends residence here; a return starts a new 居住登记
           continuous_residence_since = CASE WHEN $6 = 'moved-away' THEN NULL ELSE continuous_residence_since END,
           ${touched}
         WHERE worker_id = $4`,
        [...at, event.data.revokedOn, event.data.reason],
      );
      return;
    default: {
      const unexpected: never = event;
      throw new Error(`unknown permit event ${(unexpected as { type: string }).type}`);
    }
  }
}

// ——— Set-based (issue 13): the same rows as the statements above, folded in memory per batch ———

const TABLES: TableSpec[] = [
  { name: 'workers', key: ['worker_id'] },
  { name: 'permits', key: ['worker_id'] },
  { name: 'addresses', key: ['worker_id', 'stream_revision'] },
  { name: 'endorsements', key: ['worker_id', 'stream_revision'] },
];

const PERMIT_COLUMNS = [
  'arrival_on', 'ground', 'applied_on', 'permit_number', 'issuing_office_code', 'issued_on', 'valid_until', 'endorsement_year',
  'endorsement_anchor', 'next_window_opens_on', 'next_due_on', 'next_overdue_from', 'continuous_residence_since', 'suspended_on',
  'revoked_on', 'revocation_reason', 'address_district', 'address_since',
] as const;

async function applyPublicSecurityBatch(db: ProjectionDb, s: string, events: readonly RecordedEvent[]): Promise<void> {
  const rows = new RowSet(db, s, TABLES);
  const workers = subjects(events, (e) => (e.streamName.startsWith('worker-') ? e.streamName.slice('worker-'.length) : undefined));
  const permits = subjects(events, (e) => (e.streamName.startsWith('residence-permit-') ? e.streamName.slice('residence-permit-'.length) : undefined));
  await rows.load('workers', workers);
  await rows.load('permits', permits);
  await rows.load('addresses', permits);
  await rows.load('endorsements', permits);
  for (const recorded of events) {
    if (recorded.streamName.startsWith('worker-')) foldWorker(rows, recorded);
    else foldPermit(rows, recorded);
  }
  await rows.flush();
}

function foldWorker(rows: RowSet, recorded: RecordedEvent): void {
  const workerId = subjectOf(recorded, 'worker');
  const event = domainEventOf(recorded) as unknown as WorkerEvent;
  const at = { stream_revision: recorded.streamRevision, last_position: recorded.globalPosition };
  switch (event.type) {
    case 'WorkerRegistered': {
      const d = event.data;
      rows.put('workers', {
        worker_id: workerId,
        name: d.name,
        id_number: d.idNumber,
        phone: d.phone,
        birth_date: d.birthDate,
        hukou_area_code: d.hukouPlace.areaCode,
        arrival_on: d.arrivalOn,
        registered_on: d.registeredOn,
        settled_on: null,
        ...at,
      });
      return;
    }
    case 'ContactDetailsChanged':
      rows.update('workers', [workerId], { phone: event.data.phone, ...at });
      return;
    case 'WorkerSettled':
      rows.update('workers', [workerId], { settled_on: event.data.settledOn, ...at });
      return;
    case 'HukouMoved':
      rows.update('workers', [workerId], { settled_on: event.data.movedOn, hukou_area_code: event.data.hukouPlace.areaCode, ...at });
      return;
    default:
      return;
  }
}

function foldPermit(rows: RowSet, recorded: RecordedEvent): void {
  const workerId = subjectOf(recorded, 'residence-permit');
  const event = domainEventOf(recorded) as unknown as PermitEvent;
  const touched = { stream_revision: recorded.streamRevision, last_position: recorded.globalPosition, updated_at: recorded.recordedAt };
  const permit = (changes: Record<string, unknown>) => rows.update('permits', [workerId], { ...changes, ...touched });
  // valid until = the day before the 签注 becomes overdue, as the domain's state has it
  const scheduled = (n: { anchor: string; year: number; windowOpensOn: string; dueOn: string; overdueFrom: string }) => ({
    endorsement_anchor: n.anchor,
    endorsement_year: n.year,
    next_window_opens_on: n.windowOpensOn,
    next_due_on: n.dueOn,
    next_overdue_from: n.overdueFrom,
    valid_until: addDays(n.overdueFrom, -1),
  });
  const address = (districtCode: string | null | undefined, since: string) =>
    rows.put('addresses', {
      worker_id: workerId,
      stream_revision: recorded.streamRevision,
      district_code: districtCode ?? null,
      since,
      last_position: recorded.globalPosition,
    });
  const byEffect = () =>
    rows.of('addresses', workerId).sort((a, b) => cmp(a.since, b.since) || Number(a.stream_revision) - Number(b.stream_revision));
  /** The district where the worker lives now: the address that took effect last (backdated moves slot in). */
  const refreshDistrict = () => {
    const latest = byEffect().pop();
    const p = rows.get('permits', [workerId]);
    if (!latest || !p) return;
    Object.assign(p, { address_district: latest.district_code, address_since: latest.since });
    rows.touch('permits', p);
  };
  const endorsement = (late: boolean, endorsedOn: string, year: number | null) =>
    rows.put('endorsements', {
      worker_id: workerId,
      stream_revision: recorded.streamRevision,
      endorsed_on: endorsedOn,
      late,
      endorsed_year: year,
      last_position: recorded.globalPosition,
    });
  switch (event.type) {
    case 'ResidenceRegistered': {
      const d = event.data;
      const prior = rows.get('permits', [workerId]);
      // A return after a revocation starts a new 居住登记: the old addresses no longer count.
      if (prior?.status === 'revoked') for (const a of rows.of('addresses', workerId)) rows.delete('addresses', a);
      const registration = { residence_registered_on: d.registeredOn, arrival_on: d.arrivalOn, continuous_residence_since: d.arrivalOn };
      if (prior) permit({ status: prior.status === 'revoked' ? 'none' : prior.status, ...registration });
      else {
        rows.put('permits', {
          worker_id: workerId,
          status: 'none',
          ...Object.fromEntries(PERMIT_COLUMNS.map((c) => [c, null])),
          ...registration,
          ...touched,
        });
      }
      address(d.address.districtCode, d.arrivalOn);
      refreshDistrict();
      return;
    }
    case 'ArrivalDateCorrected': {
      permit({ arrival_on: event.data.arrivalOn, continuous_residence_since: event.data.arrivalOn });
      // The first address (by the day it took effect) now starts on the corrected arrival.
      const first = byEffect()[0];
      if (first) {
        first.since = event.data.arrivalOn;
        rows.touch('addresses', first);
      }
      refreshDistrict();
      return;
    }
    case 'PermitApplied':
      permit({ status: 'applied', applied_on: event.data.appliedOn, ground: event.data.ground });
      return;
    case 'PermitIssued': {
      const d = event.data;
      permit({
        status: 'active',
        ...scheduled(d.nextEndorsement),
        permit_number: d.permitNumber,
        issuing_office_code: d.issuingOfficeCode ?? null,
        issued_on: d.issuedOn,
        continuous_residence_since: d.continuousResidenceSince,
        suspended_on: null,
        revoked_on: null,
        revocation_reason: null,
      });
      for (const e of rows.of('endorsements', workerId)) rows.delete('endorsements', e);
      return;
    }
    case 'PermitEndorsed':
      permit(scheduled(event.data.nextEndorsement));
      endorsement(false, event.data.endorsedOn, event.data.endorsedYear);
      return;
    case 'PermitSuspended':
      permit({ status: 'suspended', suspended_on: event.data.suspendedOn });
      return;
    case 'PermitRestored':
      permit({ status: 'active', suspended_on: null, continuous_residence_since: event.data.continuousResidenceSince, ...scheduled(event.data.nextEndorsement) });
      endorsement(true, event.data.endorsedOn, null);
      return;
    case 'AddressChanged':
      permit({});
      address(event.data.address.districtCode, event.data.movedOn);
      refreshDistrict();
      return;
    case 'PermitRevoked': {
      const p = rows.get('permits', [workerId]);
      permit({
        status: 'revoked',
        revoked_on: event.data.revokedOn,
        revocation_reason: event.data.reason,
        endorsement_anchor: null,
        endorsement_year: null,
        next_window_opens_on: null,
        next_due_on: null,
        next_overdue_from: null,
        valid_until: null,
        // moving away ends residence here; a return starts a new 居住登记
        continuous_residence_since: event.data.reason === 'moved-away' ? null : (p?.continuous_residence_since ?? null),
      });
      return;
    }
    default: {
      const unexpected: never = event;
      throw new Error(`unknown permit event ${(unexpected as { type: string }).type}`);
    }
  }
}

const cmp = (a: unknown, b: unknown) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
