export * from './projection';
export * from './projection-runner';
export * from './rebuild';
export * from './dead-letters';
export * from './lag';
export * from './schema';
export * from './row-set';
