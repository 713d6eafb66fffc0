/** Injection tokens the kit provides to every service. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const LOGGER = Symbol('LOGGER');
export const MONGO_CONNECTION = Symbol('MONGO_CONNECTION');
export const KAFKA = Symbol('KAFKA');
export const EVENT_PRODUCER = Symbol('EVENT_PRODUCER');
/** The service's replica of `steward.org.units.v1` (the `StateReplica` behind `OrgTree`), for its progress. */
export const ORG_UNITS_REPLICA = Symbol('ORG_UNITS_REPLICA');
