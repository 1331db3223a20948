/** Housing (住建局): public rental, the waitlist, tenancies and home purchases, stream `housing-<workerId>`. */
export * from './domain';
