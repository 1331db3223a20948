import { DateField, NestedField, SubjectIdField } from './common';
import { AddressDto } from './nested.dto';

/** RegisterResidence: 居住登记. */
export class RegisterResidenceDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @NestedField(() => AddressDto, { line: '攀枝花市东区炳草岗大街1号3栋2单元501', districtCode: '510402' })
  address!: AddressDto;

  @DateField('2023-08-31')
  arrivalOn!: string;
}
