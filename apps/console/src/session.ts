/**
 * The clerk's session: the bearer token, kept in sessionStorage (gone when the tab closes),
 * forgotten on sign-out and when the session expires. A session lasts one shift.
 */
export interface Session {
  token: string;
  department: string;
  departmentName: string;
  principal: string;
  scopes: string[];
  /** The ledger's business day at sign-in (GET /v1/session), refreshed on each screen change. */
  today: string;
  /** Epoch milliseconds after which the console signs the clerk out. */
  expiresAt: number;
}

const KEY = 'ledger.console.session';
export const SESSION_HOURS = 8;

export function loadSession(now = Date.now()): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (session.expiresAt <= now) {
      forgetSession();
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function forgetSession(): void {
  sessionStorage.removeItem(KEY);
}

/**
 * Whether the session's scopes let it send a command (docs/access.md grammar: a scope covers
 * those it is a `:`-prefix of). The API remains the judge; this only hides what would be a 403.
 */
export function mayWrite(session: Pick<Session, 'scopes'>, category: string, command: string): boolean {
  const wanted = `${category}:write:${command}`;
  return session.scopes.some((scope) => scope === wanted || wanted.startsWith(`${scope}:`));
}
