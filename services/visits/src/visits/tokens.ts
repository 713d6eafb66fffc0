/** `() => void` that wakes the visits outbox relay after a write (publish now instead of at the next poll). */
export const VISITS_RELAY_KICK = Symbol('VISITS_RELAY_KICK');
