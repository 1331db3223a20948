import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested, IsDefined } from 'class-validator';
import { IsIsoDate } from '../../../security/validators';
import { IsYearMonth } from '../validators';

/** Ids clients choose (workerId, applicationId…): they end up in stream names and event data. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
export const ID_PATTERN_TEXT = 'letters, digits and . _ : -, 1–64 characters, starting with a letter or digit';

/** The largest amount any command takes: 10 亿元 in fen, well inside Number.MAX_SAFE_INTEGER. */
export const MAX_FEN = 100_000_000_000;

type Opt = { optional?: boolean; description?: string };

function optional(opt: Opt | undefined): PropertyDecorator[] {
  // Required means present: ValidateNested and most checks pass an absent value by themselves.
  return opt?.optional ? [IsOptional()] : [IsDefined()];
}

/** An id the client chose. */
export function IdField(example: string, opt?: Opt): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      example,
      required: !opt?.optional,
      maxLength: 64,
      pattern: ID_PATTERN.source,
      description: opt?.description,
    }),
    ...optional(opt),
    IsString(),
    Matches(ID_PATTERN, { message: `$property must be an id: ${ID_PATTERN_TEXT}` }),
  );
}

/** Free text with a bound on its length. */
export function TextField(example: string, maxLength: number, opt?: Opt): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ example, required: !opt?.optional, minLength: 1, maxLength, description: opt?.description }),
    ...optional(opt),
    IsString(),
    MinLength(1),
    MaxLength(maxLength),
  );
}

/** `YYYY-MM-DD`, a real calendar day, in Asia/Shanghai. */
export function DateField(example: string, opt?: Opt): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ example, required: !opt?.optional, type: String, format: 'date', description: opt?.description }),
    ...optional(opt),
    IsIsoDate(),
  );
}

export function MonthField(example: string, opt?: Opt): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      example,
      required: !opt?.optional,
      type: String,
      pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
      description: opt?.description ?? 'YYYY-MM',
    }),
    ...optional(opt),
    IsYearMonth(),
  );
}

/** Money: a whole, non-negative number of fen (docs/architecture.md §3). */
export function FenField(example: number, opt?: Opt): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      example,
      required: !opt?.optional,
      type: 'integer',
      minimum: 0,
      maximum: MAX_FEN,
      description: opt?.description ?? 'integer fen (分)',
    }),
    ...optional(opt),
    IsInt(),
    Min(0),
    Max(MAX_FEN),
  );
}

export function IntField(example: number, min: number, max: number, opt?: Opt): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      example,
      required: !opt?.optional,
      type: 'integer',
      minimum: min,
      maximum: max,
      description: opt?.description,
    }),
    ...optional(opt),
    IsInt(),
    Min(min),
    Max(max),
  );
}

export function BoolField(example: boolean, opt?: Opt): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ example, required: !opt?.optional, type: Boolean, description: opt?.description }),
    ...optional(opt),
    IsBoolean(),
  );
}

/** One of the domain's values (the union type's `as const` list). */
export function EnumField(values: readonly string[], example: string, opt?: Opt): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ example, required: !opt?.optional, enum: [...values], description: opt?.description }),
    ...optional(opt),
    IsIn([...values]),
  );
}

/** A nested object, validated with its own DTO (unknown fields rejected there too). */
export function NestedField(
  type: () => new () => object,
  example: unknown,
  opt?: Opt & { each?: boolean },
): PropertyDecorator {
  return applyDecorators(
    // @nestjs/swagger knows a lazy type only by the function's name being `type`: wrap it.
    ApiProperty({ type: () => type(), isArray: opt?.each, example, required: !opt?.optional, description: opt?.description }),
    ...optional(opt),
    ValidateNested({ each: opt?.each }),
    Type(type),
  );
}

/**
 * The stream's subject in the body (`workerId`, `childId`, `employerId`): optional, because the
 * path names it; the controller fills it in and answers 400 when the two differ.
 */
export function SubjectIdField(name: 'workerId' | 'childId' | 'employerId', example: string): PropertyDecorator {
  return IdField(example, {
    optional: true,
    description: `Optional: taken from the path; when sent it must equal the path's ${name}`,
  });
}

/**
 * A list of a union's values that the compiler checks is complete, for unions the domain
 * declares only as a type (`RevocationReason`): a new member breaks the build here.
 */
export function allValuesOf<T extends string>() {
  return <const A extends readonly T[]>(
    values: A & ([T] extends [A[number]] ? unknown : 'is missing a member of the union'),
  ): A => values;
}
