export * from './embedded';
export * from './connection';
export * from './runtime-database';
export * from './free-port';
