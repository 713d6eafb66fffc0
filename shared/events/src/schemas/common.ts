import { z } from 'zod';
import { isoDateTimeSchema } from '../envelope';

/*
 * Why plain `z.object` everywhere (not `z.strictObject`, not `z.looseObject`):
 *
 * - Consumers must accept events from producers that are newer than they are
 *   (changes within a v1 are additive). `z.object` accepts unknown keys, so an
 *   added field never turns a message into poison; it is dropped from the
 *   parsed copy handed to the handler, which could not know it anyway.
 *   `z.strictObject` would reject it, which is exactly what must not happen.
 * - Producers get their strictness from the types (object literals passed to
 *   `createEvent` are checked for excess properties by TypeScript) and from
 *   the required fields, enums and formats checked at runtime. A stray field a
 *   producer slips past the types is stripped before the event is stored or
 *   sent, so nothing outside the contract ever reaches the topic.
 *   `z.looseObject` would instead forward such fields to the wire unchecked.
 * - The exported JSON Schemas use zod's input view, which leaves
 *   `additionalProperties` open, so warehouse consumers tolerate additions too.
 */

export const isoDateTime = isoDateTimeSchema;
export const entityId = z.string().min(1);
export const nullableId = entityId.nullable().optional();
export const nullableIsoDateTime = isoDateTime.nullable().optional();
export const orgPath = z.array(entityId).describe('org unit ids from the city down to the unit (snapshot)');
