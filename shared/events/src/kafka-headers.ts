/**
 * Headers set on every event message. The value is a structured-mode CloudEvent
 * (content-type application/cloudevents+json); ce_type and ce_id copy two of
 * its attributes (named as in the CloudEvents Kafka binding) so routers, DLQ
 * tools and dedup filters can read them without parsing the value.
 */
export const HEADER_CE_TYPE = 'ce_type';
export const HEADER_CE_ID = 'ce_id';
export const HEADER_CONTENT_TYPE = 'content-type';
export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json';

/** Headers added to a message parked on a dead-letter topic. */
export const DLQ_HEADER_ERROR = 'dlq-error';
export const DLQ_HEADER_REASON = 'dlq-reason';
export const DLQ_HEADER_ORIGINAL_TOPIC = 'dlq-original-topic';
export const DLQ_HEADER_ORIGINAL_PARTITION = 'dlq-original-partition';
export const DLQ_HEADER_ORIGINAL_OFFSET = 'dlq-original-offset';
/** the consumer group that gave up on the message (several groups read one topic) */
export const DLQ_HEADER_CONSUMER_GROUP = 'dlq-consumer-group';

export const DLQ_HEADERS = {
  error: DLQ_HEADER_ERROR,
  reason: DLQ_HEADER_REASON,
  originalTopic: DLQ_HEADER_ORIGINAL_TOPIC,
  originalPartition: DLQ_HEADER_ORIGINAL_PARTITION,
  originalOffset: DLQ_HEADER_ORIGINAL_OFFSET,
  consumerGroup: DLQ_HEADER_CONSUMER_GROUP,
} as const;

/** Why a message was dead-lettered. */
export type DlqReason = 'invalid' | 'unknown-type' | 'handler-failed';
