import type { RecordedEvent } from '@ledger/event-store';
import { RowSet, subjects, type Projection, type ProjectionDb, type TableSpec } from '@ledger/projections';
import type { SchoolingEvent } from '@ledger/schooling';
import { domainEventOf, subjectOf } from '../shared';

/**
 * 卫健委's read model: each child's latest vaccination check (预防接种证), the record opened,
 * basic public-health coverage, 补种 referrals at school entry, and every check made.
 */
export const healthProjection: Projection = {
  name: 'health',
  version: 1,
  eventTypes: ['ChildRegistered', 'VaccinationVerified', 'VaccinationRecordOpened', 'PublicHealthCoverageDecided', 'VaccinationCatchUpReferred', 'Enrolled'],
  createTables: (s) => `
    CREATE TABLE ${s}.children (
      child_id text PRIMARY KEY,
      birth_date date NOT NULL,
      registered_on date NOT NULL,
      certificate text,
      missing_vaccines text[],
      verified_on date,
      record_kind text,
      record_opened_on date,
      record_rule_id text,
      public_health_covered_from date,
      public_health_categories int,
      catch_up_referred_on date,
      catch_up_vaccines text[],
      entry_check text,
      stream_revision bigint NOT NULL,
      last_position bigint NOT NULL
    );
    -- The catch-up list (gaps or missing certificates), keyset-paged by child_id.
    CREATE INDEX ON ${s}.children (child_id) WHERE certificate IN ('gaps', 'missing');
    CREATE TABLE ${s}.vaccination_checks (
      child_id text NOT NULL,
      stream_revision bigint NOT NULL,
      verified_on date NOT NULL,
      certificate text NOT NULL,
      missing_vaccines text[] NOT NULL,
      last_position bigint NOT NULL,
      PRIMARY KEY (child_id, stream_revision)
    );`,
  async apply(db, s, recorded) {
    const childId = subjectOf(recorded, 'schooling');
    const event = domainEventOf(recorded) as unknown as SchoolingEvent;
    const rev = recorded.streamRevision;
    const pos = recorded.globalPosition;
    const update = (set: string, values: unknown[]) =>
      db.query(`UPDATE ${s}.children SET ${set}, stream_revision = $2, last_position = $3 WHERE child_id = $1`, [childId, rev, pos, ...values]);
    switch (event.type) {
      case 'ChildRegistered':
        await db.query(
          `INSERT INTO ${s}.children (child_id, birth_date, registered_on, stream_revision, last_position) VALUES ($1, $2, $3, $4, $5)`,
          [childId, event.data.birthDate, event.data.registeredOn, rev, pos],
        );
        return;
      case 'VaccinationVerified': {
        const d = event.data;
        await update('certificate = $4, missing_vaccines = $5, verified_on = $6', [d.certificate, d.missingVaccines, d.verifiedOn]);
        await db.query(
          `INSERT INTO ${s}.vaccination_checks (child_id, stream_revision, verified_on, certificate, missing_vaccines, last_position)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [childId, rev, d.verifiedOn, d.certificate, d.missingVaccines, pos],
        );
        return;
      }
      case 'VaccinationRecordOpened':
        await update('record_kind = $4, record_opened_on = $5, record_rule_id = $6', [
          event.data.recordKind,
          event.data.openedOn,
          event.data.decision.rules[0]?.ruleId ?? null,
        ]);
        return;
      case 'PublicHealthCoverageDecided':
        await update('public_health_covered_from = $4, public_health_categories = $5', [event.data.coveredFrom, event.data.categories]);
        return;
      case 'VaccinationCatchUpReferred':
        await update('catch_up_referred_on = $4, catch_up_vaccines = $5', [event.data.referredOn, event.data.missingVaccines]);
        return;
      case 'Enrolled':
        await update('entry_check = $4', [event.data.vaccinationCheck]);
        return;
      case 'EnrollmentApplied':
      case 'EnrollmentEligibilityDecided':
      case 'SeatOffered':
      case 'AdmissionDeclined':
      case 'ExamEligibilityDecided':
      case 'SettledBuyerPriorityGranted':
        return; // 教育局's facts
      default: {
        const unexpected: never = event;
        throw new Error(`unknown schooling event ${(unexpected as { type: string }).type}`);
      }
    }
  },
  applyBatch: (db, s, events) => applyHealthBatch(db, s, events),
};

// ——— Set-based (issue 13): the same rows as the statements above, folded in memory per batch ———

const TABLES: TableSpec[] = [
  { name: 'children', key: ['child_id'] },
  { name: 'vaccination_checks', key: ['child_id', 'stream_revision'] },
];

async function applyHealthBatch(db: ProjectionDb, s: string, events: readonly RecordedEvent[]): Promise<void> {
  const rows = new RowSet(db, s, TABLES);
  await rows.load('children', subjects(events, (e) => subjectOf(e, 'schooling')));
  for (const recorded of events) {
    const childId = subjectOf(recorded, 'schooling');
    const event = domainEventOf(recorded) as unknown as SchoolingEvent;
    const rev = recorded.streamRevision;
    const pos = recorded.globalPosition;
    const update = (changes: Record<string, unknown>) => rows.update('children', [childId], { ...changes, stream_revision: rev, last_position: pos });
    switch (event.type) {
      case 'ChildRegistered':
        rows.put('children', {
          child_id: childId,
          birth_date: event.data.birthDate,
          registered_on: event.data.registeredOn,
          certificate: null,
          missing_vaccines: null,
          verified_on: null,
          record_kind: null,
          record_opened_on: null,
          record_rule_id: null,
          public_health_covered_from: null,
          public_health_categories: null,
          catch_up_referred_on: null,
          catch_up_vaccines: null,
          entry_check: null,
          stream_revision: rev,
          last_position: pos,
        });
        break;
      case 'VaccinationVerified': {
        const d = event.data;
        update({ certificate: d.certificate, missing_vaccines: d.missingVaccines, verified_on: d.verifiedOn });
        rows.put('vaccination_checks', { child_id: childId, stream_revision: rev, verified_on: d.verifiedOn, certificate: d.certificate, missing_vaccines: d.missingVaccines, last_position: pos });
        break;
      }
      case 'VaccinationRecordOpened':
        update({ record_kind: event.data.recordKind, record_opened_on: event.data.openedOn, record_rule_id: event.data.decision.rules[0]?.ruleId ?? null });
        break;
      case 'PublicHealthCoverageDecided':
        update({ public_health_covered_from: event.data.coveredFrom, public_health_categories: event.data.categories });
        break;
      case 'VaccinationCatchUpReferred':
        update({ catch_up_referred_on: event.data.referredOn, catch_up_vaccines: event.data.missingVaccines });
        break;
      case 'Enrolled':
        update({ entry_check: event.data.vaccinationCheck });
        break;
      case 'EnrollmentApplied':
      case 'EnrollmentEligibilityDecided':
      case 'SeatOffered':
      case 'AdmissionDeclined':
      case 'ExamEligibilityDecided':
      case 'SettledBuyerPriorityGranted':
        break; // 教育局's facts
      default: {
        const unexpected: never = event;
        throw new Error(`unknown schooling event ${(unexpected as { type: string }).type}`);
      }
    }
  }
  await rows.flush();
}
