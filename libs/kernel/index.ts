export * from './calendar';
export * from './decision';
