import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '../port';

export const actor = { department: 'public-security', principal: 'contract-test' };

export function anEvent(type = 'ResidenceRegistered', data: Record<string, unknown> = {}): EventToAppend<unknown> {
  return { eventId: randomUUID(), type, data: { note: 'contract', ...data }, metadata: { actor } };
}

export function aStream(category = 'contract'): string {
  return `${category}-${randomUUID()}`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A small seeded generator so a failing round can be replayed. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
