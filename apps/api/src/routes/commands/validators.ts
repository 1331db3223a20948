import { ValidateBy, ValidationArguments, ValidationOptions, buildMessage } from 'class-validator';

/*
 * Validators the command DTOs need beyond apps/api/src/security/validators.ts (which checks
 * 身份证号, dates and fen): months, month spans, union branches and cross-field checks.
 */

const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A contribution or payroll month, `YYYY-MM`. */
export function isYearMonth(value: unknown): value is string {
  return typeof value === 'string' && YEAR_MONTH.test(value);
}

/** A month list (`["2024-01", "2024-02"]`) or range (`{ "from": "2024-01", "to": "2024-06" }`), nothing else. */
export function isMonthSpan(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.length <= 600 && value.every(isYearMonth);
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value).sort();
  const span = value as { from?: unknown; to?: unknown };
  return (
    keys.length === 2 &&
    keys[0] === 'from' &&
    keys[1] === 'to' &&
    isYearMonth(span.from) &&
    isYearMonth(span.to) &&
    span.from <= span.to
  );
}

export function IsYearMonth(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isYearMonth',
      validator: {
        validate: (value) => isYearMonth(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a month YYYY-MM`, options),
      },
    },
    options,
  );
}

export function IsMonthSpan(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMonthSpan',
      validator: {
        validate: (value) => isMonthSpan(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a non-empty list of months YYYY-MM or { from, to } with from <= to`,
          options,
        ),
      },
    },
    options,
  );
}

/**
 * The field is sent exactly when `when(dto)` holds: a discriminated union's branch fields
 * (EnrolWorker's employerId only for basis stable-job). Pair with `@ValidateIf` so the type
 * checks run whenever the field is expected or present.
 */
export function PresentOnlyWhen(
  when: (dto: Record<string, unknown>) => boolean,
  condition: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'presentOnlyWhen',
      validator: {
        validate: (value, args?: ValidationArguments) => {
          const applies = when((args?.object ?? {}) as Record<string, unknown>);
          return applies ? value !== undefined : value === undefined;
        },
        defaultMessage: buildMessage(
          () => `$property is required when ${condition}, and not allowed otherwise`,
          options,
        ),
      },
    },
    options,
  );
}

/** A check across fields (an attested project must describe the command's project); `message` says what must hold. */
export function Satisfies(
  check: (value: unknown, dto: Record<string, unknown>) => boolean,
  message: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'satisfies',
      validator: {
        validate: (value, args?: ValidationArguments) => check(value, (args?.object ?? {}) as Record<string, unknown>),
        defaultMessage: buildMessage(() => `$property: ${message}`, options),
      },
    },
    options,
  );
}
