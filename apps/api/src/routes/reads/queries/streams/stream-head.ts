import { EventStore, validateStreamName } from '@ledger/event-store';
import { problem, ProblemError } from '../../../../problem/problem';
import { categoryOf, ReadCredential, requireReadable } from '../../access';

/** 404 for a name outside the catalog or a stream with no events; 403 outside the credential’s categories. */
export async function streamHead(store: EventStore, streamName: string, credential: ReadCredential): Promise<number> {
  const category = categoryOf(streamName);
  if (!category) throw new ProblemError(problem('not-found', `No stream ${streamName}`));
  try {
    validateStreamName(streamName);
  } catch {
    throw new ProblemError(problem('not-found', `No stream ${streamName}`));
  }
  requireReadable(credential, category);
  const [head] = await store.readStream(streamName, { direction: 'backwards', maxCount: 1 });
  if (!head) throw new ProblemError(problem('not-found', `No stream ${streamName}`));
  return head.streamRevision;
}
