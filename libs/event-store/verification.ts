import { chainHash, contentDigest, HashedContent } from './hash';
import type { VerificationBreak } from './port';

/** One stored event as the verifier sees it: the bytes the hash must cover. */
export interface StoredLink {
  revision: number;
  hashFormat: number;
  hash: Buffer;
  prevHash: Buffer | null;
  recordedAtMicros: bigint;
  content: HashedContent;
}

/**
 * Walks a stream's events in revision order and returns the first place the chain breaks:
 * a missing or repeated revision, a link that does not name its predecessor's hash, a hash
 * that does not cover the stored content, or a tail that the stream head disowns.
 */
export function checkChain(
  streamName: string,
  links: readonly StoredLink[],
  head: { revision: number; hash: Buffer } | undefined,
): VerificationBreak | undefined {
  let previous: Buffer | null = null;
  for (let i = 0; i < links.length; i++) {
    const link = links[i]!;
    const at = (reason: string): VerificationBreak => ({ streamName, revision: i, reason });
    if (link.revision !== i) {
      return at(link.revision > i ? `revision ${i} is missing` : `revision ${link.revision} appears twice`);
    }
    if (link.hashFormat !== 1) return at(`unknown hash format ${link.hashFormat}`);
    const linksBack = previous === null ? link.prevHash === null : link.prevHash?.equals(previous) === true;
    if (!linksBack) return at('prevHash does not match the previous event’s hash');
    const expected = chainHash(previous, link.revision, link.recordedAtMicros, contentDigest(link.content));
    if (!expected.equals(link.hash)) return at('hash does not match the stored content');
    previous = link.hash;
  }
  if (head) {
    if (head.revision !== links.length - 1) {
      return {
        streamName,
        revision: Math.min(links.length, head.revision + 1),
        reason: `stream head records revision ${head.revision} but ${links.length} events are stored`,
      };
    }
    if (previous && !head.hash.equals(previous)) {
      return { streamName, revision: links.length - 1, reason: 'stream head hash differs from the last event' };
    }
  }
  return undefined;
}
