import type { RecordedEvent } from '@ledger/event-store';
import { RowSet, subjects, type Projection, type ProjectionDb, type TableSpec } from '@ledger/projections';
import type { SchoolingEvent } from '@ledger/schooling';
import { domainEventOf, subjectOf } from '../shared';

const SCHOOLING_EVENTS = [
  'ChildRegistered',
  'SettledBuyerPriorityGranted',
  'EnrollmentApplied',
  'EnrollmentEligibilityDecided',
  'SeatOffered',
  'AdmissionDeclined',
  'Enrolled',
  'ExamEligibilityDecided',
] as const;

/**
 * 教育局's read model: children, enrollment applications per district (area) and school year with
 * their eligibility decisions (ranked at query time), seats offered, enrolments, exam eligibility,
 * and each parent's permit, home and points as their own streams say.
 */
export const educationProjection: Projection = {
  name: 'education',
  version: 1,
  eventTypes: [
    ...SCHOOLING_EVENTS,
    'PermitIssued',
    'PermitSuspended',
    'PermitRestored',
    'PermitRevoked',
    'ResidenceRegistered',
    'HomePurchased',
    'PointsAssessed',
    'PointsAdjusted',
    'PointsVetoed',
    'PointsContributionsRecounted',
  ],
  createTables: (s) => `
    CREATE TABLE ${s}.children (
      child_id text PRIMARY KEY,
      birth_date date NOT NULL,
      parent_worker_ids text[] NOT NULL,
      disability text NOT NULL,
      registered_on date NOT NULL,
      -- fengdu-2017-29 §四: a settled home buyer's child ranks first from this day
      priority_from date,
      priority_parent_worker_id text,
      stream_revision bigint NOT NULL,
      last_position bigint NOT NULL
    );
    -- A worker's children (the worker summary): parent_worker_ids @> ARRAY[worker] uses it.
    CREATE INDEX ON ${s}.children USING gin (parent_worker_ids);
    CREATE TABLE ${s}.enrollment_applications (
      child_id text NOT NULL,
      application_id text NOT NULL,
      status text NOT NULL,
      applied_on date NOT NULL,
      school_year int NOT NULL,
      grade int NOT NULL,
      area text,
      -- the position of EnrollmentApplied: the tie-break of the ranking, first come first
      applied_position bigint NOT NULL,
      assessed_on date,
      priority boolean,
      ranking_points int,
      attendance text,
      home_teaching boolean,
      rule_ids text[],
      provisional boolean,
      school_id text,
      school_type text,
      offered_on date,
      declined_on date,
      decline_ground text,
      enrolled_on date,
      stream_revision bigint NOT NULL,
      last_position bigint NOT NULL,
      PRIMARY KEY (child_id, application_id)
    );
    CREATE INDEX ON ${s}.enrollment_applications (school_year, area);
    -- The applications list pages by applied_position (keyset): walked in index order, not sorted.
    CREATE INDEX ON ${s}.enrollment_applications (applied_position);
    CREATE TABLE ${s}.seat_offers (
      child_id text NOT NULL,
      stream_revision bigint NOT NULL,
      application_id text NOT NULL,
      school_id text NOT NULL,
      school_type text NOT NULL,
      class_composition text NOT NULL,
      school_choice_fen bigint NOT NULL,
      guest_study_fen bigint NOT NULL,
      government_funded boolean NOT NULL,
      offered_on date NOT NULL,
      declined_on date,
      decline_ground text,
      last_position bigint NOT NULL,
      PRIMARY KEY (child_id, stream_revision)
    );
    CREATE TABLE ${s}.enrolments (
      child_id text NOT NULL,
      application_id text NOT NULL,
      school_id text NOT NULL,
      grade int NOT NULL,
      school_year int NOT NULL,
      area text,
      enrolled_on date NOT NULL,
      vaccination_check text NOT NULL,
      last_position bigint NOT NULL,
      PRIMARY KEY (child_id, application_id)
    );
    CREATE INDEX ON ${s}.enrolments (school_year, area);
    CREATE TABLE ${s}.exam_eligibility (
      child_id text NOT NULL,
      exam_year int NOT NULL,
      exam text NOT NULL,
      school_id text NOT NULL,
      decided_on date NOT NULL,
      last_position bigint NOT NULL,
      PRIMARY KEY (child_id, exam_year, exam)
    );
    CREATE TABLE ${s}.parents (
      worker_id text PRIMARY KEY,
      permit_status text NOT NULL DEFAULT 'none',
      home_purchased_on date,
      points_total int,
      last_position bigint NOT NULL
    );`,
  async apply(db, s, recorded) {
    if (recorded.streamName.startsWith('schooling-')) return applySchooling(db, s, recorded);
    if (recorded.streamName.startsWith('residence-permit-')) return applyPermit(db, s, recorded);
    if (recorded.streamName.startsWith('housing-')) return applyHome(db, s, recorded);
    if (recorded.streamName.startsWith('points-')) return applyPoints(db, s, recorded);
  },
  applyBatch: (db, s, events) => applyEducationBatch(db, s, events),
};

async function parent(db: ProjectionDb, s: string, workerId: string, set: string, values: unknown[], position: number): Promise<void> {
  await db.query(`INSERT INTO ${s}.parents (worker_id, last_position) VALUES ($1, $2) ON CONFLICT (worker_id) DO NOTHING`, [
    workerId,
    position,
  ]);
  await db.query(`UPDATE ${s}.parents SET ${set}, last_position = $2 WHERE worker_id = $1`, [workerId, position, ...values]);
}

async function applyPermit(db: ProjectionDb, s: string, recorded: RecordedEvent): Promise<void> {
  const workerId = subjectOf(recorded, 'residence-permit');
  if (recorded.type === 'ResidenceRegistered') {
    await db.query(`UPDATE ${s}.parents SET permit_status = 'none', last_position = $2 WHERE worker_id = $1 AND permit_status = 'revoked'`, [
      workerId,
      recorded.globalPosition,
    ]);
    return;
  }
  const status: Record<string, string> = { PermitIssued: 'valid', PermitRestored: 'valid', PermitSuspended: 'suspended', PermitRevoked: 'revoked' };
  await parent(db, s, workerId, 'permit_status = $3', [status[recorded.type]], recorded.globalPosition);
}

async function applyHome(db: ProjectionDb, s: string, recorded: RecordedEvent): Promise<void> {
  const workerId = subjectOf(recorded, 'housing');
  const { purchasedOn } = domainEventOf<{ purchasedOn: string }>(recorded).data;
  // fengdu-2017-29 §四 looks at the first home bought
  await parent(db, s, workerId, 'home_purchased_on = LEAST(home_purchased_on, $3::date)', [purchasedOn], recorded.globalPosition);
}

async function applyPoints(db: ProjectionDb, s: string, recorded: RecordedEvent): Promise<void> {
  const workerId = subjectOf(recorded, 'points');
  const d = domainEventOf<{ total?: number; totalAfter?: number }>(recorded).data;
  const total = recorded.type === 'PointsVetoed' ? null : (d.total ?? d.totalAfter ?? null);
  await parent(db, s, workerId, 'points_total = $3', [total], recorded.globalPosition);
}

async function applySchooling(db: ProjectionDb, s: string, recorded: RecordedEvent): Promise<void> {
  const childId = subjectOf(recorded, 'schooling');
  const event = domainEventOf(recorded) as unknown as SchoolingEvent;
  const rev = recorded.streamRevision;
  const pos = recorded.globalPosition;
  const update = (applicationId: string, set: string, values: unknown[]) =>
    db.query(
      `UPDATE ${s}.enrollment_applications SET ${set}, stream_revision = $3, last_position = $4 WHERE child_id = $1 AND application_id = $2`,
      [childId, applicationId, rev, pos, ...values],
    );
  switch (event.type) {
    case 'ChildRegistered': {
      const d = event.data;
      await db.query(
        `INSERT INTO ${s}.children (child_id, birth_date, parent_worker_ids, disability, registered_on, stream_revision, last_position)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [childId, d.birthDate, d.parentWorkerIds, d.disability, d.registeredOn, rev, pos],
      );
      return;
    }
    case 'SettledBuyerPriorityGranted':
      await db.query(
        `UPDATE ${s}.children SET priority_from = $2, priority_parent_worker_id = $3, stream_revision = $4, last_position = $5
          WHERE child_id = $1`,
        [childId, event.data.grantedFrom, event.data.parentWorkerId, rev, pos],
      );
      return;
    case 'EnrollmentApplied': {
      const d = event.data;
      await db.query(
        `INSERT INTO ${s}.enrollment_applications (child_id, application_id, status, applied_on, school_year, grade, area,
           applied_position, stream_revision, last_position) VALUES ($1, $2, 'applied', $3, $4, $5, $6, $7, $8, $7)`,
        [childId, d.applicationId, d.appliedOn, d.schoolYear, d.grade, d.area ?? null, pos, rev],
      );
      return;
    }
    case 'EnrollmentEligibilityDecided': {
      const d = event.data;
      await update(
        d.applicationId,
        `status = 'eligible', assessed_on = $5, priority = $6, ranking_points = $7, attendance = $8, home_teaching = $9,
         rule_ids = $10, provisional = $11`,
        [d.assessedOn, d.priority, d.rankingPoints, d.attendance, d.homeTeaching, d.decision.rules.map((r) => r.ruleId), d.decision.provisional],
      );
      return;
    }
    case 'SeatOffered': {
      const d = event.data;
      await update(d.applicationId, `status = 'offered', school_id = $5, school_type = $6, offered_on = $7, declined_on = NULL, decline_ground = NULL`, [
        d.schoolId,
        d.schoolType,
        d.offeredOn,
      ]);
      await db.query(
        `INSERT INTO ${s}.seat_offers (child_id, stream_revision, application_id, school_id, school_type, class_composition,
           school_choice_fen, guest_study_fen, government_funded, offered_on, last_position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [childId, rev, d.applicationId, d.schoolId, d.schoolType, d.classComposition, d.fees.schoolChoiceFen, d.fees.guestStudyFen,
          d.governmentFunded, d.offeredOn, pos],
      );
      return;
    }
    case 'AdmissionDeclined': {
      const d = event.data;
      // The application is open again for another seat.
      await update(d.applicationId, `status = 'eligible', school_id = NULL, school_type = NULL, declined_on = $5, decline_ground = $6`, [
        d.declinedOn,
        d.ground,
      ]);
      await db.query(
        `UPDATE ${s}.seat_offers SET declined_on = $4, decline_ground = $5, last_position = $6
          WHERE (child_id, stream_revision) IN (SELECT child_id, max(stream_revision) FROM ${s}.seat_offers
                                                 WHERE child_id = $1 AND application_id = $2 AND school_id = $3 GROUP BY child_id)`,
        [childId, d.applicationId, d.schoolId, d.declinedOn, d.ground, pos],
      );
      return;
    }
    case 'Enrolled': {
      const d = event.data;
      await update(d.applicationId, `status = 'enrolled', enrolled_on = $5`, [d.enrolledOn]);
      await db.query(
        `INSERT INTO ${s}.enrolments (child_id, application_id, school_id, grade, school_year, area, enrolled_on, vaccination_check, last_position)
         SELECT $1, $2, $3, $4, a.school_year, a.area, $5, $6, $7 FROM ${s}.enrollment_applications a
          WHERE a.child_id = $1 AND a.application_id = $2`,
        [childId, d.applicationId, d.schoolId, d.grade, d.enrolledOn, d.vaccinationCheck, pos],
      );
      return;
    }
    case 'ExamEligibilityDecided': {
      const d = event.data;
      await db.query(
        `INSERT INTO ${s}.exam_eligibility (child_id, exam_year, exam, school_id, decided_on, last_position) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (child_id, exam_year, exam) DO UPDATE SET school_id = excluded.school_id, decided_on = excluded.decided_on,
           last_position = excluded.last_position`,
        [childId, d.examYear, d.exam, d.schoolId, d.decidedOn, pos],
      );
      return;
    }
    case 'VaccinationVerified':
    case 'VaccinationRecordOpened':
    case 'PublicHealthCoverageDecided':
    case 'VaccinationCatchUpReferred':
      return; // 卫健委's facts: the health read model
    default: {
      const unexpected: never = event;
      throw new Error(`unknown schooling event ${(unexpected as { type: string }).type}`);
    }
  }
}


// ——— Set-based (issue 13): the same rows as the statements above, folded in memory per batch ———

const TABLES: TableSpec[] = [
  { name: 'children', key: ['child_id'] },
  { name: 'enrollment_applications', key: ['child_id', 'application_id'] },
  { name: 'seat_offers', key: ['child_id', 'stream_revision'] },
  { name: 'enrolments', key: ['child_id', 'application_id'] },
  { name: 'exam_eligibility', key: ['child_id', 'exam_year', 'exam'] },
  { name: 'parents', key: ['worker_id'] },
];

const PARENT_STATUS: Record<string, string> = { PermitIssued: 'valid', PermitRestored: 'valid', PermitSuspended: 'suspended', PermitRevoked: 'revoked' };

async function applyEducationBatch(db: ProjectionDb, s: string, events: readonly RecordedEvent[]): Promise<void> {
  const rows = new RowSet(db, s, TABLES);
  const children = subjects(events, (e) => (e.streamName.startsWith('schooling-') ? subjectOf(e, 'schooling') : undefined));
  const parents = subjects(events, (e) => {
    for (const category of ['residence-permit', 'housing', 'points']) if (e.streamName.startsWith(`${category}-`)) return subjectOf(e, category);
    return undefined;
  });
  await rows.load('children', children);
  await rows.load('enrollment_applications', children);
  await rows.load('seat_offers', children);
  await rows.load('parents', parents);
  for (const recorded of events) {
    if (recorded.streamName.startsWith('schooling-')) foldSchooling(rows, recorded);
    else if (recorded.streamName.startsWith('residence-permit-')) foldParentPermit(rows, recorded);
    else if (recorded.streamName.startsWith('housing-')) foldParentHome(rows, recorded);
    else if (recorded.streamName.startsWith('points-')) foldParentPoints(rows, recorded);
  }
  await rows.flush();
}

function parentRow(rows: RowSet, workerId: string, change: (p: Record<string, unknown>) => void, position: number): void {
  const p = rows.get('parents', [workerId]) ?? rows.put('parents', { worker_id: workerId, permit_status: 'none', home_purchased_on: null, points_total: null, last_position: position });
  change(p);
  p.last_position = position;
  rows.touch('parents', p);
}

function foldParentPermit(rows: RowSet, recorded: RecordedEvent): void {
  const workerId = subjectOf(recorded, 'residence-permit');
  if (recorded.type === 'ResidenceRegistered') {
    if (rows.get('parents', [workerId])?.permit_status === 'revoked') rows.update('parents', [workerId], { permit_status: 'none', last_position: recorded.globalPosition });
    return;
  }
  parentRow(rows, workerId, (p) => (p.permit_status = PARENT_STATUS[recorded.type]), recorded.globalPosition);
}

function foldParentHome(rows: RowSet, recorded: RecordedEvent): void {
  const workerId = subjectOf(recorded, 'housing');
  const { purchasedOn } = domainEventOf<{ purchasedOn: string }>(recorded).data;
  // fengdu-2017-29 §四 looks at the first home bought (LEAST skips a NULL)
  parentRow(
    rows,
    workerId,
    (p) => {
      const held = p.home_purchased_on as string | null;
      p.home_purchased_on = held === null || held === undefined || purchasedOn < held ? purchasedOn : held;
    },
    recorded.globalPosition,
  );
}

function foldParentPoints(rows: RowSet, recorded: RecordedEvent): void {
  const workerId = subjectOf(recorded, 'points');
  const d = domainEventOf<{ total?: number; totalAfter?: number }>(recorded).data;
  const total = recorded.type === 'PointsVetoed' ? null : (d.total ?? d.totalAfter ?? null);
  parentRow(rows, workerId, (p) => (p.points_total = total), recorded.globalPosition);
}

function foldSchooling(rows: RowSet, recorded: RecordedEvent): void {
  const childId = subjectOf(recorded, 'schooling');
  const event = domainEventOf(recorded) as unknown as SchoolingEvent;
  const rev = recorded.streamRevision;
  const pos = recorded.globalPosition;
  const update = (applicationId: string, changes: Record<string, unknown>) =>
    rows.update('enrollment_applications', [childId, applicationId], { ...changes, stream_revision: rev, last_position: pos });
  switch (event.type) {
    case 'ChildRegistered': {
      const d = event.data;
      rows.put('children', {
        child_id: childId,
        birth_date: d.birthDate,
        parent_worker_ids: d.parentWorkerIds,
        disability: d.disability,
        registered_on: d.registeredOn,
        priority_from: null,
        priority_parent_worker_id: null,
        stream_revision: rev,
        last_position: pos,
      });
      return;
    }
    case 'SettledBuyerPriorityGranted':
      rows.update('children', [childId], { priority_from: event.data.grantedFrom, priority_parent_worker_id: event.data.parentWorkerId, stream_revision: rev, last_position: pos });
      return;
    case 'EnrollmentApplied': {
      const d = event.data;
      rows.put('enrollment_applications', {
        child_id: childId,
        application_id: d.applicationId,
        status: 'applied',
        applied_on: d.appliedOn,
        school_year: d.schoolYear,
        grade: d.grade,
        area: d.area ?? null,
        applied_position: pos,
        assessed_on: null,
        priority: null,
        ranking_points: null,
        attendance: null,
        home_teaching: null,
        rule_ids: null,
        provisional: null,
        school_id: null,
        school_type: null,
        offered_on: null,
        declined_on: null,
        decline_ground: null,
        enrolled_on: null,
        stream_revision: rev,
        last_position: pos,
      });
      return;
    }
    case 'EnrollmentEligibilityDecided': {
      const d = event.data;
      update(d.applicationId, {
        status: 'eligible',
        assessed_on: d.assessedOn,
        priority: d.priority,
        ranking_points: d.rankingPoints,
        attendance: d.attendance,
        home_teaching: d.homeTeaching,
        rule_ids: d.decision.rules.map((r) => r.ruleId),
        provisional: d.decision.provisional,
      });
      return;
    }
    case 'SeatOffered': {
      const d = event.data;
      update(d.applicationId, { status: 'offered', school_id: d.schoolId, school_type: d.schoolType, offered_on: d.offeredOn, declined_on: null, decline_ground: null });
      rows.put('seat_offers', {
        child_id: childId,
        stream_revision: rev,
        application_id: d.applicationId,
        school_id: d.schoolId,
        school_type: d.schoolType,
        class_composition: d.classComposition,
        school_choice_fen: d.fees.schoolChoiceFen,
        guest_study_fen: d.fees.guestStudyFen,
        government_funded: d.governmentFunded,
        offered_on: d.offeredOn,
        declined_on: null,
        decline_ground: null,
        last_position: pos,
      });
      return;
    }
    case 'AdmissionDeclined': {
      const d = event.data;
      // The application is open again for another seat.
      update(d.applicationId, { status: 'eligible', school_id: null, school_type: null, declined_on: d.declinedOn, decline_ground: d.ground });
      const offer = rows
        .of('seat_offers', childId)
        .filter((o) => o.application_id === d.applicationId && o.school_id === d.schoolId)
        .sort((a, b) => Number(b.stream_revision) - Number(a.stream_revision))[0];
      if (offer) {
        Object.assign(offer, { declined_on: d.declinedOn, decline_ground: d.ground, last_position: pos });
        rows.touch('seat_offers', offer);
      }
      return;
    }
    case 'Enrolled': {
      const d = event.data;
      const a = update(d.applicationId, { status: 'enrolled', enrolled_on: d.enrolledOn });
      if (a) {
        rows.put('enrolments', {
          child_id: childId,
          application_id: d.applicationId,
          school_id: d.schoolId,
          grade: d.grade,
          school_year: a.school_year,
          area: a.area,
          enrolled_on: d.enrolledOn,
          vaccination_check: d.vaccinationCheck,
          last_position: pos,
        });
      }
      return;
    }
    case 'ExamEligibilityDecided': {
      const d = event.data;
      rows.put('exam_eligibility', { child_id: childId, exam_year: d.examYear, exam: d.exam, school_id: d.schoolId, decided_on: d.decidedOn, last_position: pos });
      return;
    }
    case 'VaccinationVerified':
    case 'VaccinationRecordOpened':
    case 'PublicHealthCoverageDecided':
    case 'VaccinationCatchUpReferred':
      return; // 卫健委's facts: the health read model
    default: {
      const unexpected: never = event;
      throw new Error(`unknown schooling event ${(unexpected as { type: string }).type}`);
    }
  }
}
