export * from './clock';
export * from './errors';
export * from './input-guard';
export * from './execute-command';
export * from './stream-states';
export * from './catalog';
export * from './upcasters';
export * from './nest/ledger-commands.module';
