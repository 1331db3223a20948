export * from './calendar';
export * from './decision';
export * from './errors';
export * from './vocabularies';
