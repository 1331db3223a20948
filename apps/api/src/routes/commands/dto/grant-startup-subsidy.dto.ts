import { FenField, IdField, NestedField, SubjectIdField } from './common';
import { Satisfies } from '../validators';
import { StartupSubsidyAttestedDto } from './attested.dto';

/** GrantStartupSubsidy: 一次性创业补贴; the venture is attested by market-regulation records. */
export class GrantStartupSubsidyDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @IdField('V-510400-0001')
  ventureId!: string;

  @FenField(500000)
  requestedFen!: number;

  @NestedField(() => StartupSubsidyAttestedDto, {
    venture: { ventureId: 'V-510400-0001', openedOn: '2023-01-10', operatingNormally: true, earlierVentures: 0 },
  })
  @Satisfies(
    (value, o) => (value as StartupSubsidyAttestedDto | undefined)?.venture?.ventureId === o.ventureId,
    'attested.venture must describe the same ventureId',
  )
  attested!: StartupSubsidyAttestedDto;
}
