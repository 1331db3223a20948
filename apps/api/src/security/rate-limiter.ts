/** Token bucket settings: a steady rate and the burst a quiet credential may spend at once. */
export interface RateLimitOptions {
  /** Tokens added per second. Default 50. */
  ratePerSecond?: number;
  /** Bucket size. Default 100. */
  burst?: number;
  now?: () => number;
}

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

/**
 * One token bucket per credential, in this process's memory: with N API processes a credential
 * gets up to N times the rate, which is a limit on abuse, not a quota. Full buckets are dropped,
 * since a missing bucket starts full.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  readonly rate: number;
  readonly burst: number;
  private readonly now: () => number;

  constructor(options: RateLimitOptions = {}) {
    this.rate = options.ratePerSecond ?? 50;
    this.burst = options.burst ?? 100;
    this.now = options.now ?? Date.now;
    if (!(this.rate > 0) || !(this.burst >= 1))
      throw new RangeError('rate limit needs ratePerSecond > 0 and burst >= 1');
  }

  take(key: string): RateDecision {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    const tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      if (this.buckets.size > 10_000) this.prune(now);
      return { ok: true, remaining: Math.floor(tokens - 1) };
    }
    this.buckets.set(key, { tokens, at: now });
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.rate)) };
  }

  /** Whether `take(key)` would allow one now, without spending it. */
  allows(key: string): boolean {
    const bucket = this.buckets.get(key);
    if (!bucket) return true;
    return Math.min(this.burst, bucket.tokens + ((this.now() - bucket.at) / 1000) * this.rate) >= 1;
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.rate >= this.burst) this.buckets.delete(key);
    }
  }
}
