import type { EventDefinition } from './define-event';
import { UnknownEventTypeError } from './errors';
import { assessmentEvents } from './schemas/assessment';
import { householdEvents } from './schemas/households';
import { memberEvents } from './schemas/members';
import { notificationEvents } from './schemas/notifications';
import { orgUnitEvents } from './schemas/org-units';
import { ticketContactEvents } from './schemas/ticket-contacts';
import { ticketEvents } from './schemas/tickets';
import { visitEvents } from './schemas/visits';

/** Every event definition, in catalogue order. Additions only within a v1. */
export const eventDefinitions: readonly EventDefinition[] = [
  ...ticketEvents,
  ...visitEvents,
  ...assessmentEvents,
  ...notificationEvents,
  ...orgUnitEvents,
  ...memberEvents,
  ...householdEvents,
  ...ticketContactEvents,
];

/** Event type → definition. */
export const eventCatalogue: ReadonlyMap<string, EventDefinition> = new Map(
  eventDefinitions.map((definition) => [definition.type, definition]),
);

if (eventCatalogue.size !== eventDefinitions.length) {
  throw new Error('@steward/events: duplicate event type in the catalogue');
}

export function findEventDefinition(type: string): EventDefinition | undefined {
  return eventCatalogue.get(type);
}

export function getEventDefinition(type: string): EventDefinition {
  const definition = findEventDefinition(type);
  if (!definition) throw new UnknownEventTypeError(type);
  return definition;
}
