export * from './aggregate-store';
export * from './attempt-slot-collection';
export * from './attempt-slots';
export * from './key-order';
export * from './keyset-page';
export * from './lease';
export * from './lease-schedule';
export * from './outbox';
export * from './retry';
export * from './scope';
export * from './versioned-update';
export * from './write-claims';
export * from './write-claims-mode';
// the one duplicate-key test lives in @steward/events (its idempotency helpers need it); services take it from here
export { isDuplicateKeyError, refusedDuplicates, DUPLICATE_KEY_ERROR_CODE, type DuplicateKeyOptions } from '@steward/events';
