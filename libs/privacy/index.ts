/** Personal data under PIPL: envelope encryption, the 身份证号 blind index, restriction and erasure (docs/privacy.md). */
export * from './keys';
export * from './cipher';
export * from './fields';
export * from './private-event-store';
