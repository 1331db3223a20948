export * from './command-headers';
export * from './etag';
export * from './idempotency.interceptor';
export * from './idempotency.store';
