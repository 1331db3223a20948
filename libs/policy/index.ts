export * from './schema';
export * from './pack';
export * from './loader';
export * from './decisions';
export { RULE_PARAMS } from './params';
