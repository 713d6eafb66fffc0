import { z } from 'zod';
import { eventDefinitions } from './catalogue';
import type { EventDefinition } from './define-event';
import { CLOUDEVENTS_CONTENT_TYPE, HEADER_CE_ID, HEADER_CE_TYPE, HEADER_CONTENT_TYPE } from './kafka-headers';
import { Topics, dlqTopicOf, topicKinds, type CatalogueTopic } from './topic-catalogue';
import { topicSpecOfKind } from './topics';
import type { JsonValue } from './yaml';

const TOPIC_DESCRIPTIONS: Readonly<Record<CatalogueTopic, string>> = {
  [Topics.ticketEvents]: 'Ticket lifecycle events, keyed by ticket id. Kept forever.',
  [Topics.visitEvents]: 'Visit log events, keyed by visit id, and weekly duty verdicts, keyed compliance:<memberId>:<week>, and weekly duty warnings, keyed duty-at-risk:<memberId>:<unitId>:<role>:<week>. Kept forever.',
  [Topics.assessmentEvents]: 'Assessment events (period closings). Kept forever.',
  [Topics.notificationEvents]: 'Notification events (sent, failed, read), keyed by notification id. No message text. Kept forever.',
  [Topics.orgUnits]: 'Compacted: latest state of each org unit, keyed by unit id.',
  [Topics.members]: 'Compacted: latest state of each member, keyed by member id.',
  [Topics.households]: 'Compacted: latest state of each household, keyed by household id.',
  [Topics.ticketContacts]:
    'RESTRICTED (personal data: a phone in clear), read only by the notifications service, never by the warehouse. ' +
    'Compacted: how to reach the resident who reported a ticket, keyed by ticket id; an erasure record (no phone) replaces it when the ticket ends.',
};

/** The AsyncAPI 2.6 document: one channel per topic, one message per event type. */
export function buildAsyncApiDocument(): { [key: string]: JsonValue } {
  const channels: { [key: string]: JsonValue } = {};
  const messages: { [key: string]: JsonValue } = {};
  const schemas: { [key: string]: JsonValue } = {};

  for (const topic of Object.values(Topics)) {
    const definitions = eventDefinitions.filter((definition) => definition.topic === topic);
    const spec = topicSpecOfKind(topic, topicKinds[topic]);
    channels[topic] = {
      description: `${TOPIC_DESCRIPTIONS[topic]} Poison messages go to ${dlqTopicOf(topic)}.`,
      bindings: {
        kafka: {
          topic,
          partitions: spec.partitions,
          topicConfiguration: topicConfigurationBinding(spec.config),
          bindingVersion: '0.4.0',
        },
      },
      subscribe: {
        operationId: `consume.${topic}`,
        summary: `Events published to ${topic}`,
        message: { oneOf: definitions.map((definition) => ({ $ref: `#/components/messages/${definition.type}` })) },
      },
    };
  }

  for (const definition of eventDefinitions) {
    messages[definition.type] = messageComponent(definition);
    schemas[definition.type] = embeddedSchema(definition);
  }

  return {
    asyncapi: '2.6.0',
    id: 'urn:steward:events',
    info: {
      title: 'Village Steward events',
      version: '1.0.0',
      description:
        'CloudEvents 1.0 (structured JSON) published by the Village Steward services. ' +
        'The Kafka key is the aggregate id (CloudEvents subject). Changes within a v1 are additive: ' +
        'readers must ignore fields they do not know. Delivery is at-least-once: deduplicate by id or ' +
        'guard by (subject, aggregateversion).',
    },
    defaultContentType: CLOUDEVENTS_CONTENT_TYPE,
    channels,
    components: { messages, schemas },
  };
}

function messageComponent(definition: EventDefinition): JsonValue {
  return {
    name: definition.type,
    title: definition.type,
    contentType: CLOUDEVENTS_CONTENT_TYPE,
    headers: {
      type: 'object',
      properties: {
        [HEADER_CE_TYPE]: { type: 'string', const: definition.type },
        [HEADER_CE_ID]: { type: 'string', description: 'the envelope id' },
        [HEADER_CONTENT_TYPE]: { type: 'string', const: CLOUDEVENTS_CONTENT_TYPE },
      },
    },
    bindings: {
      kafka: { key: { type: 'string', description: 'aggregate id (= subject)' }, bindingVersion: '0.4.0' },
    },
    payload: { $ref: `#/components/schemas/${definition.type}` },
  };
}

function embeddedSchema(definition: EventDefinition): JsonValue {
  const schema = z.toJSONSchema(definition.envelopeSchema, { target: 'draft-7', io: 'input' }) as {
    [key: string]: JsonValue;
  };
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

function topicConfigurationBinding(config: Readonly<Record<string, string>>): JsonValue {
  const binding: { [key: string]: JsonValue } = {};
  for (const [name, value] of Object.entries(config)) {
    if (name === 'cleanup.policy') binding[name] = value.split(',');
    else if (name === 'retention.ms') binding[name] = Number(value);
  }
  return binding;
}
