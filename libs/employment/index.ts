/** The employment context's public surface: worker and firm streams' commands, events, deciders and state. */
export * from './domain';
