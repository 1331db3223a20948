import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '@ledger/kernel';
import { idNumberProblem } from './id-number';

const ID_PROBLEM_TEXT = {
  format: 'must be 18 characters: 17 digits and a check digit or X',
  region: 'does not start with a province code',
  'birth-date': 'does not contain a real birth date',
  'check-digit': 'has the wrong check digit (GB 11643)',
} as const;

/** A 公民身份号码 that passes GB 11643: format, province, real birth date, MOD 11-2 check digit. */
export function IsChineseIdNumber(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isChineseIdNumber',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => idNumberProblem(value) === null,
        defaultMessage: (args) => {
          const problem = idNumberProblem(args?.value);
          return `${args?.property} ${problem ? ID_PROBLEM_TEXT[problem] : 'is not a valid ID number'}`;
        },
      },
    });
}

/** A calendar date written YYYY-MM-DD that exists (no 2023-02-29), a civil date in Asia/Shanghai. */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => isIsoDate(value),
        defaultMessage: (args) => `${args?.property} must be a real calendar date written YYYY-MM-DD`,
      },
    });
}

/** Money in integer fen (分): a non-negative safe integer, never a string or a fraction. */
export function IsFen(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isFen',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0,
        defaultMessage: (args) => `${args?.property} must be a non-negative whole number of fen`,
      },
    });
}
