// moved to the persistence kit; kept exported here for existing imports
export { findKeysetPage } from '@steward/persistence';
