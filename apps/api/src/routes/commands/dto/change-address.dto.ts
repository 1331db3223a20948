import { DateField, NestedField, SubjectIdField } from './common';
import { AddressDto } from './nested.dto';

/** ChangeAddress: 居住地址变更. */
export class ChangeAddressDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @NestedField(() => AddressDto, { line: '攀枝花市仁和区攀枝花大道南段2号', districtCode: '510411' })
  address!: AddressDto;

  @DateField('2024-05-01')
  movedOn!: string;
}
