import type { Request } from 'express';
import { PROBLEM_CATALOG, TITLE_OVERRIDES, type Bilingual } from './problem-catalog';
import { PROBLEM_BASE, type ProblemDetails } from './problem';

export type Language = keyof Bilingual;

/** Chinese unless the caller prefers English (`Accept-Language: en`), by Express's own negotiation. */
export function languageOf(request: Pick<Request, 'acceptsLanguages'> | undefined): Language {
  if (!request || typeof request.acceptsLanguages !== 'function') return 'zh';
  return request.acceptsLanguages('zh', 'en') === 'en' ? 'en' : 'zh';
}

/** One invalid field: a JSON Pointer into the body, a query or path parameter, or a header, and what is wrong. */
export interface FieldError {
  pointer?: string;
  parameter?: string;
  header?: string;
  detail: Bilingual | string;
}

/** RFC 6901: `hukouPlace.address` or ['hukouPlace', 'address'] → `/hukouPlace/address`. */
export function jsonPointer(path: string | readonly (string | number)[]): string {
  const parts = typeof path === 'string' ? path.split('.').filter((p) => p !== '') : path.map(String);
  return parts.map((part) => `/${part.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function isBilingual(value: unknown): value is Bilingual {
  return typeof value === 'object' && value !== null && 'zh' in value && 'en' in value;
}

/**
 * The body in the caller's language: the title of its type (or of an override), each field
 * error's detail and, when the detail was made of the field errors, the detail too.
 */
export function localizeProblem(body: ProblemDetails, language: Language): ProblemDetails {
  const out: ProblemDetails = { ...body };
  const type = body.type.startsWith(PROBLEM_BASE) ? body.type.slice(PROBLEM_BASE.length) : '';
  const entry = (PROBLEM_CATALOG as Record<string, { title: Bilingual }>)[type];
  const override = TITLE_OVERRIDES[body.title];
  if (override) out.title = override[language];
  else if (entry && body.title === entry.title.en) out.title = entry.title[language];
  if (Array.isArray(body.errors)) {
    const errors = (body.errors as FieldError[]).map((error) =>
      isBilingual(error?.detail) ? { ...error, detail: error.detail[language] } : error,
    );
    if ((body.errors as FieldError[]).some((error) => isBilingual(error?.detail)) && body.detailFromErrors === true)
      out.detail = errors.map((error) => String(error.detail)).join('; ');
    out.errors = errors;
  }
  delete out.detailFromErrors;
  return out;
}
