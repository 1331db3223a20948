/** The worker context: identity, contact, qualifications, violations and 落户. */
export * from './domain/commands';
export * from './domain/events';
export * from './domain/state';
export * from './domain/context';
export * from './domain/levels';
export { WorkerRefusalCode, WorkerStateError } from './domain/refusals';
export { workerDecider, decideWorker } from './domain/decide';
export { evolveWorker } from './domain/evolve';
export { isValidIdNumber } from './domain/record-facts';
