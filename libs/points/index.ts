/** The points context (积分制): assessments with their breakdown, adjustments, vetoes, round ranking. */
export * from './domain/commands';
export * from './domain/events';
export * from './domain/state';
export * from './domain/context';
export { PointsRefusalCode, PointsStateError } from './domain/refusals';
export { pointsDecider, decidePoints } from './domain/decide';
export { evolvePoints } from './domain/evolve';
export { scorePoints, fullYears } from './domain/score';
export { rankRound, MixedFactorsVersionError } from './domain/ranking';
export type { RoundEntry, RankedEntry } from './domain/ranking';
