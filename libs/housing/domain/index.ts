export * from './commands';
export * from './context';
export * from './decide';
export * from './errors';
export * from './events';
export * from './evolve';
export { assessRental, workedBy, RENTAL_RULE_IDS, type RentalAssessment } from './rental-rules';
export * from './state';
