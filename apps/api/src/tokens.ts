/** The read models' PostgreSQL pool (the embedded default, or DATABASE_URL). */
export const READ_POOL = Symbol('READ_POOL');
/** The deployment's policy pack (PolicyView): reads flag the illustrative rules their numbers come from. */
export const POLICY = Symbol('POLICY');
/** The in-process projector, when this process runs one (npm start). */
export const PROJECTOR = Symbol('PROJECTOR');
/** The ledger's clock (libs/application/clock.ts): the city's today for reads that default to it. */
export const LEDGER_CLOCK = Symbol('LEDGER_CLOCK');
