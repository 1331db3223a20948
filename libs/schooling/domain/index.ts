export * from './commands';
export * from './context';
export * from './decide';
export * from './errors';
export * from './events';
export * from './evolve';
export * from './state';
