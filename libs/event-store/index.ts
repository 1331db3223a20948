export * from './port';
export * from './errors';
export * from './hash';
export * from './validation';
export * from './verification';
export * from './subscription';
export { PostgresEventStore } from './postgres/postgres-event-store';
export { migrateEventStore, EVENT_STORE_MIGRATIONS } from './postgres/migrations';
export * from './factory';
