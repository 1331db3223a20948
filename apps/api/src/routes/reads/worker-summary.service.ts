import { Inject, Injectable, Optional } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { employmentDecider, EmploymentState } from '@ledger/employment';
import { housingDecider, HousingState } from '@ledger/housing';
import { insuranceDecider, InsuranceState, SCHEMES, contributionMonths, transfersInFlight } from '@ledger/insurance';
import type { AppliedRule, Decider, DomainEvent } from '@ledger/kernel';
import { permitDecider, PermitState } from '@ledger/residence-permit';
import { pointsDecider, PointsState } from '@ledger/points';
import { schoolingDecider, SchoolingState } from '@ledger/schooling';
import { workerDecider, WorkerState } from '@ledger/worker';
import { ReadCredential, readableBy, seesPersonalData } from './access';
import { ChildLinks } from './child-links';
import { Clocks, microsToIso } from './clocks';
import { revisionsTag } from './etag';
import { maskPersonalFields } from './masking';
import { SummaryFoldCache } from './summary-fold-cache';
import { foldAsOf, foldKey, type Found, SummarySnapshots } from './summary-snapshots';
import type {
  EmploymentView,
  HiddenSection,
  HousingView,
  InsuranceView,
  PermitView,
  PointsView,
  SchoolingView,
  SectionHead,
  SectionRules,
  WorkerSummaryBody,
  WorkerView,
} from './queries/workers/worker-summary.types';

type Folder<S> = Pick<Decider<unknown, DomainEvent, S, unknown>, 'initialState' | 'evolve'>;

export interface FoldedStream<S> extends SectionHead {
  state: S;
  /** Illustrative rules (示例参数) the stream's decisions in effect applied. */
  illustrativeRules: string[];
  /** Every rule the stream's decisions in effect applied, by rule id. */
  rules: AppliedRule[];
}

/** A worker's whole picture (docs/architecture.md §1, 一窗式), and the ETag of the revisions it was folded from. */
export interface WorkerSummary {
  body: WorkerSummaryBody;
  etag: string;
  found: boolean;
}

/**
 * Folds every stream of a worker with its own domain's decider, from the store (the source
 * of truth; read models may lag), under the two clocks of principle 9. Without either clock,
 * from the folds this process keeps (`SummaryFoldCache`, docs/read-path.md), brought up to the
 * store's heads first.
 */
@Injectable()
export class WorkerSummaryService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly children: ChildLinks,
    @Optional() private readonly snapshots?: SummarySnapshots,
    @Optional() private readonly cache?: SummaryFoldCache,
  ) {}

  async summarise(workerId: string, clocks: Clocks, credential: ReadCredential): Promise<WorkerSummary> {
    const readable = readableBy(credential);
    const seesPersonal = seesPersonalData(credential.department);
    const current = this.cache && clocks.asOf === undefined && clocks.knownAtMicros === undefined;
    const folds = current
      ? await this.fromCache(this.cache!, workerId, readable.has('schooling'))
      : await this.fromStore(workerId, clocks, readable.has('schooling'));
    return this.answer(workerId, clocks, readable, seesPersonal, folds);
  }

  /** The current-time folds, from the cache brought up to the store's heads (one statement after the children's look-up). */
  private async fromCache(cache: SummaryFoldCache, workerId: string, withChildren: boolean): Promise<Folds> {
    const childIds = withChildren ? await this.children.childrenOf(workerId) : [];
    const streams = [
      ...CATEGORIES.map((category, i) => ({ stream: `${category}-${workerId}`, decider: DECIDERS[i]! })),
      ...childIds.map((childId) => ({ stream: `schooling-${childId}`, decider: schoolingDecider as unknown as Folder<unknown> })),
    ];
    const folded = (await cache.folds(streams)).map(({ fromSnapshot: _from, ...f }) => f);
    return [...(folded.slice(0, 6) as Folds[0][]), folded.slice(6)] as unknown as Folds;
  }

  private async fromStore(workerId: string, clocks: Clocks, withChildren: boolean): Promise<Folds> {
    // One snapshot lookup for the worker's six streams (docs/audit.md, as-of at scale).
    const found = this.snapshots
      ? await this.snapshots.safely(
          () => this.snapshots!.bestOf(CATEGORIES.map((c, i) => ({ stream: `${c}-${workerId}`, fold: foldKey(c, DECIDERS[i]!) })), clocks),
          new Map<string, Found<unknown>>(),
        )
      : undefined;
    const load = <S>(category: string, decider: Folder<S>) =>
      this.fold<S>(`${category}-${workerId}`, category, decider as Folder<S>, clocks, found ? { found: found.get(`${category}-${workerId}`) as Found<S> } : undefined);
    const [worker, permit, points, insurance, employment, housing] = await Promise.all([
      load<WorkerState>('worker', workerDecider as unknown as Folder<WorkerState>),
      load<PermitState>('residence-permit', permitDecider as unknown as Folder<PermitState>),
      load<PointsState>('points', pointsDecider as unknown as Folder<PointsState>),
      load<InsuranceState>('insurance', insuranceDecider as unknown as Folder<InsuranceState>),
      load<EmploymentState>('employment', employmentDecider as unknown as Folder<EmploymentState>),
      load<HousingState>('housing', housingDecider as unknown as Folder<HousingState>),
    ]);
    const childIds = withChildren ? await this.children.childrenOf(workerId) : [];
    const schooling = await Promise.all(
      childIds.map((childId) =>
        this.fold<SchoolingState>(
          `schooling-${childId}`,
          'schooling',
          schoolingDecider as unknown as Folder<SchoolingState>,
          clocks,
        ),
      ),
    );
    return [worker, permit, points, insurance, employment, housing, schooling] as Folds;
  }

  private answer(
    workerId: string,
    clocks: Clocks,
    readable: Set<string>,
    seesPersonal: boolean,
    [worker, permit, points, insurance, employment, housing, schooling]: Folds,
  ): WorkerSummary {
    const revisions: Record<string, number> = {};
    for (const s of [worker, permit, points, insurance, employment, housing, ...schooling])
      revisions[s.stream] = s.revision;

    const section = <S, V>(
      category: string,
      folded: FoldedStream<S>,
      view: (state: S) => V,
    ): (SectionHead & SectionRules & V) | HiddenSection =>
      readable.has(category)
        ? {
            stream: folded.stream,
            revision: folded.revision,
            eventsApplied: folded.eventsApplied,
            ...sectionRules(folded, () => true),
            ...view(folded.state),
          }
        : { stream: folded.stream, visible: false as const };

    // The figures shown that come from illustrative rules, over the sections this credential reads.
    const visible = [
      ['worker', worker],
      ['residence-permit', permit],
      ['points', points],
      ['insurance', insurance],
      ['employment', employment],
      ['housing', housing],
      ...schooling.map((s) => ['schooling', s] as const),
    ] as const;
    const illustrativeRules = [
      ...new Set(visible.filter(([category]) => readable.has(category)).flatMap(([, s]) => s.illustrativeRules)),
    ].sort();
    const body: WorkerSummaryBody = {
      workerId,
      illustrativeRules,
      asOf: clocks.asOf ?? null,
      knownAt: clocks.knownAtMicros === undefined ? null : microsToIso(clocks.knownAtMicros),
      worker: section('worker', worker, (s) => workerView(s, seesPersonal)),
      residencePermit: section('residence-permit', permit, (s) => permitView(s, seesPersonal)),
      points: section('points', points, pointsView),
      insurance: section('insurance', insurance, insuranceView),
      employment: section('employment', employment, employmentView),
      housing: section('housing', housing, housingView),
      children: readable.has('schooling')
        ? schooling
            .filter((s) => s.state.child !== undefined)
            .map((s) => ({
              stream: s.stream,
              revision: s.revision,
              eventsApplied: s.eventsApplied,
              // One stream, two sections on the picture: the schooling, and the vaccination and basic public health (卫健委).
              ...sectionRules(s, (id) => !isHealthRule(id)),
              ...schoolingView(s.state, sectionRules(s, isHealthRule)),
            }))
        : { visible: false as const },
    };
    return { body, etag: revisionsTag(revisions), found: worker.revision >= 0 || permit.revision >= 0 };
  }

  /** Events recorded by knownAt, in effect by asOf, upcast, folded in recorded order (from a snapshot where one applies). */
  private async fold<S>(stream: string, category: string, decider: Folder<S>, clocks: Clocks, prefetched?: { found: Found<S> }): Promise<FoldedStream<S>> {
    const { fromSnapshot: _from, ...folded } = await foldAsOf(this.store, stream, category, decider, clocks, this.snapshots, prefetched);
    return folded;
  }
}

/** A child's vaccination and basic public health are decided under the `health.*` rules. */
const isHealthRule = (ruleId: string) => ruleId.startsWith('health.');

/**
 * The clauses behind a section: the rules its stream's decisions in effect applied (of those,
 * the ones `belongs` keeps), and whether one carried illustrative numbers (as the summary's
 * `illustrativeRules` counts them).
 */
function sectionRules(folded: FoldedStream<unknown>, belongs: (ruleId: string) => boolean): SectionRules {
  const rules = folded.rules.filter((r) => belongs(r.ruleId)).map(({ ruleId, source, quote, status, effectiveFrom }) => ({ ruleId, source, quote, status, effectiveFrom }));
  return { rules, illustrative: folded.illustrativeRules.some(belongs) };
}

const CATEGORIES = ['worker', 'residence-permit', 'points', 'insurance', 'employment', 'housing'];
const DECIDERS = [workerDecider, permitDecider, pointsDecider, insuranceDecider, employmentDecider, housingDecider] as unknown as Folder<unknown>[];

/** The six streams' folds, in CATEGORIES' order, then the children's schooling streams. */
type Folds = [
  FoldedStream<WorkerState>,
  FoldedStream<PermitState>,
  FoldedStream<PointsState>,
  FoldedStream<InsuranceState>,
  FoldedStream<EmploymentState>,
  FoldedStream<HousingState>,
  FoldedStream<SchoolingState>[],
];

function workerView(s: WorkerState, seesPersonal: boolean): WorkerView {
  const personal = { name: s.name ?? null, idNumber: s.idNumber ?? null, phone: s.phone ?? null };
  return {
    registered: s.registered,
    ...(seesPersonal ? personal : maskPersonalFields(personal)),
    birthDate: s.birthDate ?? null,
    hukouAreaCode: s.hukouPlace?.areaCode ?? null,
    arrivalOn: s.arrivalOn ?? null,
    education: s.education ?? null,
    skill: s.skill ?? null,
    certificates: s.certificates,
    violations: s.violations,
    settled: s.settled ?? null,
  };
}

function permitView(s: PermitState, seesPersonal: boolean): PermitView {
  const current = s.addresses[s.addresses.length - 1];
  const address = s.address ?? null;
  return {
    status: s.status,
    arrivalOn: s.arrivalOn ?? null,
    address: address && !seesPersonal ? { ...address, line: '***' } : address,
    addressSince: current?.since ?? null,
    appliedOn: s.appliedOn ?? null,
    ground: s.ground ?? null,
    permitNumber: s.permitNumber ?? null,
    issuedOn: s.issuedOn ?? null,
    validUntil: s.validUntil ?? null,
    nextEndorsement: s.nextEndorsement ?? null,
    continuousResidenceSince: s.continuousResidenceSince ?? null,
    suspendedOn: s.suspendedOn ?? null,
    revokedOn: s.revokedOn ?? null,
    endorsements: s.endorsements,
  };
}

function pointsView(s: PointsState): PointsView {
  return {
    status: s.status,
    round: s.round ?? null,
    purpose: s.purpose ?? null,
    assessedOn: s.assessedOn ?? null,
    total: s.total,
    gross: s.gross,
    breakdown: s.breakdown,
    veto: s.veto ?? null,
    suspendedOn: s.suspendedOn ?? null,
  };
}

function insuranceView(s: InsuranceState): InsuranceView {
  const months: Record<string, number> = {};
  for (const scheme of SCHEMES) {
    const paid = contributionMonths(s, scheme);
    if (paid.length) months[scheme] = paid.length;
  }
  return {
    contributionMonths: months,
    enrolments: s.enrolments,
    transfersInFlight: transfersInFlight(s).map((t) => t.transferId),
    transfers: Object.values(s.transfers).map((t) => ({
      transferId: t.transferId,
      status: t.status,
      fromRegion: t.fromRegion,
      toRegion: t.toRegion,
      fromScheme: t.fromScheme,
      toScheme: t.toScheme,
      requestedOn: t.requestedOn,
      letterDue: t.letterDue ?? null,
      completionDue: t.completionDue ?? null,
      completedOn: t.completedOn ?? null,
      rejectedOn: t.rejectedOn ?? null,
    })),
  };
}

function employmentView(s: EmploymentState): EmploymentView {
  return {
    unemployment: s.unemployment ?? null,
    employment: s.employment ?? null,
    publicPosts: Object.entries(s.publicPosts).map(([postId, p]) => ({
      postId,
      employerId: p.employerId,
      startedOn: p.startedOn,
    })),
    startupSubsidy: s.startupSubsidy ?? null,
    guaranteedLoans: s.guaranteedLoans,
    legalAidCases: s.legalAidCases,
  };
}

function housingView(s: HousingState): HousingView {
  return { rental: s.rental ?? null, homes: s.homes };
}

function schoolingView(s: SchoolingState, health: SectionRules): SchoolingView {
  return {
    childId: s.child?.childId ?? null,
    birthDate: s.child?.birthDate ?? null,
    vaccination: s.vaccination ?? null,
    vaccinationRecord: s.vaccinationRecord ?? null,
    publicHealthCoveredFrom: s.publicHealthCoveredFrom ?? null,
    health,
    application: s.application ?? null,
    enrolment: s.enrolment ?? null,
    examYears: s.examYears,
  };
}
