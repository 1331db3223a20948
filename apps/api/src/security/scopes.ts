/**
 * Scope grammar: `<category>:read`, `<category>:write` (every command of the category),
 * `<category>:write:<CommandType>` (one command), `feed:read`, `audit:read`.
 * A granted scope covers a required one when it is equal or a `:`-prefix of it, so
 * `residence-permit:write` covers `residence-permit:write:EndorsePermit`; nothing else is implied
 * (a write scope never implies a read scope, and there is no wildcard).
 */
export type Scope = string;

export const FEED_READ = 'feed:read';
export const AUDIT_READ = 'audit:read';

const SCOPE = /^[a-z][a-z0-9-]*:(read|write(:[A-Z][A-Za-z0-9]*)?)$/;

export function isWellFormedScope(scope: string): boolean {
  return SCOPE.test(scope);
}

export function readScope(category: string): Scope {
  return `${category}:read`;
}

export function writeScope(category: string, commandType?: string): Scope {
  return commandType ? `${category}:write:${commandType}` : `${category}:write`;
}

export function scopeCovers(granted: Scope, required: Scope): boolean {
  return granted === required || required.startsWith(`${granted}:`);
}

export function hasScope(granted: readonly Scope[], required: Scope): boolean {
  return granted.some((g) => scopeCovers(g, required));
}

/** The stream categories a credential may read: what the feed and the summary filter on. */
export function readableCategories(granted: readonly Scope[], categories: readonly string[]): string[] {
  return categories.filter((category) => hasScope(granted, readScope(category)));
}
