/** The insurance context's public surface: its stream's commands, events, decider and state queries. */
export * from './domain';
