import { findEventDefinition } from './catalogue';
import type { EventEnvelope } from './envelope';
import { eventEnvelopeSchema } from './envelope';
import { describeIssues, errorMessage } from './errors';
import type { DlqReason } from './kafka-headers';

export type DecodedMessage =
  | { ok: true; event: EventEnvelope }
  | { ok: false; reason: Exclude<DlqReason, 'handler-failed'>; error: string };

/**
 * Turns a Kafka message value into a validated envelope: JSON, then the
 * envelope attributes, then `data` against the catalogue schema of its type.
 * Anything else is poison: 'unknown-type' when the type is not in the
 * catalogue, 'invalid' otherwise. Unknown fields are accepted and dropped.
 */
export function decodeEventMessage(value: Buffer | string | null): DecodedMessage {
  if (value === null || value.length === 0) return { ok: false, reason: 'invalid', error: 'empty message value' };
  let json: unknown;
  try {
    json = JSON.parse(value.toString());
  } catch (error) {
    return { ok: false, reason: 'invalid', error: `value is not JSON: ${errorMessage(error)}` };
  }

  const envelope = eventEnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    return { ok: false, reason: 'invalid', error: `invalid envelope: ${describeIssues(envelope.error.issues)}` };
  }
  const definition = findEventDefinition(envelope.data.type);
  if (!definition) {
    return { ok: false, reason: 'unknown-type', error: `unknown event type ${envelope.data.type}` };
  }
  const event = definition.envelopeSchema.safeParse(json);
  if (!event.success) {
    return {
      ok: false,
      reason: 'invalid',
      error: `invalid ${definition.type}: ${describeIssues(event.error.issues)}`,
    };
  }
  return { ok: true, event: event.data };
}
