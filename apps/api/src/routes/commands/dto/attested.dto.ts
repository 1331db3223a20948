import { BoolField, DateField, EnumField, FenField, IdField, IntField, NestedField, TextField } from './common';
import { ArrayMaxSize } from 'class-validator';
import { WorkSpellDto } from './nested.dto';

/*
 * Facts only a department can attest (a labour relation, a firm's staff count), sent in the
 * command's `attested` object and merged into the decision's context; the decision records
 * them as its inputs. Facts the ledger can read from its own streams are never taken from here.
 */

const LABOUR_RELATION_KINDS = ['stable', 'flexible', 'none'] as const;

export class LabourRelationDto {
  @EnumField(LABOUR_RELATION_KINDS, 'stable')
  kind!: (typeof LABOUR_RELATION_KINDS)[number];

  @IdField('e-510400-0001', { optional: true })
  employerId?: string;
}

export class InsuranceProjectDto {
  @IdField('PRJ-510400-0001')
  projectId!: string;

  @IdField('e-510400-0001')
  employerId!: string;

  @BoolField(true, { description: '工程建设 project' })
  construction!: boolean;
}

/** 人社局: the worker's labour relation today (stable-job, flexible) or the project (construction-project). */
export class EnrolmentAttestedDto {
  @NestedField(() => LabourRelationDto, { kind: 'stable', employerId: 'e-510400-0001' }, { optional: true })
  labourRelation?: LabourRelationDto;

  @NestedField(
    () => InsuranceProjectDto,
    { projectId: 'PRJ-510400-0001', employerId: 'e-510400-0001', construction: true },
    { optional: true },
  )
  project?: InsuranceProjectDto;
}

export class UnemploymentAttestedDto {
  @BoolField(false, { optional: true, description: 'employment records: in work today' })
  employed?: boolean;

  @BoolField(true, { optional: true, description: 'a 农民工 (rules that cover only them)' })
  migrantWorker?: boolean;
}

export class PublicPostAttestedDto {
  @BoolField(true, { optional: true, description: '就业困难认定: cannot find work unaided' })
  cannotFindWorkUnaided?: boolean;
}

/** The post employer's contributions actually paid for the month, integer fen per scheme. */
export class ContributionsPaidDto {
  @FenField(56000, { optional: true })
  'employee-pension'?: number;

  @FenField(0, { optional: true })
  'resident-pension'?: number;

  @FenField(21000, { optional: true })
  'employee-medical'?: number;

  @FenField(0, { optional: true })
  'resident-medical'?: number;

  @FenField(2800, { optional: true })
  maternity?: number;

  @FenField(1400, { optional: true })
  'work-injury'?: number;

  @FenField(1400, { optional: true })
  unemployment?: number;
}

export class PublicPostSubsidyAttestedDto {
  @NestedField(() => ContributionsPaidDto, { 'employee-pension': 56000 }, { optional: true })
  employerContributionsFen?: ContributionsPaidDto;
}

/** Market-regulation records of the venture. */
export class VentureDto {
  @IdField('V-510400-0001')
  ventureId!: string;

  @DateField('2023-01-10')
  openedOn!: string;

  @BoolField(true)
  operatingNormally!: boolean;

  @IntField(0, 0, 1000, { description: 'ventures the worker ran before this one' })
  earlierVentures!: number;
}

export class StartupSubsidyAttestedDto {
  @NestedField(() => VentureDto, {
    ventureId: 'V-510400-0001',
    openedOn: '2023-01-10',
    operatingNormally: true,
    earlierVentures: 0,
  })
  venture!: VentureDto;
}

export class GuaranteedLoanAttestedDto {
  @BoolField(true, { optional: true, description: 'the applicant meets the guaranteed-loan conditions' })
  guaranteedLoanEligible?: boolean;
}

export class TrainingUpliftAttestedDto {
  @BoolField(true, { optional: true, description: 'the city’s 急需紧缺目录 lists the occupation' })
  shortageOccupation?: boolean;
}

export class WageProjectDto {
  @IdField('PRJ-510400-0001')
  projectId!: string;

  @BoolField(true, { description: '工程建设 project' })
  construction!: boolean;
}

export class WagePaymentAttestedDto {
  @NestedField(() => WageProjectDto, { projectId: 'PRJ-510400-0001', construction: true }, { optional: true })
  project?: WageProjectDto;
}

export class PlacementDto {
  @BoolField(true)
  commercialAgency!: boolean;

  @BoolField(true)
  firmPrivate!: boolean;

  @BoolField(true)
  firmInCity!: boolean;
}

export class PlacementAttestedDto {
  @NestedField(() => PlacementDto, { commercialAgency: true, firmPrivate: true, firmInCity: true })
  placement!: PlacementDto;
}

export class FirmDto {
  @IntField(40, 1, 10_000_000)
  staffCount!: number;

  @IntField(6, 0, 10_000_000)
  eligibleHiresThisYear!: number;

  @BoolField(true, { description: '小微企业' })
  smallOrMicro!: boolean;
}

export class FirmLoanAttestedDto {
  @NestedField(() => FirmDto, { staffCount: 40, eligibleHiresThisYear: 6, smallOrMicro: true })
  firm!: FirmDto;
}

/** 住建局's facts about the family (the permit and residence are read from the ledger). */
export class HousingAttestedDto {
  @NestedField(() => WorkSpellDto, [{ from: '2021-03-01' }], {
    optional: true,
    each: true,
    description: 'spells of work in the city',
  })
  @ArrayMaxSize(100)
  workSpells?: WorkSpellDto[];

  @BoolField(true, { optional: true, description: 'holds a job under a labour contract now' })
  employed?: boolean;

  @DateField('2021-03-01', { optional: true, description: 'first day of the current unbroken run of contributions' })
  contributionsSince?: string;

  @BoolField(false, { optional: true, description: 'a family recognised as 外来人才' })
  outsideTalentFamily?: boolean;

  @TextField('市区', 50, { optional: true, description: 'the area the family works in' })
  workArea?: string;
}
