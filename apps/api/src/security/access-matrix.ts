import { CONTEXTS } from '@ledger/application';
import { DEPARTMENT_NAMES, type ApiDepartment } from './departments';
import { AUDIT_READ, FEED_READ, readScope, writeScope, type Scope } from './scopes';

/** Every stream category, in the catalog's order. */
export const CATEGORIES: readonly string[] = CONTEXTS.map((context) => context.category);

/**
 * Who reads a category without owning or writing it, and why. Owners read and write their
 * streams; a department allowed to write a command (catalog `writers`) reads that stream too,
 * since it cannot send If-Match without the revision it read (docs/architecture.md §3).
 */
export const READ_GRANTS: readonly {
  departments: readonly ApiDepartment[] | 'all';
  categories: readonly string[] | 'all';
  why: string;
}[] = [
  {
    departments: 'all',
    categories: ['worker'],
    why: 'who a record is about: every department attributes its facts to a registered worker; 身份证号 masked outside residence-office and public-security (docs/architecture.md §2, read models)',
  },
  {
    departments: ['public-security'],
    categories: ['worker', 'residence-permit'],
    why: 'read model `public_security` is fed by residence-permit and worker (docs/architecture.md §2, read models)',
  },
  {
    departments: ['hrss'],
    categories: ['insurance', 'residence-permit'],
    why: 'read model `hrss` is fed by insurance and residence-permit: unemployment registration needs the permit (docs/architecture.md §2, read models)',
  },
  {
    departments: ['migrant-services'],
    categories: ['points'],
    why: 'read model `points` is fed by points (docs/architecture.md §2, read models)',
  },
  {
    departments: ['housing'],
    categories: ['housing', 'points', 'residence-permit'],
    why: 'read model `housing` is fed by housing, points and residence-permit: rental eligibility and waitlist order (docs/architecture.md §2, read models)',
  },
  {
    departments: ['education'],
    categories: ['schooling', 'points', 'residence-permit', 'housing'],
    why: 'read model `education` is fed by schooling, points, residence-permit and housing: school admission checks the permit, points and home (docs/architecture.md §2, read models)',
  },
  {
    departments: ['health'],
    categories: ['schooling'],
    why: 'read model `health` is fed by schooling: children’s vaccination verification (docs/architecture.md §2, read models)',
  },
  {
    departments: ['residence-office'],
    categories: ['worker', 'residence-permit', 'points', 'insurance', 'housing', 'schooling'],
    why: 'the counter shows a worker’s whole picture on one screen, 一窗式, the equal services of panzhihua-2016-10 §(十二) at one window (docs/architecture.md §1)',
  },
  {
    departments: ['audit'],
    categories: 'all',
    why: 'auditors replay any history and write nothing (docs/architecture.md §1)',
  },
];

/** One cell of the matrix: what a department may do with a category, and the reasons. */
export interface AccessCell {
  read: boolean;
  /** 'all' for the owner; otherwise the command types the catalog lets it write. */
  write: 'all' | string[];
  reasons: string[];
}

function buildMatrix(): Record<ApiDepartment, Record<string, AccessCell>> {
  const matrix = {} as Record<ApiDepartment, Record<string, AccessCell>>;
  for (const department of DEPARTMENT_NAMES) {
    matrix[department] = {};
    for (const context of CONTEXTS) {
      const cell: AccessCell = { read: false, write: [], reasons: [] };
      if (context.owner === department) {
        cell.read = true;
        cell.write = 'all';
        cell.reasons.push('owner (docs/architecture.md §2, streams; catalog)');
      } else {
        const commands = Object.entries(context.commands)
          .filter(([, entry]) => entry.writers?.includes(department as never))
          .map(([type]) => type);
        if (commands.length > 0) {
          cell.read = true;
          cell.write = commands;
          cell.reasons.push('writes these commands (catalog `writers`), so reads the stream it sends If-Match for');
        }
      }
      for (const grant of READ_GRANTS) {
        const forDepartment = grant.departments === 'all' || grant.departments.includes(department);
        const forCategory = grant.categories === 'all' || grant.categories.includes(context.category);
        if (forDepartment && forCategory) {
          cell.read = true;
          cell.reasons.push(grant.why);
        }
      }
      matrix[department][context.category] = cell;
    }
  }
  return matrix;
}

/** Department × category: the one structure the guard, the issuer and docs/access.md use. */
export const ACCESS_MATRIX: Readonly<Record<ApiDepartment, Readonly<Record<string, AccessCell>>>> = buildMatrix();

/** What the law lets a department see and do, as scopes: its credentials' default and ceiling. */
export function lawfulScopes(department: ApiDepartment): Scope[] {
  const scopes: Scope[] = [];
  for (const category of CATEGORIES) {
    const cell = ACCESS_MATRIX[department][category];
    if (!cell) continue;
    if (cell.read) scopes.push(readScope(category));
    if (cell.write === 'all') scopes.push(writeScope(category));
    else for (const command of cell.write) scopes.push(writeScope(category, command));
  }
  scopes.push(FEED_READ);
  if (department === 'audit') scopes.push(AUDIT_READ);
  return scopes;
}
