/** The residence-permit context: 居住登记, the permit, its 签注, lapses and restorations. */
export * from './domain/commands';
export * from './domain/events';
export * from './domain/state';
export * from './domain/context';
export { PermitRefusalCode, PermitStateError } from './domain/refusals';
export { permitDecider, decidePermit } from './domain/decide';
export { evolvePermit } from './domain/evolve';
export { decidePermitServices } from './domain/services';
export type { PermitServiceBasis } from './domain/services';
export { upcastPermitIssued, permitUpcasters } from './domain/upcasters';
