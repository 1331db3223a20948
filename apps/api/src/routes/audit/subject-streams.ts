import { CONTEXTS } from '@ledger/application';
import { categoryOf } from '../reads/access';

/** The streams about the subject of `streamName`: for a worker, one per worker category. */
export function subjectStreams(streamName: string): string[] {
  const category = categoryOf(streamName);
  const context = CONTEXTS.find((c) => c.category === category);
  if (!category || !context) return [streamName];
  const id = streamName.slice(category.length + 1);
  return CONTEXTS.filter((c) => c.subject === context.subject).map((c) => `${c.category}-${id}`);
}
