import type { Request } from 'express';
import { CONTEXTS } from '@ledger/application';
import { ACCESS_MATRIX } from '../../security/access-matrix';
import { ID_NUMBER_OWNERS, isApiDepartment } from '../../security/departments';
import { hasScope, readScope } from '../../security/scopes';
import { problem, ProblemError } from '../../problem/problem';

/** What the read routes need of the caller: the guard's `request.credential`. */
export interface ReadCredential {
  id: string;
  department: string;
  principal: string;
  scopes: string[];
}

/** Every stream category in the catalog's order. */
export const ALL_CATEGORIES: readonly string[] = CONTEXTS.map((context) => context.category);

/**
 * The stream categories a department may read: the auditors every one (docs/architecture.md §1), any
 * other the categories it owns (catalog) and those the access matrix grants it. The security
 * module's matrix is the one source; this is the single place the read routes ask it.
 */
export function visibleCategories(department: string): string[] {
  if (department === 'audit') return [...ALL_CATEGORIES];
  const granted = isApiDepartment(department) ? ACCESS_MATRIX[department] : undefined;
  return CONTEXTS.filter((c) => c.owner === department || granted?.[c.category]?.read === true).map((c) => c.category);
}

/** What this credential may read: its department's lawful categories, narrowed by its scopes. */
export function readableBy(credential: ReadCredential): Set<string> {
  return new Set(
    visibleCategories(credential.department).filter((category) => hasScope(credential.scopes, readScope(category))),
  );
}

/** Personal data (身份证号, phone, name, home address) in clear only for the owning departments. */
export function seesPersonalData(department: string): boolean {
  return (ID_NUMBER_OWNERS as readonly string[]).includes(department);
}

/**
 * The caller as the security guard put it on the request. Without one the route fails
 * closed (401): wiring the read routes before the guard must not open them.
 */
export function credentialOf(request: Request): ReadCredential {
  const credential = (request as Request & { credential?: ReadCredential }).credential;
  if (!credential || typeof credential.department !== 'string') {
    throw new ProblemError(problem('unauthorized', 'A bearer token is required to read the ledger'));
  }
  return { ...credential, scopes: Array.isArray(credential.scopes) ? credential.scopes : [] };
}

/** `residence-permit-w1` → `residence-permit`: the longest catalog category the name starts with. */
export function categoryOf(streamName: string): string | undefined {
  return [...ALL_CATEGORIES]
    .sort((a, b) => b.length - a.length)
    .find((category) => streamName.startsWith(`${category}-`) && streamName.length > category.length + 1);
}

/** 403 unless the credential may read the category. */
export function requireReadable(credential: ReadCredential, category: string): void {
  if (!readableBy(credential).has(category)) {
    throw new ProblemError(
      problem('forbidden', `${credential.department} may not read ${category} streams`, {
        requiredScope: readScope(category),
      }),
    );
  }
}
