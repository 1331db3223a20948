import type { EventStore, EventToAppend } from '@ledger/event-store';
import { derivedEventId } from '@ledger/application/execute-command';
import { EVENT_UPCASTERS } from '@ledger/application/upcasters';
import { addDays, addPeriod } from '@ledger/kernel';
import type { DecisionRecord, IsoDate } from '@ledger/kernel';
import { decisionRecord, loadPack, PolicyView } from '@ledger/policy';

/** A small deterministic PRNG (mulberry32): the same seed gives the same history. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DISTRICTS = ['510402', '510403', '510411', '510421', '510422'];
const ELSEWHERE = ['510100', '500000', '530100', '513400'];
const SURNAMES = ['张', '李', '王', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰'];
const actor = { department: 'generator', principal: 'generate-history' };

/**
 * A 身份证号 of its own for worker n: the area code and the 3-digit serial together tell the
 * workers apart (the ledger keeps one worker per 身份证号). Below 1,000 workers the area is the
 * hukou's, as it always was; above, 520001… per thousand, so 100,000 workers never collide.
 */
function idNumber(area: string, birth: IsoDate, serial: number): string {
  if (serial >= 1000) area = String(520000 + Math.floor(serial / 1000));
  const body = `${area}${birth.replace(/-/g, '')}${String(serial % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, c, i) => acc + Number(c) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

const packs = new Map<string, PolicyView>();

/**
 * A decision record as the domain writes one: each rule resolved from the pack as of the day, so
 * its clause and quote are the pack's own and an id no pack holds cannot be generated.
 */
function decision(ruleIds: string | string[], decidedOn: IsoDate, inputs: Record<string, unknown> = {}, packId = 'panzhihua'): DecisionRecord {
  let view = packs.get(packId);
  if (!view) packs.set(packId, (view = new PolicyView(loadPack(packId))));
  const rules = ([] as string[]).concat(ruleIds).map((id) => {
    const rule = view.find(id, decidedOn);
    if (!rule) throw new Error(`pack ${packId} has no rule ${id} in force on ${decidedOn}`);
    return rule;
  });
  return decisionRecord(view, decidedOn, rules, inputs);
}

function months(from: string, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(addPeriod(`${from}-01`, { months: i }).slice(0, 7));
  return out;
}

export type Draft = { type: string; data: Record<string, unknown>; effectiveOn?: IsoDate };

/** One worker's streams, each a list of events in order (and a child's, for about half of them). */
export function workerStreams(n: number, seed: number, rand: () => number): Map<string, Draft[]> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const day = (from: IsoDate, maxDays: number) => addDays(from, Math.floor(rand() * maxDays));
  const id = `g${seed.toString(36)}-${n}`;
  const district = pick(DISTRICTS);
  const birth = day('1970-01-01', 365 * 30);
  const arrival = day('2016-06-01', 365 * 6);
  const streams = new Map<string, Draft[]>();

  streams.set(`worker-${id}`, [
    {
      type: 'WorkerRegistered',
      data: {
        workerId: id,
        name: pick(SURNAMES) + pick(GIVEN) + (rand() < 0.5 ? pick(GIVEN) : ''),
        idNumber: idNumber('513401', birth, n),
        phone: `13${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
        birthDate: birth,
        hukouPlace: { areaCode: '513401', address: '某县某村' },
        arrivalOn: arrival,
        registeredOn: addDays(arrival, 3),
      },
    },
    ...(rand() < 0.3 ? [{ type: 'ContactDetailsChanged', data: { workerId: id, phone: `15${String(n).padStart(9, '0')}`, changedOn: addDays(arrival, 400) } }] : []),
  ]);

  // residence permit: registered, applied after half a year, issued, endorsed yearly; some lapse and are restored late
  const permit: Draft[] = [];
  const registeredOn = addDays(arrival, 3);
  const appliedOn = addPeriod(arrival, { months: 6, days: Math.floor(rand() * 60) });
  const issuedOn = addDays(appliedOn, 10 + Math.floor(rand() * 20));
  const schedule = (anchor: IsoDate, year: number) => {
    const dueOn = addPeriod(anchor, { years: year });
    return { anchor, year, windowOpensOn: addPeriod(dueOn, { months: -1 }), dueOn, overdueFrom: dueOn };
  };
  permit.push(
    { type: 'ResidenceRegistered', data: { workerId: id, address: { line: `${district}某路${n}号`, districtCode: district }, arrivalOn: arrival, registeredOn } },
    { type: 'PermitApplied', data: { workerId: id, appliedOn, ground: pick(['stable-job', 'stable-home', 'study']), residenceSince: arrival, decision: decision('permit.apply.conditions', appliedOn) } },
    {
      type: 'PermitIssued',
      data: {
        workerId: id,
        permitNumber: `${district}${String(seed % 1000).padStart(3, '0')}${String(n).padStart(9, '0')}`,
        issuedOn,
        continuousResidenceSince: arrival,
        nextEndorsement: schedule(issuedOn, 1),
        issuingOfficeCode: district,
        decision: decision(['permit.apply.conditions', 'permit.endorse.yearly', 'permit.equal-services'], issuedOn),
      },
    },
  );
  let anchor = issuedOn;
  let year = 1;
  const years = 1 + Math.floor(rand() * 5);
  for (let k = 0; k < years; k++) {
    const due = schedule(anchor, year);
    if (rand() < 0.12) {
      const late = addDays(due.dueOn, 5 + Math.floor(rand() * 60));
      permit.push(
        { type: 'PermitSuspended', data: { workerId: id, suspendedOn: due.overdueFrom, missedDueOn: due.dueOn, decision: decision('permit.lapse', due.overdueFrom) } },
        { type: 'PermitRestored', data: { workerId: id, endorsedOn: late, suspendedOn: due.overdueFrom, continuousResidenceSince: late, nextEndorsement: schedule(late, 1), decision: decision('permit.restore', late) } },
      );
      anchor = late;
      year = 1;
    } else {
      const on = addDays(due.windowOpensOn, Math.floor(rand() * 28));
      permit.push({ type: 'PermitEndorsed', data: { workerId: id, endorsedOn: on, endorsedYear: year, nextEndorsement: schedule(anchor, year + 1), decision: decision('permit.endorse.yearly', on) } });
      year++;
    }
  }
  if (rand() < 0.25) {
    const moved = pick(DISTRICTS);
    const movedOn = addDays(issuedOn, 200 + Math.floor(rand() * 300));
    permit.push({ type: 'AddressChanged', data: { workerId: id, address: { line: `${moved}新街${n}号`, districtCode: moved }, movedOn }, effectiveOn: movedOn });
  }
  streams.set(`residence-permit-${id}`, permit);

  // insurance: yearly reports per scheme, some paid elsewhere first and transferred
  const insurance: Draft[] = [];
  const firstYear = Number(arrival.slice(0, 4));
  const elsewhere = rand() < 0.35 ? pick(ELSEWHERE) : undefined;
  if (elsewhere) {
    const m = months(`${firstYear - 2}-01`, 24);
    insurance.push({ type: 'ContributionsRecorded', data: { workerId: id, scheme: 'employee-pension', region: elsewhere, months: m, baseFen: 300_000 + Math.floor(rand() * 200_000) }, effectiveOn: `${m[0]}-01` });
  }
  for (let y = firstYear; y < Math.min(firstYear + 6, 2025); y++) {
    for (const scheme of ['employee-pension', 'employee-medical']) {
      const m = months(`${y}-01`, 12);
      insurance.push({ type: 'ContributionsRecorded', data: { workerId: id, scheme, region: '510400', months: m, baseFen: 350_000 + Math.floor(rand() * 300_000), employerId: `e-${n % 97}` }, effectiveOn: `${m[0]}-01` });
    }
  }
  if (elsewhere) {
    const t = `t-${id}`;
    const requestedOn = day(`${Math.min(firstYear + 1, 2024)}-02-01`, 200);
    insurance.push({
      type: 'TransferRequested',
      data: { workerId: id, transferId: t, fromScheme: 'employee-pension', toScheme: 'employee-pension', fromRegion: elsewhere, toRegion: '510400', requestedOn, letterDue: addDays(requestedOn, 15), completionDue: addDays(requestedOn, 45), decision: decision('si.transfer.pension', requestedOn) },
    });
    if (rand() < 0.8) {
      insurance.push({ type: 'TransferLetterIssued', data: { transferId: t, letterId: `L-${t}`, issuedOn: addDays(requestedOn, 7) } });
      const m = months(`${firstYear - 2}-01`, 24);
      insurance.push({ type: 'TransferFundsReceived', data: { transferId: t, months: m, amountFen: 2_000_000, receivedOn: addDays(requestedOn, 25) } });
      insurance.push({ type: 'TransferCompleted', data: { workerId: id, transferId: t, scheme: 'employee-pension', region: '510400', monthsCredited: m, monthsAlreadyHeld: [], completedOn: addDays(requestedOn, 30), decision: decision('si.transfer.pension', addDays(requestedOn, 30)) } });
    }
  }
  streams.set(`insurance-${id}`, insurance);

  // points: one assessment in the round; a few deductions and vetoes
  const permitYears = Math.max(0, years - 1);
  const total = permitYears * 2 + Math.floor(rand() * 40);
  const points: Draft[] = [
    {
      type: 'PointsAssessed',
      data: {
        workerId: id,
        round: { roundId: '2025-H1', referenceDate: '2025-06-30' },
        purpose: 'public-services',
        assessedOn: '2025-07-05',
        breakdown: [
          { factor: 'permit', basis: permitYears, points: permitYears * 2, capped: false },
          { factor: 'contributions', basis: 0, points: total - permitYears * 2, capped: false },
        ],
        gross: total,
        total,
        factorsVersion: { packId: 'shaoxing', packVersion: '1.0.0', effectiveFrom: '2016-01-01' },
        permitIssuedOn: issuedOn,
        violationIds: [],
        decision: decision('points.factors', '2025-07-05', {}, 'shaoxing'),
      },
    },
  ];
  if (rand() < 0.05) {
    points.push({ type: 'PointsAdjusted', data: { workerId: id, roundId: '2025-H1', kind: 'violation-deduction', violationId: `v-${id}`, adjustedOn: '2025-08-01', delta: -5, grossAfter: total - 5, totalAfter: Math.max(0, total - 5), decision: decision('points.factors', '2025-08-01', {}, 'shaoxing') } });
  } else if (rand() < 0.01) {
    points.push({ type: 'PointsVetoed', data: { workerId: id, ground: 'fraud', ref: `r-${id}`, vetoedOn: '2025-08-01', decision: decision('points.factors', '2025-08-01', {}, 'shaoxing') } });
  }
  streams.set(`points-${id}`, points);

  // housing: some rent (waitlisted, some housed), some buy
  if (rand() < 0.3) {
    const a = `a-${id}`;
    const on = day('2024-01-01', 500);
    const housing: Draft[] = [
      { type: 'RentalApplicationSubmitted', data: { workerId: id, applicationId: a, submittedOn: on, householdSize: 1 + Math.floor(rand() * 4) } },
      { type: 'RentalEligibilityDecided', data: { applicationId: a, eligible: true, assessedOn: on, decision: decision('housing.rental.stable-employment', on) } },
      { type: 'Waitlisted', data: { applicationId: a, waitlistedOn: on } },
    ];
    if (rand() < 0.5) {
      const allocatedOn = addDays(on, 60);
      housing.push(
        { type: 'UnitAllocated', data: { applicationId: a, unitId: `u-${n}`, allocatedOn } },
        { type: 'LeaseSigned', data: { applicationId: a, leaseId: `l-${id}`, unitId: `u-${n}`, signedOn: allocatedOn, startsOn: addDays(allocatedOn, 10), endsOn: addDays(allocatedOn, 740), monthlyRentFen: 40_000 + Math.floor(rand() * 20_000) } },
      );
    }
    streams.set(`housing-${id}`, housing);
  } else if (rand() < 0.15) {
    const on = day('2020-01-01', 1800);
    streams.set(`housing-${id}`, [
      { type: 'HomePurchased', data: { purchaseId: `p-${id}`, purchasedOn: on, homeKind: 'commercial', taxRelief: { taxes: ['deed-tax', 'stamp-duty'], rate: null }, decision: decision('housing.purchase.tax-relief', on) }, effectiveOn: on },
    ]);
  }

  // employment: some were unemployed for a while
  if (rand() < 0.2) {
    const on = addPeriod(arrival, { months: 7 });
    streams.set(`employment-${id}`, [
      { type: 'UnemploymentRegistered', data: { workerId: id, registeredOn: on, continuousResidenceSince: arrival, decision: decision('unemployment.registration.min-residence', on) } },
      { type: 'EmploymentRegistered', data: { workerId: id, employerId: `e-${n % 97}`, startedOn: addDays(on, 60), registeredOn: addDays(on, 60), decision: decision('employment.registration', addDays(on, 60)) } },
    ]);
  }

  // schooling and health: about half have a child of school age
  if (rand() < 0.5) {
    const c = `c-${id}`;
    const childBirth = day('2012-01-01', 365 * 6);
    const year = 2020 + Math.floor(rand() * 5);
    const on = `${year}-06-01`;
    const area = pick(DISTRICTS);
    const certificate = rand() < 0.85 ? 'complete' : 'gaps';
    const schooling: Draft[] = [
      { type: 'ChildRegistered', data: { childId: c, birthDate: childBirth, parentWorkerIds: [id], disability: 'none', registeredOn: addDays(arrival, 30) } },
      { type: 'VaccinationVerified', data: { verifiedOn: addDays(arrival, 40), certificate, missingVaccines: certificate === 'gaps' ? ['MMR-2'] : [] } },
      { type: 'PublicHealthCoverageDecided', data: { coveredFrom: addPeriod(arrival, { months: 6 }), categories: 12, decision: decision('health.basic-public', addPeriod(arrival, { months: 6 })) } },
      { type: 'EnrollmentApplied', data: { applicationId: `e-${id}`, appliedOn: on, schoolYear: year, grade: 1 + Math.floor(rand() * 6), area } },
      { type: 'EnrollmentEligibilityDecided', data: { applicationId: `e-${id}`, assessedOn: on, priority: false, rankingPoints: null, attendance: 'regular', homeTeaching: false, decision: decision('school.admission.guarantee', on) } },
    ];
    if (rand() < 0.8) {
      schooling.push(
        { type: 'SeatOffered', data: { applicationId: `e-${id}`, schoolId: `s-${area}-${n % 7}`, schoolType: 'public', classComposition: 'mixed', fees: { schoolChoiceFen: 0, guestStudyFen: 0 }, governmentFunded: true, offeredOn: `${year}-07-01`, decision: decision('school.fees.equal', `${year}-07-01`) } },
        { type: 'Enrolled', data: { applicationId: `e-${id}`, schoolId: `s-${area}-${n % 7}`, grade: 1, enrolledOn: `${year}-09-01`, vaccinationCheck: 'not-required', decision: decision('school.admission.guarantee', `${year}-09-01`) } },
      );
    }
    streams.set(`schooling-${c}`, schooling);
  }
  return streams;
}

export interface GenerateOptions {
  workers: number;
  seed: number;
  /** Workers appended at once (each worker's streams are appended in order). */
  concurrency?: number;
  onProgress?: (workersDone: number) => void;
  /** Only the streams of these categories (`worker`, `residence-permit`, …); all when absent. */
  categories?: string[];
}

/**
 * Appends N workers' worth of realistic events (permits with 签注 and lapses, contributions in two
 * places and transfers, points, rentals and homes, registrations, a child's schooling and health),
 * in the domains' event shapes, straight to the store: one append per stream, so it is fast enough
 * for a 1,000,000-event benchmark. Deterministic for a seed (ids derive from it too). About 30
 * events a worker. Returns the number of events appended and the last position.
 */
export async function generateHistory(store: EventStore, options: GenerateOptions): Promise<{ events: number; lastPosition: number }> {
  const concurrency = Math.max(1, options.concurrency ?? 8);
  let next = 0;
  let events = 0;
  let lastPosition = 0;
  let done = 0;
  const one = async (n: number) => {
    const rand = prng((options.seed * 2654435761 + n) >>> 0);
    const streams = workerStreams(n, options.seed, rand);
    for (const [streamName, drafts] of streams) {
      if (options.categories && !options.categories.some((c) => streamName.startsWith(`${c}-`))) continue;
      const batch: EventToAppend<unknown>[] = drafts.map((d, i) => ({
        eventId: derivedEventId(streamName, `generated-${options.seed}`, i),
        type: d.type,
        schemaVersion: EVENT_UPCASTERS.currentVersion(d.type),
        data: d.data,
        metadata: { actor, correlationId: derivedEventId(streamName, `generated-${options.seed}`, -1), ...(d.effectiveOn ? { effectiveOn: d.effectiveOn } : {}) },
      }));
      const result = await store.appendToStream(streamName, batch, { expectedRevision: 'any' });
      events += batch.length;
      lastPosition = Math.max(lastPosition, result.position);
    }
    done++;
    if (done % 1000 === 0) options.onProgress?.(done);
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < options.workers) await one(next++);
    }),
  );
  return { events, lastPosition };
}
