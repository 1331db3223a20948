export * from './commands';
export * from './context';
export * from './decide';
export * from './events';
export * from './evolve';
export * from './months';
export * from './schemes';
export * from './state';
