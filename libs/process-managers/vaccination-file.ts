import type { Pool } from 'pg';
import type { RecordedEvent } from '@ledger/event-store';
import { StreamStates } from '@ledger/application';
import { housingDecider, type HousingState } from '@ledger/housing';
import type { IsoDate } from '@ledger/kernel';
import type { ProjectionDb } from '@ledger/projections';
import { permitDecider, type PermitState } from '@ledger/residence-permit';
import { schoolingDecider, type SchoolingState } from '@ledger/schooling';
import { tickDueRows } from './due-tick';
import type { ProcessManagerDeps } from './follow-up';
import { OUTCOMES_DDL, type FollowUpOutcome } from './outcomes';
import { CHILDREN_DDL, childrenOf, recordChild, subjectOf, type ProcessManager } from './process-manager';
import { vaccinationDueOn } from './vaccination-due';

const NAME = 'vaccination-file';

/** Parent events that move a due date: residence (registration, correction, permit, late 签注, revocation) and purchase. */
const PARENT_EVENTS = [
  'ResidenceRegistered',
  'ArrivalDateCorrected',
  'PermitIssued',
  'PermitRestored',
  'PermitRevoked',
  'HomePurchased',
];

/**
 * A child resident for the pack's months gets the vaccination record (shaoxing-2016-11
 * health.vaccination.card: 3 months; fengdu-2017-29 §三 health.vaccination.file: a home buyer's
 * child aged 0–6). Time-based: events keep a due date per child (`due`), `tick(today)` opens
 * the records due by then. The key is the event that last set the due date, so a tick retried
 * after a crash, or a replay of the same history, finds the events it appended.
 */
export function vaccinationFileProcessManager(deps: ProcessManagerDeps): ProcessManager {
  async function reschedule(db: ProjectionDb, schema: string, childId: string, event: RecordedEvent) {
    const { rows } = await db.query<{ birth_date: string; registered_on: string; parent_ids: string[] }>(
      `SELECT birth_date::text, registered_on::text, parent_ids FROM ${schema}.children WHERE child_id = $1`,
      [childId],
    );
    const child = rows[0];
    const states = new StreamStates(deps.store);
    const schooling = await states.load<SchoolingState, never>(`schooling-${childId}`, schoolingDecider as never);
    if (!child || schooling.state.vaccinationRecord) {
      await db.query(`DELETE FROM ${schema}.due WHERE child_id = $1`, [childId]);
      return;
    }
    const parents = await Promise.all(
      child.parent_ids.map(async (id) => {
        const [permit, housing] = await Promise.all([
          states.load<PermitState, never>(`residence-permit-${id}`, permitDecider as never),
          states.load<HousingState, never>(`housing-${id}`, housingDecider as never),
        ]);
        const bought = housing.state.homes.map((h) => h.purchasedOn).sort()[0];
        return { residenceSince: permit.state.continuousResidenceSince, homePurchasedOn: bought };
      }),
    );
    const dueOn = vaccinationDueOn(
      deps.policy,
      { birthDate: child.birth_date, registeredOn: child.registered_on },
      parents,
    );
    if (!dueOn) {
      await db.query(`DELETE FROM ${schema}.due WHERE child_id = $1`, [childId]);
      return;
    }
    await db.query(
      `INSERT INTO ${schema}.due (child_id, due_on, caused_by, correlation_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (child_id) DO UPDATE SET due_on = excluded.due_on, caused_by = excluded.caused_by,
         correlation_id = excluded.correlation_id`,
      [childId, dueOn, event.eventId, event.metadata.correlationId ?? null],
    );
  }

  return {
    name: 'pm_vaccination_file',
    processManager: NAME,
    version: 1,
    eventTypes: ['ChildRegistered', 'VaccinationRecordOpened', ...PARENT_EVENTS],
    createTables: (schema) => `${OUTCOMES_DDL}${CHILDREN_DDL(schema)}
      CREATE TABLE ${schema}.due (
        child_id text PRIMARY KEY,
        due_on date NOT NULL,
        caused_by text NOT NULL,
        correlation_id text
      );
      CREATE INDEX due_by_date ON ${schema}.due (due_on);`,
    async apply(db, schema, event) {
      if (event.type === 'ChildRegistered') {
        await reschedule(db, schema, await recordChild(db, schema, event), event);
      } else if (event.type === 'VaccinationRecordOpened') {
        await db.query(`DELETE FROM ${schema}.due WHERE child_id = $1`, [subjectOf(event, 'schooling')]);
      } else if (PARENT_EVENTS.includes(event.type)) {
        const parentId =
          event.type === 'HomePurchased' ? subjectOf(event, 'housing') : subjectOf(event, 'residence-permit');
        for (const childId of await childrenOf(db, schema, parentId)) await reschedule(db, schema, childId, event);
      }
    },

    /**
     * Opens every record due by `today`, in one transaction with the due rows it takes (FOR UPDATE
     * SKIP LOCKED: two projector replicas ticking at once split the rows, never share one). A
     * refusal that names the day it would pass (eligibleFrom) moves the row to that day.
     */
    tick(pool: Pool, today: IsoDate, schemaName = 'pm_vaccination_file'): Promise<FollowUpOutcome[]> {
      return tickDueRows(deps, pool, { schemaName, keyColumn: 'child_id', dateColumn: 'due_on' }, today, (row) => ({
        processManager: NAME,
        category: 'schooling',
        subjectId: row.subjectId,
        command: { type: 'OpenVaccinationRecord', data: { openedOn: row.dueOn } },
      }));
    },
  };
}
