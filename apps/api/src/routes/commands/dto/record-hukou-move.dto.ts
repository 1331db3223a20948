import { DateField, NestedField, SubjectIdField, TextField } from './common';
import { HukouPlaceDto } from './nested.dto';

/** RecordHukouMove: 户口迁入登记 (入户), recorded by public security. */
export class RecordHukouMoveDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @DateField('2024-05-06')
  movedOn!: string;

  @NestedField(() => HukouPlaceDto, { areaCode: '500230', address: '重庆市丰都县三合街道某小区3栋' })
  hukouPlace!: HukouPlaceDto;

  @TextField('丰都县公安局三合派出所', 100)
  authority!: string;
}
