/** The console's only way to the ledger: the public /v1 API with the clerk's bearer token. */

/** RFC 9457 problem+json as the API answers it; a refusal adds its rule and clause. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Each invalid field: `pointer` (a JSON Pointer into the body) or `parameter`, and what is wrong. */
  errors?: { pointer?: string; parameter?: string; detail: string }[];
  ruleId?: string;
  source?: string;
  quote?: string;
  eligibleFrom?: string;
  computed?: Record<string, unknown>;
  required?: Record<string, unknown>;
  packId?: string;
  draft?: boolean;
  /** The refusing rule's status in its pack: in-force, draft or illustrative. */
  ruleStatus?: string;
  [extension: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
  get isRefusal(): boolean {
    return this.problem.type.endsWith('/policy-refusal');
  }
}

/** A random Idempotency-Key; getRandomValues works on plain http too (randomUUID needs a secure context). */
export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A rule a decision applied, as the 201 answer names it (docs/api-commands.md). */
export interface AppliedRule {
  ruleId: string;
  /** The clause: document and article. */
  source: string;
  /** The clause's own words. */
  quote: string;
  /** in-force, draft, or illustrative (示例参数: not the city's own numbers). */
  status: string;
  effectiveFrom?: string;
}

export interface CommandAnswer {
  streamName: string;
  revision: number;
  position: number;
  events: { eventId: string; type: string }[];
  /** The rules the recorded decision applied, each once: what the receipt cites. */
  rules?: AppliedRule[];
  /** True when one of those rules carries illustrative numbers. */
  illustrative?: boolean;
}

export class LedgerClient {
  constructor(
    private readonly token: string,
    private readonly onUnauthorized: () => void = () => undefined,
  ) {}

  async get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  /** A command: one Idempotency-Key per form submission, so a double click appends once. */
  async post<T = CommandAnswer>(path: string, body: unknown, key: string): Promise<T> {
    return this.send<T>('POST', path, body, key);
  }

  private async send<T>(method: string, path: string, body?: unknown, key?: string): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (key) headers['idempotency-key'] = key;
    let response: Response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError({ type: 'about:blank#network', title: '网络错误', status: 0, detail: '无法连接台账服务，请检查网络后重试' });
    }
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      if (response.status === 401) this.onUnauthorized();
      const problem = (parsed ?? {}) as Partial<Problem>;
      throw new ApiError({
        type: problem.type ?? 'about:blank',
        title: problem.title ?? response.statusText,
        status: response.status,
        detail: problem.detail ?? response.statusText,
        ...problem,
      } as Problem);
    }
    return parsed as T;
  }
}
