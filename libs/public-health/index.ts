/** A worker's own public health services (卫健委), stream `public-health-<workerId>`: panzhihua-2016-10 §(十四). */
export * from './domain/commands';
export * from './domain/events';
export { publicHealthDecider, evolvePublicHealth, PublicHealthStateError } from './domain/decide';
export type { PublicHealthState, PublicHealthContext } from './domain/decide';
export { decidePremaritalCheckFee } from './domain/premarital-check';
