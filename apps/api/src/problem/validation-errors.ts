import { ArgumentMetadata, ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import type { Bilingual } from './problem-catalog';
import { FieldError, jsonPointer } from './localize';
import { problem, ProblemError } from './problem';

/** The last number in class-validator's English message (`must not be greater than 500`). */
const lastNumber = (message: string) => /(-?\d+(?:\.\d+)?)(?!.*\d)/.exec(message)?.[1] ?? '';
/** The list after the colon (`must be one of the following values: a, b`). */
const listOf = (message: string) => message.split(':').slice(1).join(':').trim();

/** The Chinese of ID_PATTERN_TEXT (routes/commands/dto/common.ts), for a field that must be an id. */
export const ID_PATTERN_ZH = '须为编号：字母、数字和 . _ : -，1–64 个字符，以字母或数字开头（不含汉字和空格）';

/**
 * Chinese wording per class-validator constraint (and the ledger's own: isIsoDate, isFen…);
 * a constraint not listed keeps its English message, still named by its pointer.
 */
const ZH: Record<string, (field: string, message: string) => string> = {
  whitelistValidation: (f) => `不接受字段 ${f}`,
  isDefined: (f) => `缺少 ${f}`,
  isNotEmpty: (f) => `${f} 不得为空`,
  isString: (f) => `${f} 必须是字符串`,
  isInt: (f) => `${f} 必须是整数`,
  isNumber: (f) => `${f} 必须是数字`,
  isBoolean: (f) => `${f} 必须是 true 或 false`,
  isArray: (f) => `${f} 必须是数组`,
  isObject: (f) => `${f} 必须是对象`,
  nestedValidation: (f) => `${f} 必须是对象`,
  min: (f, m) => `${f} 不得小于 ${lastNumber(m)}`,
  max: (f, m) => `${f} 不得大于 ${lastNumber(m)}`,
  minLength: (f, m) => `${f} 至少 ${lastNumber(m)} 个字符`,
  maxLength: (f, m) => `${f} 不得超过 ${lastNumber(m)} 个字符`,
  arrayMinSize: (f, m) => `${f} 至少 ${lastNumber(m)} 项`,
  arrayMaxSize: (f, m) => `${f} 最多 ${lastNumber(m)} 项`,
  arrayUnique: (f) => `${f} 的各项不得重复`,
  isIn: (f, m) => `${f} 必须是以下之一：${listOf(m)}`,
  isEnum: (f, m) => `${f} 必须是以下之一：${listOf(m)}`,
  matches: (f, m) => (/must be an id/.test(m) ? `${f} ${ID_PATTERN_ZH}` : `${f} 的格式不对`),
  isIsoDate: (f) => `${f} 必须是 YYYY-MM-DD 格式的真实日期`,
  isYearMonth: (f) => `${f} 必须是 YYYY-MM 格式的月份`,
  isFen: (f) => `${f} 必须是以分为单位的非负整数`,
  isChineseIdNumber: (f) => `${f} 不是有效的身份证号（GB 11643）`,
};

/** Every failed constraint of a class-validator tree, with the path of its field. */
export function fieldErrors(errors: ValidationError[], location: 'body' | 'query' | 'param' = 'body'): FieldError[] {
  const out: FieldError[] = [];
  const walk = (error: ValidationError, path: string[]) => {
    const here = [...path, error.property];
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      const field = here.join('.');
      const detail: Bilingual = { zh: ZH[constraint]?.(field, message) ?? message, en: message };
      out.push(location === 'body' ? { pointer: jsonPointer(here), detail } : { parameter: field, detail });
    }
    for (const child of error.children ?? []) walk(child, here);
  };
  for (const error of errors) walk(error, []);
  return out;
}

/**
 * The 400 of one invalid input a handler found itself (a path or query parameter, a header, a
 * body field by its JSON Pointer), worded in both languages like the pipe's.
 */
export function invalidInput(at: { pointer: string } | { parameter: string } | { header: string }, detail: Bilingual): ProblemError {
  return validationProblem([{ ...at, detail }]);
}

/** The 400 of invalid input: every field error, the detail made of them (in the caller's language). */
export function validationProblem(errors: FieldError[]): ProblemError {
  const english = errors.map((e) => (typeof e.detail === 'string' ? e.detail : e.detail.en)).join('; ');
  return new ProblemError(problem('validation-failed', english, { errors, detailFromErrors: true }));
}

/**
 * The global ValidationPipe (docs/architecture.md §3): DTOs reject unknown fields; each error
 * names its field, a JSON Pointer for the body and the parameter's name for a query or path.
 */
export class LedgerValidationPipe extends ValidationPipe {
  constructor(options: Omit<ValidationPipeOptions, 'exceptionFactory'> = {}) {
    super({ ...options, exceptionFactory: (errors) => errors });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (Array.isArray(error)) {
        const location = metadata.type === 'query' || metadata.type === 'param' ? metadata.type : 'body';
        throw validationProblem(fieldErrors(error as ValidationError[], location));
      }
      throw error;
    }
  }
}
