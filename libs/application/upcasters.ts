import { UpcasterRegistry } from '@ledger/kernel/upcasting';
import { permitUpcasters } from '@ledger/residence-permit';

/** Every context's upcasters: writers write at the current version, readers upcast old ones. */
export const EVENT_UPCASTERS = new UpcasterRegistry().include(permitUpcasters);
