// The keyset page moved to the persistence kit; kept exported here for existing imports.
export { findKeysetPage, type KeysetPageRequest as PageRequest } from '@steward/persistence';
